"""Customers (fact sheet §6): search (e.g. by e-mail) and create."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict

from .connection import Connection
from .search import Pager, SearchCriteria
from .values import opt_int, text, to_int


class Region(TypedDict, total=False):
    region_code: str
    region: str
    region_id: int


class Address(TypedDict):
    """A postal address as Magento's cart, order and customer routes take it."""

    firstname: str
    lastname: str
    street: list[str]
    city: str
    postcode: str
    country_id: str
    telephone: str
    email: NotRequired[str]
    region: NotRequired[str]
    region_id: NotRequired[int]
    region_code: NotRequired[str]
    company: NotRequired[str]


class NewCustomer(TypedDict):
    email: str
    firstname: str
    lastname: str
    website_id: NotRequired[int]
    store_id: NotRequired[int]
    group_id: NotRequired[int]
    addresses: NotRequired[list[dict[str, Any]]]


@dataclass(frozen=True)
class Customer:
    id: int
    email: str
    firstname: str
    lastname: str
    website_id: int
    group_id: int
    default_billing: int | None
    default_shipping: int | None


def parse_customer(data: Mapping[str, Any]) -> Customer:
    return Customer(
        id=to_int(data.get("id")),
        email=text(data, "email"),
        firstname=text(data, "firstname"),
        lastname=text(data, "lastname"),
        website_id=opt_int(data.get("website_id")) or 0,
        group_id=opt_int(data.get("group_id")) or 0,
        # String ids on a real store ("1"), ints in the schema.
        default_billing=opt_int(data.get("default_billing")),
        default_shipping=opt_int(data.get("default_shipping")),
    )


class Customers:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def search(self, criteria: SearchCriteria) -> Pager:
        return Pager(lambda params: self._c.get("/V1/customers/search", params), criteria)

    def iter(self, criteria: SearchCriteria) -> Iterator[Customer]:
        return (parse_customer(c) for c in self.search(criteria).items())

    def find_by_email(self, email: str, website_id: int | None = None) -> Customer | None:
        """The customer with ``email`` (case-insensitive on a real store), in ``website_id`` when given:
        with accounts shared per website one e-mail has a customer in each website (recorded)."""
        criteria = SearchCriteria().where("email", email)
        if website_id is not None:
            criteria = criteria.where("website_id", website_id)
        return next(self.iter(criteria.limit(1)), None)

    def get(self, customer_id: int) -> Customer:
        return parse_customer(self._c.get(f"/V1/customers/{customer_id}"))

    def create(self, customer: NewCustomer, password: str | None = None) -> Customer:
        body: dict[str, Any] = {"customer": dict(customer)}
        if password is not None:
            body["password"] = password
        return parse_customer(self._c.post("/V1/customers", body))
