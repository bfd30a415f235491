"""Order entities in the shape ``GET /V1/orders/{id}`` answers on 2.4.7-p3, built from a cart (the quote
method: catalog prices, reservations appended) or from a raw ``POST /V1/orders`` entity (the direct
method: the caller's prices and totals, no reservation). Keys starting with ``_`` are internal.

A configurable line is two items, as recorded: the parent line (child's SKU, parent's name and product
id, the price, ``product_option``) and the child line (price 0, ``parent_item_id`` and the full
``parent_item``). The shipping address lives in ``extension_attributes.shipping_assignments`` only.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, Product
from aliexpress_magento.sandbox.magento2 import errors, inventory
from aliexpress_magento.sandbox.magento2.sales import quote
from aliexpress_magento.sandbox.magento2.world import World

JsonDict = dict[str, Any]
money = quote.money
STATUSES = {  # state → the statuses assigned to it in a stock install
    "new": ("pending",), "pending_payment": ("pending_payment",), "processing": ("processing",),
    "complete": ("complete",), "closed": ("closed",), "canceled": ("canceled",), "holded": ("holded",),
    "payment_review": ("payment_review", "fraud"),
}  # fmt: skip
CHILD_UNSET = ("base_discount_tax_compensation_amount", "base_original_price", "base_price_incl_tax",
               "discount_tax_compensation_amount", "price_incl_tax")  # fmt: skip
DEFAULT_STORE_NAME = "Main Website\nMain Website Store\nDefault Store View"  # website, group, view
QTY_FIELDS = ("qty_ordered", "qty_invoiced", "qty_shipped", "qty_canceled", "qty_refunded")


def order_item(order: JsonDict, item_id: int, sku: str, name: str, product_id: int | None,
               product_type: str, qty: float, price: float, stamp: str) -> JsonDict:  # fmt: skip
    row = money(price * qty)
    item: JsonDict = {
        "item_id": item_id, "order_id": order["entity_id"], "sku": sku, "name": name,
        "product_type": product_type, "qty_ordered": money(qty), "qty_invoiced": 0, "qty_shipped": 0,
        "qty_canceled": 0, "qty_refunded": 0, "price": money(price), "base_price": money(price),
        "original_price": money(price), "base_original_price": money(price), "price_incl_tax": money(price),
        "base_price_incl_tax": money(price), "row_total": row, "base_row_total": row,
        "row_total_incl_tax": row, "base_row_total_incl_tax": row, "row_invoiced": 0, "base_row_invoiced": 0,
        "tax_amount": 0, "base_tax_amount": 0, "tax_invoiced": 0, "base_tax_invoiced": 0, "tax_percent": 0,
        "discount_amount": 0, "base_discount_amount": 0, "discount_invoiced": 0, "base_discount_invoiced": 0,
        "discount_percent": 0, "discount_tax_compensation_amount": 0,
        "base_discount_tax_compensation_amount": 0, "amount_refunded": 0, "base_amount_refunded": 0,
        "free_shipping": 0, "is_qty_decimal": 0, "is_virtual": 0, "no_discount": 0, "weight": 1,
        "row_weight": money(qty), "store_id": 1, "created_at": stamp, "updated_at": stamp,
        "extension_attributes": {"itemized_taxes": []},
    }  # fmt: skip
    if product_id is not None:
        item["product_id"] = product_id
    return item


def address(world: World, order_id: int, kind: str, sent: JsonDict, email: str) -> JsonDict:
    from aliexpress_magento.sandbox.magento2.customers import region

    found = region(sent)
    return {
        "address_type": kind, "entity_id": world.next_id("order_address"), "parent_id": order_id,
        "firstname": str(sent.get("firstname", "")), "lastname": str(sent.get("lastname", "")),
        "street": list(sent.get("street") or []), "city": str(sent.get("city", "")),
        "region": found["region"], "region_code": found["region_code"], "region_id": found["region_id"],
        "postcode": str(sent.get("postcode", "")), "country_id": str(sent.get("country_id", "US")),
        "telephone": str(sent.get("telephone", "")), "email": str(sent.get("email") or email),
    }  # fmt: skip


def base(world: World, entity_id: int, increment_id: str, stamp: str) -> JsonDict:
    return {
        "entity_id": entity_id, "increment_id": increment_id, "state": "new", "status": "pending",
        "store_id": 1, "store_name": DEFAULT_STORE_NAME,
        "created_at": stamp, "updated_at": stamp, "base_currency_code": "USD", "global_currency_code": "USD",
        "order_currency_code": "USD", "store_currency_code": "USD", "base_to_global_rate": 1,
        "base_to_order_rate": 1, "store_to_base_rate": 0, "store_to_order_rate": 0, "is_virtual": 0,
        "email_sent": 1, "customer_note_notify": 1, "remote_ip": "127.0.0.1",
        "protect_code": hashlib.md5(f"{entity_id}-{stamp}".encode()).hexdigest(),  # noqa: S324 - an id
        "status_histories": [], "discount_amount": 0, "base_discount_amount": 0, "tax_amount": 0,
        "base_tax_amount": 0, "discount_tax_compensation_amount": 0,
        "base_discount_tax_compensation_amount": 0, "shipping_discount_amount": 0,
        "base_shipping_discount_amount": 0, "shipping_tax_amount": 0, "base_shipping_tax_amount": 0,
        "shipping_discount_tax_compensation_amount": 0, "base_shipping_discount_tax_compensation_amnt": 0,
    }  # fmt: skip


def _totals(order: JsonDict, subtotal: float, shipping: float, grand: float) -> None:
    order.update({
        "subtotal": money(subtotal), "base_subtotal": money(subtotal), "subtotal_incl_tax": money(subtotal),
        "base_subtotal_incl_tax": money(subtotal), "shipping_amount": money(shipping),
        "base_shipping_amount": money(shipping), "shipping_incl_tax": money(shipping),
        "base_shipping_incl_tax": money(shipping), "grand_total": money(grand),
        "base_grand_total": money(grand), "total_due": money(grand), "base_total_due": money(grand),
    })  # fmt: skip


def _customer(order: JsonDict, cart: JsonDict, billing: JsonDict) -> None:
    customer = cart.get("customer") or {}
    if cart.get("customer_is_guest", True) or not customer.get("id"):
        order.update({"customer_is_guest": 1, "customer_group_id": 0, "customer_email": billing["email"],
                      "customer_firstname": billing["firstname"],
                      "customer_lastname": billing["lastname"]})  # fmt: skip
        return
    order.update({"customer_is_guest": 0, "customer_id": customer["id"], "customer_group_id": 1,
                  "customer_email": customer["email"], "customer_firstname": customer["firstname"],
                  "customer_lastname": customer["lastname"]})  # fmt: skip


def payment(order: JsonDict, method: str) -> None:
    grand, shipping = order.get("grand_total"), order.get("shipping_amount", 0)
    order["payment"] = {
        "account_status": None, "additional_information": ["Check / Money order"], "amount_ordered": grand,
        "base_amount_ordered": grand, "base_shipping_amount": shipping, "cc_last4": None,
        "entity_id": order["entity_id"], "method": method, "parent_id": order["entity_id"],
        "shipping_amount": shipping,
    }  # fmt: skip


def _cart_lines(world: World, order: JsonDict, cart: JsonDict, stamp: str) -> list[JsonDict]:
    lines = []
    for line in cart["items"]:
        product = world.catalog.get(line["sku"])
        assert product is not None  # cart lines are validated when added
        qty, price = float(line["qty"]), float(line["price"])
        parent = world.catalog.parent(product) if line["product_type"] == CONFIGURABLE else None
        lines += _lines_for(world, order, product, parent, qty, price, stamp, line)
    return lines


def _lines_for(world: World, order: JsonDict, product: Product, parent: Product | None, qty: float,
               price: float, stamp: str, line: JsonDict) -> list[JsonDict]:  # fmt: skip
    item_id = world.next_id("order_item")
    if parent is None:
        item = order_item(
            order, item_id, product.sku, product.name, product.id, product.type_id, qty, price, stamp
        )
        item["quote_item_id"] = line["item_id"]
        return [item]
    top = order_item(order, item_id, product.sku, parent.name, parent.id, CONFIGURABLE, qty, price, stamp)
    top["quote_item_id"] = line["item_id"]
    top["product_option"] = copy.deepcopy(line["product_option"])
    child = order_item(order, world.next_id("order_item"), product.sku, product.name, product.id, "simple",
                       qty, 0.0, stamp)  # fmt: skip
    for key in CHILD_UNSET:  # never written on the hidden child line, so left out (2.4.7-p7 recording)
        del child[key]
    child["row_weight"] = 0
    child["quote_item_id"] = line["item_id"] + 1
    child["parent_item_id"], child["parent_item"] = item_id, copy.deepcopy(top)
    return [top, child]


def next_increment(world: World) -> str:
    return f"{world.next_id('order_increment'):09d}"


def from_cart(world: World, cart: JsonDict, method: str, stamp: str) -> JsonDict:
    entity_id = world.next_id("order")
    order = base(world, entity_id, next_increment(world), stamp)
    billing = address(world, entity_id, "billing", cart["billing_address"], "")
    shipping_address = address(world, entity_id, "shipping", cart["_shipping_address"], billing["email"])
    order["billing_address"], order["billing_address_id"] = billing, billing["entity_id"]
    _customer(order, cart, billing)
    order["items"] = _cart_lines(world, order, cart, stamp)
    totals = quote.totals(cart)
    _totals(order, float(totals["subtotal"]), float(totals["shipping_amount"]), float(totals["grand_total"]))
    qty = quote.items_qty(cart)
    order.update({"quote_id": cart["id"], "shipping_description": "Flat Rate - Fixed", "weight": qty,
                  "total_qty_ordered": qty, "total_item_count": len(cart["items"])})  # fmt: skip
    order["_shipping"] = {"address": shipping_address, "method": "flatrate_flatrate"}
    order["_source"] = "quote"
    payment(order, method)
    for sku, qty in simple_quantities(order):
        inventory.reserve(world, sku, qty)
    return order


def simple_quantities(order: JsonDict, field: str = "qty_ordered") -> list[tuple[str, float]]:
    """(sku, qty) of the stock-keeping lines: simple lines without a parent, and configurable parents
    (whose SKU is the child's)."""
    return [(i["sku"], float(i.get(field) or 0)) for i in order["items"] if not i.get("parent_item_id")]


def render(order: JsonDict) -> JsonDict:
    body = {k: v for k, v in order.items() if not k.startswith("_")}
    body["items"] = [_with_parent(item, order["items"]) for item in order["items"]]
    shipping = order.get("_shipping")
    extension: JsonDict = {
        "converting_from_quote": False, "applied_taxes": [], "item_applied_taxes": [],
        "additional_itemized_taxes": [], "taxes": [], "payment_additional_info": _payment_info(order),
    }  # fmt: skip
    if shipping:
        extension["shipping_assignments"] = [{"shipping": {**shipping, "total": _ship_total(order)},
                                              "items": body["items"]}]  # fmt: skip
    body["extension_attributes"] = extension
    return body


def _with_parent(item: JsonDict, items: list[JsonDict]) -> JsonDict:
    """A child line's ``parent_item`` is the parent line as it is now (shipped, canceled…), not as it was
    when ordered: Magento loads it with the order."""
    parent = next((i for i in items if i["item_id"] == item.get("parent_item_id")), None)
    return item if parent is None else {**item, "parent_item": copy.deepcopy(parent)}


def _payment_info(order: JsonDict) -> list[JsonDict]:
    """The payment's additional information as key/value pairs: the method title a cart order's payment
    carries (its only key here), nothing for a direct order that sent none (recorded)."""
    values = (order.get("payment") or {}).get("additional_information") or []
    return [{"key": "method_title", "value": value} for value in values[:1]]


SHIP_TOTALS = (
    "shipping_amount", "base_shipping_amount", "shipping_incl_tax", "base_shipping_incl_tax",
    "shipping_tax_amount", "base_shipping_tax_amount", "shipping_discount_amount",
    "base_shipping_discount_amount", "shipping_discount_tax_compensation_amount",
    "base_shipping_discount_tax_compensation_amnt",
    "shipping_canceled", "base_shipping_canceled",  # once canceled (2.4.7-p7 recording)
)  # fmt: skip


def _ship_total(order: JsonDict) -> JsonDict | list[Any]:
    """``ShippingBuilder::getTotal``: the order's shipping amounts; NULL ones are left out, and none at
    all (a direct order that sent none) answers ``[]`` (recorded)."""
    found = {name: order[name] for name in SHIP_TOTALS if order.get(name) is not None}
    return found or []


def find(world: World, order_id: int) -> JsonDict:
    order = world.orders.get(str(order_id))
    if order is None:
        raise errors.entity_not_found()
    return order
