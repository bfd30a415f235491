"""The customer and customer-cart answers recorded on a real Magento 2.4.7-p7 (the lab store, website `base`
id 1 and `second` id 2; tests/fixtures/magento2-recorded/orders-customers/) replayed on the sandbox: the
calls behind ``Store.ensure_customer`` and a customer's quote order. Ids and dates differ."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aliexpress_magento.sandbox.magento2 import Magento2Sandbox

from .conftest import Api, criteria, sellable_simple
from .test_recordings import same_shape

RECORDED = Path(__file__).resolve().parents[2] / "fixtures" / "magento2-recorded" / "orders-customers"
EMAIL = "rec-ae@example.com"


def recorded(name: str) -> dict[str, Any]:
    return dict(json.loads((RECORDED / f"{name}.json").read_text()))


def _customer(api: Api, website_id: int, email: str = EMAIL) -> Any:
    body = {
        "customer": {
            "email": email,
            "firstname": "AliExpress",
            "lastname": "Customer",
            "website_id": website_id,
        }
    }
    return api.request("POST", "/rest/V1/customers", json=body)


def test_the_same_email_is_refused_in_its_website_in_any_case_with_the_recorded_answer(api: Api) -> None:
    created = _customer(api, 1)
    assert created.status_code == 200
    assert same_shape(recorded("customers.create")["body"], created.json()) == []
    for again, name in ((EMAIL, "duplicate_email"), (EMAIL.upper(), "duplicate_email_other_case")):
        answer = _customer(api, 1, again)
        assert (answer.status_code, answer.json()) == (400, recorded(f"customers.create.{name}")["body"])


def test_one_email_has_a_customer_in_each_website_and_the_website_filter_picks_one(api: Api) -> None:
    first, second = _customer(api, 1).json(), _customer(api, 2).json()
    assert recorded("customers.create.website_2")["status"] == 200
    both = api.get("/rest/V1/customers/search", **criteria([("email", EMAIL, "eq")])).json()
    assert [c["id"] for c in both["items"]] == [first["id"], second["id"]]
    assert len(recorded("customers.search.two_websites")["body"]["items"]) == 2
    mine = criteria([("email", EMAIL.upper(), "eq")], [("website_id", "2", "eq")])
    assert [c["id"] for c in api.get("/rest/V1/customers/search", **mine).json()["items"]] == [second["id"]]
    assert [c["website_id"] for c in recorded("customers.search.website_2")["body"]["items"]] == [2]


def test_a_customers_cart_is_the_same_until_ordered_and_a_removed_line_is_gone(
    api: Api, sandbox: Magento2Sandbox
) -> None:
    customer = _customer(api, 1).json()["id"]
    cart = api.ok("POST", f"/rest/V1/customers/{customer}/carts")
    assert type(cart) is type(recorded("customer_cart.create")["body"])  # a bare integer
    sku = sellable_simple(sandbox).sku
    item = api.ok("POST", f"/rest/V1/carts/{cart}/items", json={"cartItem": {"sku": sku, "qty": 2}})
    assert api.ok("POST", f"/rest/V1/customers/{customer}/carts") == cart  # recorded: create.with_items
    assert api.ok("DELETE", f"/rest/V1/carts/{cart}/items/{item['item_id']}") is True
    assert api.ok("GET", f"/rest/V1/carts/{cart}/items") == []
    again = api.request("DELETE", f"/rest/V1/carts/{cart}/items/{item['item_id']}")
    expected = recorded("customer_cart.remove_item.again")["body"]
    assert (again.status_code, again.json()) == (404, expected | {"parameters": [cart, item["item_id"]]})


def test_a_customer_id_that_does_not_exist_has_no_cart(api: Api) -> None:
    answer = api.request("POST", "/rest/V1/customers/999999/carts")
    assert (answer.status_code, answer.json()) == (404, recorded("customers.carts.unknown_customer")["body"])
