"""``sales_order.list`` / ``.info`` / ``.addComment`` / ``.cancel`` and ``sales_order_shipment.list`` /
``.info``, plus the shipping action the sandbox offers tests and the demo (the client does not ship).

Orders are addressed by increment id, as Magento 1's API does. ``list`` filters any order field
(``order_id`` is ``entity_id``) and adds the billing/shipping names as ``items()`` joins them; an unknown
field is an SQL error, answered as fault 1 with the database message (its exact text is inferred).
Cancel gives the canceled quantity back to stock and adds no comment; a canceled or fully shipped order
answers fault 103. Shipment and track keys follow the flat tables (``track_number``); inferred, not
recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aliexpress_magento.sandbox.magento1 import filters, inventory
from aliexpress_magento.sandbox.magento1.context import Ctx, Method
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.sandbox.magento1.order_items import shipment_item
from aliexpress_magento.sandbox.magento1.values import decimal4
from aliexpress_magento.sandbox.magento1.world import World

JsonDict = dict[str, Any]
ORDER, SHIPMENT = "sales_order", "sales_order_shipment"
FIRST_INCREMENT = 100000001
# The columns a filter may name (sales_flat_order's that the sandbox keeps, and the joined names).
ORDER_COLUMNS = frozenset(
    {
        "order_id", "increment_id", "store_id", "quote_id", "customer_id", "customer_email",
        "customer_firstname", "customer_lastname", "customer_is_guest", "customer_group_id", "state",
        "status", "ext_order_id", "base_currency_code", "global_currency_code", "order_currency_code",
        "store_currency_code", "shipping_method", "shipping_description", "subtotal", "base_subtotal",
        "shipping_amount", "base_shipping_amount", "tax_amount", "discount_amount", "grand_total",
        "base_grand_total", "total_qty_ordered", "total_item_count", "created_at", "updated_at",
        "billing_firstname", "billing_lastname", "shipping_firstname", "shipping_lastname", "billing_name",
        "shipping_name",
    }
)  # fmt: skip
SHIPMENT_COLUMNS = frozenset(
    {
        "shipment_id", "increment_id", "store_id", "order_id", "order_increment_id", "order_created_at",
        "total_qty", "shipping_firstname", "shipping_lastname", "created_at", "updated_at",
    }
)  # fmt: skip


def _unknown_column(field: str) -> Exception:
    return fault(
        "internal",
        None,
        f"SQLSTATE[42S22]: Column not found: 1054 Unknown column '{field}' in 'where clause'",
    )


def find_order(world: World, increment_id: object) -> JsonDict:
    for order in world.orders.values():
        if order["order"]["increment_id"] == str(increment_id):
            return order
    raise fault("not_exists", ORDER)


def _row(order: JsonDict) -> JsonDict:
    billing, shipping = order["billing_address"], order["shipping_address"]
    names = {
        "billing_firstname": billing["firstname"], "billing_lastname": billing["lastname"],
        "shipping_firstname": shipping["firstname"], "shipping_lastname": shipping["lastname"],
        "billing_name": f"{billing['firstname']} {billing['lastname']}",
        "shipping_name": f"{shipping['firstname']} {shipping['lastname']}",
    }  # fmt: skip
    return {**order["order"], **names}


def list_orders(ctx: Ctx, filters_arg: object = None) -> list[JsonDict]:
    rows = [_row(o) for o in ctx.world.orders.values()]
    try:
        return [dict(r) for r in filters.apply(rows, filters_arg, ORDER_COLUMNS, {"entity_id": "order_id"})]
    except filters.UnknownField as error:
        raise _unknown_column(error.field) from error


def info(ctx: Ctx, increment_id: object) -> JsonDict:
    order = find_order(ctx.world, increment_id)
    return {**order["order"], **{k: v for k, v in order.items() if k != "order"}}


def add_comment(
    ctx: Ctx, increment_id: object, status: object, comment: object = "", notify: object = False
) -> bool:
    order = find_order(ctx.world, increment_id)
    if status:
        order["order"]["status"] = str(status)
    entry = {
        "parent_id": order["order"]["order_id"], "is_customer_notified": "1" if notify else "0",
        "is_visible_on_front": "0", "comment": None if comment in (None, "") else str(comment),
        "status": order["order"]["status"], "created_at": ctx.stamp, "entity_name": "order",
    }  # fmt: skip
    order["status_history"].insert(0, entry)  # getAllStatusHistory: newest first
    order["order"]["updated_at"] = ctx.stamp
    return True


def cancel(ctx: Ctx, increment_id: object) -> bool:
    """``Order::canCancel`` looks at the lines of their own only (a hidden child's quantity to ship is 0)."""
    order = find_order(ctx.world, increment_id)
    lines = order["items"]
    own = [i for i in lines if i["parent_item_id"] is None]
    if order["order"]["state"] in ("canceled", "complete", "closed") or all(_open(i) <= 0 for i in own):
        raise fault("status_not_changed", ORDER)
    for item in lines:
        left = _open(item)
        item["qty_canceled"] = decimal4(float(item["qty_canceled"]) + left)
        if item["product_type"] != "configurable":  # the stock moves on the simple (child) line
            inventory.move(ctx.world, item["sku"], left)
    order["order"].update({"state": "canceled", "status": "canceled", "updated_at": ctx.stamp})
    return True


def _open(item: Mapping[str, Any]) -> float:
    return float(item["qty_ordered"]) - float(item["qty_shipped"]) - float(item["qty_canceled"])


def list_shipments(ctx: Ctx, filters_arg: object = None) -> list[JsonDict]:
    rows = [s["shipment"] for s in ctx.world.shipments.values()]
    try:
        return [
            dict(r) for r in filters.apply(rows, filters_arg, SHIPMENT_COLUMNS, {"entity_id": "shipment_id"})
        ]
    except filters.UnknownField as error:
        raise _unknown_column(error.field) from error


def shipment_info(ctx: Ctx, increment_id: object) -> JsonDict:
    for shipment in ctx.world.shipments.values():
        if shipment["shipment"]["increment_id"] == str(increment_id):
            return {**shipment["shipment"], **{k: v for k, v in shipment.items() if k != "shipment"}}
    raise fault("not_exists", SHIPMENT)


def ship(world: World, now_stamp: str, increment_id: str, tracks: list[tuple[str, str, str]]) -> str:
    """Ship every open line (the sandbox's helper for tests and the demo), as ``sales_order_shipment.create``
    with no quantities does; ``tracks`` are ``(number, carrier_code, title)``. A hidden child ships as a
    dummy item of one unit (``order_items.py``). Answers the shipment's increment id."""
    order = find_order(world, increment_id)
    head = order["order"]
    shipment_id = world.next_id("shipment")
    items, total = _ship_items(world, shipment_id, order["items"])
    head.update({"state": "processing", "status": "processing", "updated_at": now_stamp})
    row = {
        "shipment_id": str(shipment_id),
        "increment_id": str(world.next_id("shipment_increment", FIRST_INCREMENT)),
        "store_id": "1", "order_id": head["order_id"], "order_increment_id": head["increment_id"],
        "order_created_at": head["created_at"], "total_qty": decimal4(total),
        "shipping_firstname": order["shipping_address"]["firstname"],
        "shipping_lastname": order["shipping_address"]["lastname"],
        "created_at": now_stamp, "updated_at": now_stamp,
    }  # fmt: skip
    world.shipments[str(shipment_id)] = {
        "shipment": row,
        "items": items,
        "tracks": [_track(world, shipment_id, head["order_id"], now_stamp, *t) for t in tracks],
        "comments": [],
    }
    return str(row["increment_id"])


def _ship_items(world: World, shipment_id: int, lines: list[JsonDict]) -> tuple[list[JsonDict], float]:
    """The shipment's items and its ``total_qty`` (the lines of their own: a dummy is not counted)."""
    shipped = {i["item_id"] for i in lines if i["parent_item_id"] is None and _open(i) > 0}
    items: list[JsonDict] = []
    total = 0.0
    for item in lines:
        dummy = item["parent_item_id"] is not None
        if (item["parent_item_id"] if dummy else item["item_id"]) not in shipped:
            continue
        qty = min(1.0, _open(item)) if dummy else _open(item)
        total += 0.0 if dummy else qty
        items.append(shipment_item(world, shipment_id, item, qty))
        item["qty_shipped"] = decimal4(float(item["qty_shipped"]) + qty)
    return items, total


def _track(
    world: World, shipment_id: int, order_id: str, stamp: str, number: str, carrier: str, title: str
) -> JsonDict:
    return {
        "track_id": str(world.next_id("track")), "parent_id": str(shipment_id), "order_id": order_id,
        "track_number": number, "carrier_code": carrier, "title": title, "description": None, "weight": None,
        "qty": None, "created_at": stamp, "updated_at": stamp,
    }  # fmt: skip


METHODS = {
    "sales_order.list": Method(ORDER, list_orders),
    "sales_order.info": Method(ORDER, info),
    "sales_order.addComment": Method(ORDER, add_comment),
    "sales_order.cancel": Method(ORDER, cancel),
    "sales_order_shipment.list": Method(SHIPMENT, list_shipments),
    "sales_order_shipment.info": Method(SHIPMENT, shipment_info),
}
