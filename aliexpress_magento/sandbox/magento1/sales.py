"""``sales_order.list`` / ``.info`` / ``.addComment`` / ``.cancel`` and ``sales_order_shipment.list`` /
``.info`` / ``.create`` / ``.addTrack`` (the client does not ship: the live Store suite's backend and the
sandbox's own ``ship`` helper for tests and the demo do).

Orders are addressed by increment id, as Magento 1's API does. ``list`` filters any order field
(``order_id`` is ``entity_id``) and adds the billing/shipping names as ``items()`` joins them; an unknown
field is an SQL error, answered as fault 1 with the database message (its exact text is inferred).
Cancel gives the canceled quantity back to stock and adds no comment; a canceled or fully shipped order
answers fault 103. Shipment and track keys follow the flat tables (``track_number``); inferred, not
recorded.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from aliexpress_magento.sandbox.magento1 import filters, inventory
from aliexpress_magento.sandbox.magento1 import order_columns as columns
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.sandbox.magento1.order_items import shipment_item
from aliexpress_magento.sandbox.magento1.values import decimal4
from aliexpress_magento.sandbox.magento1.world import World

JsonDict = dict[str, Any]
ORDER, SHIPMENT = "sales_order", "sales_order_shipment"
FIRST_INCREMENT = 100000001
# "custom" and OpenMage's carriers whose isTrackingAvailable() is true (Mage_Usa's dhl, dhlint, fedex, ups,
# usps).
TRACKING_CARRIERS = frozenset({"custom", "dhl", "dhlint", "fedex", "ups", "usps"})
# The columns a filter may name and a list row answers: every column of sales_flat_order, and the names
# items() joins from the addresses (recorded, second-store/sales_order.list.*).
NAME_COLUMNS = (
    "firstname", "middlename", "lastname", "telephone", "postcode", "billing_firstname", "billing_lastname",
    "shipping_firstname", "shipping_lastname", "billing_name", "shipping_name",
)  # fmt: skip
ORDER_COLUMNS = frozenset((*columns.ORDER, "order_id", *NAME_COLUMNS))
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
        **{k: billing.get(k) for k in ("firstname", "middlename", "lastname", "telephone", "postcode")},
        "billing_firstname": billing["firstname"], "billing_lastname": billing["lastname"],
        "shipping_firstname": shipping["firstname"], "shipping_lastname": shipping["lastname"],
        "billing_name": f"{billing['firstname']} {billing['lastname']}",
        "shipping_name": f"{shipping['firstname']} {shipping['lastname']}",
    }  # fmt: skip
    return {**columns.order_columns(order), **names}


def list_orders(ctx: Call, filters_arg: object = None) -> list[JsonDict]:
    rows = [_row(o) for o in ctx.world.orders.values()]
    try:
        return [dict(r) for r in filters.apply(rows, filters_arg, ORDER_COLUMNS, {"entity_id": "order_id"})]
    except filters.UnknownField as error:
        raise _unknown_column(error.field) from error


def info(ctx: Call, increment_id: object) -> JsonDict:
    return columns.order_info(find_order(ctx.world, increment_id))


def add_comment(
    ctx: Call, increment_id: object, status: object, comment: object = "", notify: object = False
) -> bool:
    order = find_order(ctx.world, increment_id)
    if status:
        order["order"]["status"] = str(status)
    text = None if comment in (None, "") else str(comment)
    history(order, ctx.stamp, "order", text, "1" if notify else "0")
    _saved(order, ctx.stamp)
    return True


def history(order: JsonDict, stamp: str, entity: str, comment: str | None, notified: str) -> None:
    """Newest first, as ``getAllStatusHistory`` answers."""
    order["status_history"].insert(0, columns.history_entry(order["order"], stamp, entity, comment, notified))


def _saved(order: JsonDict, stamp: str) -> None:
    """The order saved again after placement: ``total_due`` is computed from then on (recorded)."""
    head = order["order"]
    head.update(
        {"updated_at": stamp, "total_due": head["grand_total"], "base_total_due": head["base_grand_total"]}
    )


def cancel(ctx: Call, increment_id: object) -> bool:
    """``Order::canCancel`` looks at the lines of their own only (a hidden child's quantity to ship is 0)."""
    order = find_order(ctx.world, increment_id)
    lines = order["items"]
    own = [i for i in lines if i["parent_item_id"] is None]
    if order["order"]["state"] in ("canceled", "complete", "closed") or all(_open(i) <= 0 for i in own):
        raise fault("status_not_changed", ORDER)
    for item in lines:
        left = _open(item)
        if item["product_type"] != "configurable":  # the stock moves on the simple (child) line
            inventory.move(ctx.world, item["sku"], left)
        if item["parent_item_id"] is None:  # a child line keeps qty_canceled 0 (recorded)
            item["qty_canceled"] = decimal4(float(item["qty_canceled"]) + left)
        item.update({"tax_canceled": decimal4(0), "hidden_tax_canceled": decimal4(0)})
    head = order["order"]
    head.update({"state": "canceled", "status": "canceled", **_canceled(head)})
    history(order, ctx.stamp, "order", None, "2")
    _saved(order, ctx.stamp)
    return True


def _canceled(head: JsonDict) -> JsonDict:
    """The ``*_canceled`` totals of an order canceled before any invoice: all of it (recorded)."""
    amounts = {
        "subtotal": head["subtotal"],
        "shipping": head["shipping_amount"],
        "total": head["grand_total"],
    }
    zero = decimal4(0)
    return {
        **{f"{k}_canceled": v for k, v in amounts.items()},
        **{f"base_{k}_canceled": v for k, v in amounts.items()},
        "discount_canceled": zero, "base_discount_canceled": zero, "tax_canceled": zero,
        "base_tax_canceled": zero,
    }  # fmt: skip


def _open(item: Mapping[str, Any]) -> float:
    return float(item["qty_ordered"]) - float(item["qty_shipped"]) - float(item["qty_canceled"])


def list_shipments(ctx: Call, filters_arg: object = None) -> list[JsonDict]:
    """Filtered on every column, answered with only the three the collection selects and ``shipment_id``
    null (its ``entity_id`` is not selected), as recorded (``second-store/sales_order_shipment.list…``):
    the rest, and the shipment id, come from ``sales_order_shipment.info``."""
    rows = [s["shipment"] for s in ctx.world.shipments.values()]
    try:
        kept = filters.apply(rows, filters_arg, SHIPMENT_COLUMNS, {"entity_id": "shipment_id"})
    except filters.UnknownField as error:
        raise _unknown_column(error.field) from error
    return [
        {**{k: r[k] for k in ("increment_id", "created_at", "total_qty")}, "shipment_id": None} for r in kept
    ]


def shipment_info(ctx: Call, increment_id: object) -> JsonDict:
    """The shipment row's columns in the recorded order (``second-store/sales_order_shipment.info``), then
    its items, tracks and comments. The order's increment id and names are list-filter columns only."""
    for shipment in ctx.world.shipments.values():
        row = shipment["shipment"]
        if row["increment_id"] == str(increment_id):
            order = ctx.world.orders.get(row["order_id"], {})
            head = order.get("order", {})
            return {
                "store_id": row["store_id"], "total_weight": None, "total_qty": row["total_qty"],
                "email_sent": None, "order_id": row["order_id"], "customer_id": head.get("customer_id"),
                "shipping_address_id": order.get("shipping_address", {}).get("address_id"),
                "billing_address_id": order.get("billing_address", {}).get("address_id"),
                "shipment_status": None, "increment_id": row["increment_id"], "created_at": row["created_at"],
                "updated_at": row["updated_at"], "packages": None, "shipping_label": None,
                "shipment_id": row["shipment_id"],
                **{k: v for k, v in shipment.items() if k != "shipment"},
            }  # fmt: skip
    raise fault("not_exists", SHIPMENT)


def ship(
    world: World,
    now_stamp: str,
    increment_id: str,
    tracks: list[tuple[str, str, str]],
    skus: Collection[str] | None = None,
) -> str:
    """Ship every open line (the sandbox's helper for tests and the demo), as ``sales_order_shipment.create``
    with no quantities does, or only the open lines of ``skus`` (a partial shipment, for tests);
    ``tracks`` are ``(number, carrier_code, title)``. A hidden child ships as a dummy item of one unit
    (``order_items.py``). Answers the shipment's increment id."""
    order = find_order(world, increment_id)
    head = order["order"]
    shipment_id = world.next_id("shipment")
    items, total = _ship_items(world, shipment_id, order["items"], skus)
    head.update({"state": "processing", "status": "processing"})
    history(order, now_stamp, "shipment", None, "1")
    _saved(order, now_stamp)
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


def create_shipment(
    ctx: Call,
    increment_id: object,
    items_qty: object = None,
    comment: object = None,
    email: object = False,
    include_comment: object = False,
) -> str:
    """``sales_order_shipment.create``: every open line shipped, as with no ``itemsQty``; answers the
    shipment's increment id. Partial shipments (a non-empty ``itemsQty``) are not emulated (fault 1 says so);
    the comment and e-mail are not kept."""
    order = next(
        (o for o in ctx.world.orders.values() if o["order"]["increment_id"] == str(increment_id)), None
    )
    if order is None:
        raise fault("order_not_exists", SHIPMENT)
    if items_qty:
        raise ValueError("the sandbox ships every open line only: send itemsQty empty")
    if order["order"]["state"] in ("canceled", "closed", "complete", "holded") or not any(
        i["parent_item_id"] is None and _open(i) > 0 for i in order["items"]
    ):  # Mage_Sales_Model_Order::canShip
        raise fault("data_invalid", SHIPMENT, "Cannot do shipment for order.")
    return ship(ctx.world, ctx.stamp, str(increment_id), [])


def add_track(
    ctx: Call,
    shipment_increment: object,
    carrier: object,
    title: object,
    number: object,
    weight: object = None,
) -> str:
    """``sales_order_shipment.addTrack``: the new track's id. ``carrier`` must be ``custom`` or a carrier
    with tracking (``_getCarriers``: enabled or not)."""
    found = next(
        (s for s in ctx.world.shipments.values() if s["shipment"]["increment_id"] == str(shipment_increment)),
        None,
    )
    if found is None:
        raise fault("not_exists", SHIPMENT)
    if str(carrier) not in TRACKING_CARRIERS:
        raise fault("data_invalid", SHIPMENT, "Invalid carrier specified.")
    head = found["shipment"]
    track = _track(
        ctx.world,
        int(head["shipment_id"]),
        head["order_id"],
        ctx.stamp,
        str(number),
        str(carrier),
        str(title),
    )
    found["tracks"].append(track)
    return str(track["track_id"])


def _ship_items(
    world: World, shipment_id: int, lines: list[JsonDict], skus: Collection[str] | None = None
) -> tuple[list[JsonDict], float]:
    """The shipment's items and its ``total_qty`` (the lines of their own: a dummy is not counted)."""
    shipped = {
        i["item_id"]
        for i in lines
        if i["parent_item_id"] is None and _open(i) > 0 and (skus is None or i["sku"] in skus)
    }
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
        "track_number": number, "number": number, "carrier_code": carrier, "title": title,
        "description": None, "weight": None,
        "qty": None, "created_at": stamp, "updated_at": stamp,
    }  # fmt: skip


METHODS = {
    "sales_order.list": Method(ORDER, list_orders),
    "sales_order.info": Method(ORDER, info),
    "sales_order.addComment": Method(ORDER, add_comment),
    "sales_order.cancel": Method(ORDER, cancel),
    "sales_order_shipment.list": Method(SHIPMENT, list_shipments),
    "sales_order_shipment.info": Method(SHIPMENT, shipment_info),
    "sales_order_shipment.create": Method(SHIPMENT, create_shipment),
    "sales_order_shipment.addTrack": Method(SHIPMENT, add_track),
}
