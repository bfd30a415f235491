"""The customer calls recorded on the lab OpenMage LTS 20.18 (websites 1 and 2; tests/fixtures/
openmage-recorded/orders-customers/) replayed on the sandbox: the calls behind ``Store.ensure_customer``
and a customer's cart. Ids, dates and confirmation keys differ."""

from __future__ import annotations

from typing import Any

from .conftest import Fault, Rpc
from .test_recordings import assert_same_shape, recorded

EMAIL = "rec-ae@example.com"


def orders(name: str) -> Any:
    return recorded(f"orders-customers/{name}")


def as_fault(answer: dict[str, Any]) -> Fault:
    return Fault(answer["fault"], answer["message"])


def _new(email: str = EMAIL, website: int = 1, store: int = 1) -> dict[str, Any]:
    return {
        "email": email,
        "firstname": "AliExpress",
        "lastname": "Customer",
        "website_id": website,
        "store_id": store,
    }


def test_the_same_email_is_refused_in_its_website_in_any_case_with_fault_100(rpc: Rpc) -> None:
    created = rpc.call("customer.create", _new())
    assert type(created) is type(orders("customer.create")["response"])  # the id as a string
    for again, name in ((EMAIL, "duplicate_email"), (EMAIL.upper(), "duplicate_email_other_case")):
        refused = rpc.call("customer.create", _new(again))
        assert refused == as_fault(orders(f"customer.create.{name}")["response"])
    [row] = rpc.call("customer.list", {"email": EMAIL.upper()})
    assert_same_shape(row, orders("customer.list.found_other_case")["response"][0])


def test_one_email_has_a_customer_in_each_website_and_the_website_filter_picks_one(rpc: Rpc) -> None:
    first = rpc.call("customer.create", _new())
    second = rpc.call("customer.create", _new(website=2, store=3))
    rows = rpc.call("customer.list", {"email": EMAIL})
    assert [r["customer_id"] for r in rows] == [first, second]
    assert len(orders("customer.list.two_websites")["response"]) == 2
    [mine] = rpc.call("customer.list", {"email": EMAIL, "website_id": 2})
    assert (mine["customer_id"], mine["website_id"]) == (second, "2")
    assert [r["website_id"] for r in orders("customer.list.website_2")["response"]] == ["2"]


def test_a_customer_created_without_website_is_the_admins(rpc: Rpc) -> None:
    rpc.call("customer.create", {"email": EMAIL, "firstname": "AliExpress", "lastname": "Customer"})
    [row] = rpc.call("customer.list", {"email": EMAIL})
    [real] = orders("customer.list.no_website")["response"]
    wanted = ("website_id", "store_id", "created_in")
    assert [row[k] for k in wanted] == [real[k] for k in wanted] == ["0", "0", "Admin"]


def test_a_quote_set_to_an_unknown_customer_is_the_recorded_fault(rpc: Rpc) -> None:
    quote = rpc.call("cart.create", "default")
    refused = rpc.call("cart_customer.set", quote, {"mode": "customer", "customer_id": 999999})
    assert refused == as_fault(orders("cart_customer.set.unknown_customer")["response"])
