"""``cart.order``: ``Mage_Sales_Model_Service_Quote::submitAll`` in short.

Checks in Magento's order (its messages, under fault 1008 "create_order_fault"): the shipping address,
the shipping method, the billing address, the payment method, then stock (``Not all products are
available in the requested quantity``). A quote without a customer answers "Please specify the
customer." (synthesized: the real message is unknown). Placing decrements each SKU's quantity, makes
the quote inactive and answers the increment id as a string (recorded).

An order is stored in ``sales_order.info``'s shape: ``order`` (the flat order fields, every value a
string or null), ``billing_address``, ``shipping_address``, ``items`` (``order_items.py``: a
configurable sells as a parent line carrying the price and a hidden child line with ``parent_item_id``,
as Magento stores it), ``payment`` and
``status_history`` (newest first).
"""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.magento1 import checkout, inventory
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.cart import line_price, quote, subtotal
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.sandbox.magento1.order_columns import history_entry
from aliexpress_magento.sandbox.magento1.order_items import order_items
from aliexpress_magento.sandbox.magento1.values import decimal4

JsonDict = dict[str, Any]
RESOURCE = "cart"
FIRST_INCREMENT = 100000001


def place(ctx: Call, quote_id: object, store: object = None, agreements: object = None) -> str:
    cart = quote(ctx, quote_id, store, RESOURCE)
    problem = _problem(ctx, cart)
    if problem:
        raise fault("create_order_fault", RESOURCE, problem)
    order = _order(ctx, cart)
    for line in cart["items"]:
        inventory.move(ctx.world, line["sku"], -line["qty"])
    cart["is_active"] = False
    ctx.world.orders[order["order"]["order_id"]] = order
    return str(order["order"]["increment_id"])


def totals(ctx: Call, quote_id: object, store: object = None) -> list[JsonDict]:
    """``cart.totals``: as recorded, subtotal and grand total are numbers while the shipping amount is a
    decimal string (the shipping row appears once a method is chosen)."""
    cart = quote(ctx, quote_id, store, RESOURCE)
    sub = subtotal(ctx, cart)
    rows: list[JsonDict] = [{"title": "Subtotal", "amount": sub}]
    shipping = 0.0
    if cart["shipping_method"] is not None:
        shipping = checkout.FLAT_RATE_PER_ITEM * sum(line["qty"] for line in cart["items"])
        rows.append({"title": "Shipping & Handling (Flat Rate - Fixed)", "amount": decimal4(shipping)})
    rows.append({"title": "Grand Total", "amount": round(sub + shipping, 4)})
    return rows


def _problem(ctx: Call, cart: JsonDict) -> str:
    shipping = checkout.address_problems(cart["shipping"] or {})
    if shipping:
        return "Please check shipping address information. " + " ".join(shipping)
    if cart["shipping_method"] is None:
        return "Please specify a shipping method."
    billing = checkout.address_problems(cart["billing"] or {})
    if billing:
        return "Please check billing address information. " + " ".join(billing)
    if cart["payment_method"] is None:
        return "Please select a valid payment method."
    if cart["customer"] is None:
        return "Please specify the customer."
    for line in cart["items"]:
        product = ctx.world.catalog.get(line["sku"])
        if product is None or not inventory.takes(ctx.world, product, line["qty"]):
            return "Not all products are available in the requested quantity"
    return ""


def _order(ctx: Call, cart: JsonDict) -> JsonDict:
    entity_id = ctx.world.next_id("order")
    increment = str(ctx.world.next_id("order_increment", FIRST_INCREMENT))
    items = _items(ctx, cart, {"order_id": str(entity_id), "created_at": ctx.stamp})
    subtotal = sum(float(i["row_total"]) for i in items)
    shipping = checkout.FLAT_RATE_PER_ITEM * sum(line["qty"] for line in cart["items"])
    customer = cart["customer"]
    base = {
        "order_id": str(entity_id), "increment_id": increment, "store_id": "1",
        "quote_id": str(cart["quote_id"]),
        "customer_id": customer["customer_id"], "customer_email": customer["email"],
        "customer_firstname": customer["firstname"], "customer_lastname": customer["lastname"],
        "customer_is_guest": "1" if customer["customer_id"] is None else "0",
        "customer_group_id": "0" if customer["customer_id"] is None else "1",
        "state": "new", "status": "pending", "ext_order_id": None, "base_currency_code": "USD",
        "global_currency_code": "USD", "order_currency_code": "USD", "store_currency_code": "USD",
        "shipping_method": cart["shipping_method"], "shipping_description": "Flat Rate - Fixed",
        "subtotal": decimal4(subtotal), "base_subtotal": decimal4(subtotal),
        "shipping_amount": decimal4(shipping), "base_shipping_amount": decimal4(shipping),
        "tax_amount": decimal4(0), "discount_amount": decimal4(0),
        "grand_total": decimal4(subtotal + shipping), "base_grand_total": decimal4(subtotal + shipping),
        "total_qty_ordered": decimal4(sum(line["qty"] for line in cart["items"])),
        "total_item_count": str(len(cart["items"])), "created_at": ctx.stamp, "updated_at": ctx.stamp,
    }  # fmt: skip
    return {
        "order": base,
        "billing_address": _address(cart["billing"], "billing", entity_id, 2 * entity_id - 1),
        "shipping_address": _address(cart["shipping"], "shipping", entity_id, 2 * entity_id),
        "items": items,
        "payment": {
            "payment_id": str(entity_id), "parent_id": str(entity_id), "method": cart["payment_method"],
            "amount_ordered": base["grand_total"], "base_amount_ordered": base["grand_total"],
            "shipping_amount": base["shipping_amount"], "amount_paid": None,
        },
        "status_history": [history_entry(base, ctx.stamp, "order", None, "1")],
    }  # fmt: skip


def _address(address: JsonDict, kind: str, order_id: int, address_id: int) -> JsonDict:
    return {**address, "address_id": str(address_id), "parent_id": str(order_id), "address_type": kind}


def _items(ctx: Call, cart: JsonDict, head: JsonDict) -> list[JsonDict]:
    return [
        item for line in cart["items"] for item in order_items(ctx.world, head, line, line_price(ctx, line))
    ]


METHODS = {"cart.order": Method(RESOURCE, place), "cart.totals": Method(RESOURCE, totals)}
