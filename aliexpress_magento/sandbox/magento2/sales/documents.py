"""Invoices, shipments and tracks.

Recorded on 2.4.7-p3: ``POST /V1/order/{id}/invoice`` and ``/ship`` answer the new id as a JSON string;
an invoice lists parent and child lines of a configurable, a shipment only the parent line (by whose
``order_item_id`` a configurable is shipped; ``qty_shipped`` grows on the parent line only); shipping
with no ``items`` ships everything left; the validation errors carry the recorded multi-line messages.
A shipment deducts the default source and appends the compensating reservation (+qty).
"""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.magento2 import errors, inventory
from aliexpress_magento.sandbox.magento2.sales import lifecycle, orders
from aliexpress_magento.sandbox.magento2.world import World

JsonDict = dict[str, Any]
INVOICE_ERROR = (
    "Invoice Document Validation Error(s):\nThe invoice can't be created without products. "
    "Add products and try again.\nThe order does not allow an invoice to be created."
)
SHIP_NO_PRODUCTS = "Shipment Document Validation Error(s):\nYou can't create a shipment without products."
SHIP_NOT_ALLOWED = (
    "Shipment Document Validation Error(s):\nThe order does not allow a shipment to be created.\n"
    "You can't create a shipment without products."
)
money = orders.money


def _requested(order: JsonDict, sent: list[JsonDict], remaining: Any) -> dict[int, float] | None:
    """order item id → qty; ``None`` when no items were sent (= everything left)."""
    if not sent:
        return None
    wanted: dict[int, float] = {}
    lines = {int(i["item_id"]): i for i in order["items"]}
    for entry in sent:
        item_id = entry.get("order_item_id")
        if item_id is None or int(item_id) not in lines:
            continue
        wanted[int(item_id)] = min(float(entry.get("qty") or 0), remaining(lines[int(item_id)]))
    return {k: v for k, v in wanted.items() if v > 0}


def invoice(world: World, order: JsonDict, sent: list[JsonDict], stamp: str) -> str:
    allowed = order.get("state") not in ("canceled", "closed", "holded", "complete")
    wanted = _requested(order, sent, lifecycle.to_invoice)
    if wanted is None:
        wanted = {int(i["item_id"]): lifecycle.to_invoice(i) for i in lifecycle.top_lines(order)}
        wanted = {k: v for k, v in wanted.items() if v > 0}
    if not allowed or not wanted:
        raise errors.bad_request(INVOICE_ERROR)
    invoice_id = world.next_id("invoice")
    items = _invoice_items(world, order, wanted, invoice_id)
    subtotal = sum(float(i["row_total"]) for i in items)
    first = not world_has_invoice(world, order)
    shipping = float(order.get("shipping_amount") or 0) if first else 0.0
    grand = subtotal + shipping
    for name in ("total_invoiced", "base_total_invoiced", "total_paid", "base_total_paid"):
        order[name] = money(float(order.get(name) or 0) + grand)
    order["total_due"] = order["base_total_due"] = money(
        float(order.get("grand_total") or 0) - float(order["total_paid"])
    )
    world.invoices[str(invoice_id)] = _invoice_json(order, invoice_id, items, subtotal, shipping, stamp)
    lifecycle.after_document(order)
    order["updated_at"] = stamp
    return str(invoice_id)


def world_has_invoice(world: World, order: JsonDict) -> bool:
    return any(inv["order_id"] == order["entity_id"] for inv in world.invoices.values())


def _invoice_items(
    world: World, order: JsonDict, wanted: dict[int, float], invoice_id: int
) -> list[JsonDict]:
    found = []
    for item in order["items"]:
        qty = wanted.get(int(item["item_id"])) or wanted.get(int(item.get("parent_item_id") or 0))
        if not qty:
            continue
        item["qty_invoiced"] = money(float(item["qty_invoiced"]) + qty)
        found.append({
            "entity_id": world.next_id("invoice_item"), "parent_id": invoice_id,
            "order_item_id": item["item_id"],
            "sku": item["sku"], "name": item.get("name"), "qty": money(qty), "price": item.get("price"),
            "base_price": item["price"], "row_total": money(float(item["price"]) * qty),
            "base_row_total": money(float(item["price"]) * qty), "product_id": item.get("product_id"),
            "tax_amount": 0, "discount_amount": 0,
        })  # fmt: skip
        found[-1] = {k: v for k, v in found[-1].items() if v is not None}  # null product_id is left out
    return found


def _invoice_json(order: JsonDict, invoice_id: int, items: list[JsonDict], subtotal: float,
                  shipping: float, stamp: str) -> JsonDict:  # fmt: skip
    grand = money(subtotal + shipping)
    return {
        "entity_id": invoice_id, "order_id": order["entity_id"], "increment_id": f"{invoice_id:09d}",
        "state": 2, "store_id": 1, "billing_address_id": order.get("billing_address_id"),
        "created_at": stamp, "updated_at": stamp,
        "total_qty": money(sum(float(i["qty"]) for i in items if i)),
        "subtotal": money(subtotal), "base_subtotal": money(subtotal), "shipping_amount": money(shipping),
        "base_shipping_amount": money(shipping), "grand_total": grand, "base_grand_total": grand,
        "tax_amount": 0, "base_tax_amount": 0, "base_currency_code": "USD", "order_currency_code": "USD",
        "items": items, "comments": [],
    }  # fmt: skip


def ship(world: World, order: JsonDict, sent: list[JsonDict], tracks: list[JsonDict], stamp: str) -> str:
    allowed = order.get("state") not in ("canceled", "closed", "holded") and not lifecycle.fully_shipped(
        order
    )
    if not allowed:
        raise errors.bad_request(SHIP_NOT_ALLOWED)
    wanted = _requested(order, sent, lifecycle.to_ship)
    if wanted is not None:
        tops = {int(i["item_id"]) for i in lifecycle.top_lines(order)}
        wanted = {k: v for k, v in wanted.items() if k in tops}
    else:
        wanted = {
            int(i["item_id"]): lifecycle.to_ship(i)
            for i in lifecycle.top_lines(order)
            if lifecycle.to_ship(i) > 0
        }
    if not wanted:
        raise errors.bad_request(SHIP_NO_PRODUCTS)
    shipment_id = world.next_id("shipment")
    items = _ship_items(world, order, wanted, shipment_id)
    shipment = _shipment_json(order, shipment_id, items, stamp)
    shipment["tracks"] = [track_json(world, shipment, t, stamp) for t in tracks]
    world.shipments[str(shipment_id)] = shipment
    lifecycle.after_document(order)
    order["updated_at"] = stamp
    return str(shipment_id)


def _ship_items(world: World, order: JsonDict, wanted: dict[int, float], shipment_id: int) -> list[JsonDict]:
    found = []
    for item in lifecycle.top_lines(order):
        qty = wanted.get(int(item["item_id"]))
        if not qty:
            continue
        item["qty_shipped"] = money(float(item["qty_shipped"]) + qty)
        inventory.deduct(world, item["sku"], qty)
        inventory.compensate(world, item["sku"], qty)
        found.append({
            "entity_id": world.next_id("shipment_item"), "parent_id": shipment_id,
            "order_item_id": item["item_id"],
            "sku": item["sku"], "name": item.get("name"), "qty": money(qty), "price": item.get("price"),
            "product_id": item.get("product_id"), "weight": item.get("weight", 1),
        })  # fmt: skip
        found[-1] = {k: v for k, v in found[-1].items() if v is not None}  # null product_id is left out
    return found


def _shipment_json(order: JsonDict, shipment_id: int, items: list[JsonDict], stamp: str) -> JsonDict:
    shipping = (order.get("_shipping") or {}).get("address") or {}
    shipment: JsonDict = {
        "entity_id": shipment_id, "increment_id": f"{shipment_id:09d}", "order_id": order["entity_id"],
        "store_id": 1, "created_at": stamp, "updated_at": stamp,
        "total_qty": money(sum(float(i["qty"]) for i in items)),
        "billing_address_id": order.get("billing_address_id"),
        "shipping_address_id": shipping.get("entity_id"), "items": items, "tracks": [], "comments": [],
        "packages": [], "extension_attributes": {"source_code": inventory.SOURCE},
    }  # fmt: skip
    if order.get("customer_id"):
        shipment["customer_id"] = order["customer_id"]
    return {k: v for k, v in shipment.items() if v is not None}


def track_json(world: World, shipment: JsonDict, sent: JsonDict, stamp: str) -> JsonDict:
    for name in ("track_number", "carrier_code"):
        if not sent.get(name):
            raise errors.required(name)  # unsure: the real validation message
    return {
        "entity_id": world.next_id("track"), "parent_id": shipment["entity_id"],
        "order_id": shipment["order_id"],
        "track_number": str(sent["track_number"]), "title": str(sent.get("title") or sent["carrier_code"]),
        "carrier_code": str(sent["carrier_code"]), "created_at": stamp, "updated_at": stamp,
        "qty": sent.get("qty"), "weight": sent.get("weight"), "description": sent.get("description"),
    }  # fmt: skip
