"""Shared request sequences: a customer, a cart checkout, a direct order."""

from __future__ import annotations

from typing import Any

from tests.sandbox.magento2.conftest import Api

ADDRESS = {
    "firstname": "Ana",
    "lastname": "Perez",
    "street": ["1 Main St"],
    "city": "Austin",
    "region_id": 57,
    "region_code": "TX",
    "region": "Texas",
    "postcode": "78701",
    "country_id": "US",
    "telephone": "5125550100",
    "email": "ana@example.com",
}
SHIPPING_INFO = {
    "shipping_address": ADDRESS,
    "billing_address": ADDRESS,
    "shipping_carrier_code": "flatrate",
    "shipping_method_code": "flatrate",
}


def guest_cart(api: Api) -> int:
    return int(api.ok("POST", "/rest/V1/carts/"))


def add(api: Api, cart: int, sku: str, qty: float = 1, options: list[dict[str, Any]] | None = None) -> Any:
    item: dict[str, Any] = {"sku": sku, "qty": qty, "quote_id": str(cart)}
    if options is not None:
        item["product_option"] = {"extension_attributes": {"configurable_item_options": options}}
    return api.request("POST", f"/rest/V1/carts/{cart}/items", json={"cartItem": item})


def checkout(api: Api, cart: int) -> int:
    api.ok("POST", f"/rest/V1/carts/{cart}/shipping-information", json={"addressInformation": SHIPPING_INFO})
    order_id = api.ok("PUT", f"/rest/V1/carts/{cart}/order", json={"paymentMethod": {"method": "checkmo"}})
    assert isinstance(order_id, int)
    return order_id


def quote_order(api: Api, lines: list[tuple[str, float]]) -> int:
    cart = guest_cart(api)
    for sku, qty in lines:
        assert add(api, cart, sku, qty).status_code == 200
    return checkout(api, cart)


def direct_entity(sku: str, qty: float, increment_id: str, ext_order_id: str) -> dict[str, Any]:
    return {
        "increment_id": increment_id,
        "ext_order_id": ext_order_id,
        "customer_email": "buyer@example.com",
        "customer_firstname": "Li",
        "customer_lastname": "Wei",
        "base_grand_total": 30,
        "grand_total": 30,
        "subtotal": 25,
        "shipping_amount": 5,
        "order_currency_code": "USD",
        "state": "new",
        "status": "pending",
        "items": [
            {"sku": sku, "qty_ordered": qty, "price": 25 / qty, "row_total": 25, "product_type": "simple"}
        ],
        "billing_address": {**ADDRESS, "address_type": "billing"},
        "payment": {"method": "checkmo"},
        "extension_attributes": {
            "shipping_assignments": [
                {
                    "shipping": {
                        "address": {**ADDRESS, "address_type": "shipping"},
                        "method": "flatrate_flatrate",
                    }
                }
            ]
        },
    }


def direct_order(
    api: Api,
    sku: str,
    qty: float,
    increment_id: str = "AE-8100000000000123",
    ext_order_id: str = "8100000000000123",
) -> dict[str, Any]:
    body: dict[str, Any] = api.ok(
        "POST", "/rest/V1/orders", json={"entity": direct_entity(sku, qty, increment_id, ext_order_id)}
    )
    return body
