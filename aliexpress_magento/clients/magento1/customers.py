"""``customer.list`` and ``customer.create``.

``customer.list`` is always sent a filters argument (``{}`` for every customer): OpenMage on PHP 8
answers HTTP 500 without it (recorded quirk).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from .filters import Filters
from .session import Session
from .values import objs, text, to_int


class NewCustomer(TypedDict, total=False):
    email: str
    firstname: str
    lastname: str
    website_id: int
    store_id: int
    group_id: int
    password: str


@dataclass(frozen=True)
class CustomerRow:
    customer_id: int
    email: str
    firstname: str
    lastname: str
    group_id: int
    website_id: int
    created_at: str


class Customers:
    def __init__(self, session: Session) -> None:
        self._session = session

    def search(self, filters: Filters | None = None) -> list[CustomerRow]:
        return [
            CustomerRow(
                customer_id=to_int(c.get("customer_id")),
                email=text(c, "email"),
                firstname=text(c, "firstname"),
                lastname=text(c, "lastname"),
                group_id=to_int(c.get("group_id")),
                website_id=to_int(c.get("website_id")),
                created_at=text(c, "created_at"),
            )
            for c in objs(self._session.call("customer.list", [filters or {}]))
        ]

    def create(self, customer: NewCustomer) -> int:
        return to_int(self._session.call("customer.create", [dict(customer)], idempotent=False))
