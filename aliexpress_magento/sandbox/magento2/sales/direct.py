"""``POST /V1/orders`` (and ``PUT /V1/orders/create``): ``OrderRepositoryInterface::save``.

Without ``entity_id`` it persists a new order exactly as sent (the caller's prices and totals, and NULL
for every field not sent, ``store_id`` and ``items[].product_id`` included; a given ``increment_id`` is
kept, else the next one is used) and appends **no reservation** — verified on 2.4.7-p3 and 2.4.7-p7.
With an existing ``entity_id`` it is a partial update: the sent fields are stored, the answer echoes the
sent fields with ``null`` for the required ones not sent (the fact sheet's OCA recording; the exact set of
echoed nulls is inferred). A duplicate ``increment_id`` answers 400 "Unique constraint violation found"
(inferred from Magento's resource model, not recorded).
"""

from __future__ import annotations

import hashlib
from typing import Any

from aliexpress_magento.sandbox.magento2 import errors
from aliexpress_magento.sandbox.magento2.call import Call
from aliexpress_magento.sandbox.magento2.sales import orders
from aliexpress_magento.sandbox.magento2.world import World

JsonDict = dict[str, Any]
REQUIRED = ("base_grand_total", "customer_email", "grand_total", "items")
UPDATABLE_NESTED = ("items", "billing_address", "payment", "extension_attributes", "status_histories")


def save(call: Call) -> object:
    entity = call.arg("entity")
    if not isinstance(entity, dict):
        raise errors.required("entity")
    existing = entity.get("entity_id")
    if existing is not None and str(existing) in call.world.orders:
        return _update(call, entity)
    return saved(create(call.world, entity, call.stamp), entity)


def _update(call: Call, entity: JsonDict) -> JsonDict:
    order = call.world.orders[str(entity["entity_id"])]
    # The increment id the order already holds is unique: only a new one is checked (a real store's
    # unique key answers either at once; the sandbox's check scans every order).
    if str(entity.get("increment_id")) != str(order["increment_id"]):
        _unique_increment(call.world, entity.get("increment_id"), order["entity_id"])
    for name, value in entity.items():
        if name not in UPDATABLE_NESTED and value is not None:
            order[name] = value
    order["updated_at"] = call.stamp
    order["protect_code"] = hashlib.md5(f"{order['entity_id']}-{call.now}".encode()).hexdigest()  # noqa: S324
    echoed = {name: entity.get(name) for name in REQUIRED}
    echoed.update(entity)
    echoed.update({"protect_code": order["protect_code"], "updated_at": call.stamp})
    return echoed


def _unique_increment(world: World, increment_id: object, own_id: int | None) -> None:
    if increment_id is None:
        return
    for order in world.orders.values():
        if order["increment_id"] == str(increment_id) and order["entity_id"] != own_id:
            raise errors.bad_request("Unique constraint violation found")


def create(world: World, entity: JsonDict, stamp: str) -> JsonDict:
    """The order exactly as sent (recorded on 2.4.7-p7, ``order.direct_minimal*``, ``order.direct_with_
    store*``): Magento fills in only the ids, times, ``protect_code``, ``store_name`` (the default view's
    when no ``store_id`` is sent), ``total_item_count`` and what the sales tables default to; a field not
    sent — ``store_id``, ``state``, ``status``, ``customer_group_id``, ``base_to_global_rate``, currency
    codes, totals, an item's ``product_id`` or ``store_id`` — stays NULL, so the order answers without it."""
    for name in ("customer_email", "items"):
        if not entity.get(name):
            raise errors.required(name)  # unsure: a real store fails later, in the database layer
    _unique_increment(world, entity.get("increment_id"), None)
    entity_id = world.next_id("order")
    sent = {k: v for k, v in entity.items() if k not in UPDATABLE_NESTED and v is not None}
    stored: JsonDict = {
        **sent,
        "entity_id": entity_id,
        "increment_id": str(entity.get("increment_id") or orders.next_increment(world)),
        "created_at": stamp,
        "updated_at": stamp,
        "protect_code": hashlib.md5(f"{entity_id}-{stamp}".encode()).hexdigest(),  # noqa: S324 - an id
        "store_name": orders.DEFAULT_STORE_NAME,  # unsure for another store_id: not recorded
        "total_item_count": len(entity["items"]),
    }
    for name in ("grand_total", "base_grand_total"):
        stored.setdefault(name, None)  # required by OrderInterface: answered even when NULL
    stored["total_due"] = _due(stored, "grand_total", "total_paid")
    stored["base_total_due"] = _due(stored, "base_grand_total", "base_total_paid")
    order = {**stored, "_source": "direct"}
    order["items"] = [_item(world, order, line, stamp) for line in entity["items"]]
    _addresses(world, order, entity)
    order["payment"] = _payment(order, entity.get("payment") or {})
    order["status_histories"] = []
    world.orders[str(entity_id)] = order = _in_answer_order(order)
    return order


NESTED = ("items", "billing_address", "payment", "status_histories")


def _in_answer_order(order: JsonDict) -> JsonDict:
    """Its fields by name, then the nested ones, as the recorded answers list them."""
    names = [*sorted(k for k in order if k not in NESTED), *(k for k in NESTED if k in order)]
    return {k: order[k] for k in names}


def _due(order: JsonDict, total: str, paid: str) -> Any:
    """``Order::getTotalDue``: what is left to pay, never below 0 (NULL totals count as 0)."""
    return orders.money(max(float(order.get(total) or 0) - float(order.get(paid) or 0), 0.0))


def _item(world: World, order: JsonDict, sent: JsonDict, stamp: str) -> JsonDict:
    """The line as sent over ``sales_order_item``'s column defaults (zeros); ``original_price`` falls
    back on the price and the ``*_incl_tax`` row totals on the row totals (inferred: the recording sent
    no tax, and answered row_total_incl_tax = row_total, base_row_total_incl_tax = base_row_total = 0)."""
    if not sent.get("sku"):
        raise errors.required("sku")
    item: JsonDict = {**ITEM_DEFAULTS, **{k: v for k, v in sent.items() if v is not None}}
    item.update({"item_id": world.next_id("order_item"), "order_id": order["entity_id"]})
    item.update({"created_at": stamp, "updated_at": stamp})
    item.setdefault("original_price", sent.get("price"))
    item.setdefault("row_total_incl_tax", item.get("row_total"))
    item.setdefault("base_row_total_incl_tax", item["base_row_total"])
    item["extension_attributes"] = {"itemized_taxes": []}
    return {k: item[k] for k in sorted(item) if item[k] is not None}


def saved(order: JsonDict, entity: JsonDict) -> JsonDict:
    """The answer to the POST: the saved model, not the order read back — lines with the fields sent
    and those computed on save only, and the sent extension attributes (recorded)."""
    body = orders.render(order)
    body["items"] = [
        _saved_item(item, line) for item, line in zip(order["items"], entity["items"], strict=True)
    ]
    assignments = []
    for assignment in (entity.get("extension_attributes") or {}).get("shipping_assignments") or []:
        shipping = {**assignment.get("shipping", {}), **(order.get("_shipping") or {})}
        assignments.append({**assignment, "shipping": shipping, "items": assignment.get("items")})
    body["extension_attributes"] = {"shipping_assignments": assignments} if assignments else {}
    return body


def _saved_item(item: JsonDict, sent: JsonDict) -> JsonDict:
    kept = {*sent, "item_id", "order_id", "created_at", "updated_at", "original_price", "base_row_total"}
    kept |= {"row_total_incl_tax", "base_row_total_incl_tax"}
    return {k: v for k, v in item.items() if k in kept}


def _addresses(world: World, order: JsonDict, entity: JsonDict) -> None:
    email = str(entity["customer_email"])
    if isinstance(entity.get("billing_address"), dict):
        billing = orders.address(world, order["entity_id"], "billing", entity["billing_address"], email)
        order["billing_address"], order["billing_address_id"] = billing, billing["entity_id"]
    assignments = (entity.get("extension_attributes") or {}).get("shipping_assignments") or []
    if assignments and isinstance(assignments[0].get("shipping"), dict):
        shipping = assignments[0]["shipping"]
        sent = shipping.get("address") or {}
        order["_shipping"] = {
            "address": orders.address(world, order["entity_id"], "shipping", sent, email),
            "method": str(shipping.get("method") or "flatrate_flatrate"),
        }


def _payment(order: JsonDict, sent: JsonDict) -> JsonDict:
    """As sent, with its ids; ``additional_information`` is empty unless sent (a cart order's has the
    method title), and ``account_status`` / ``cc_last4`` are NULL (recorded)."""
    payment: JsonDict = {"account_status": None, "additional_information": [], "cc_last4": None}
    payment.update({k: v for k, v in sent.items() if v is not None})
    payment.update({"entity_id": order["entity_id"], "parent_id": order["entity_id"]})
    return {k: payment[k] for k in sorted(payment)}


ITEM_DEFAULTS: JsonDict = dict.fromkeys(
    (
        "amount_refunded", "base_amount_refunded", "base_cost", "base_discount_amount",
        "base_discount_invoiced", "base_row_invoiced", "base_row_total", "base_tax_amount",
        "base_tax_invoiced", "discount_amount", "discount_invoiced", "discount_percent", "free_shipping",
        "no_discount", "qty_backordered", "qty_canceled", "qty_invoiced", "qty_refunded", "qty_shipped",
        "row_invoiced", "row_weight", "tax_amount", "tax_invoiced", "tax_percent", "weight",
    ),
    0,
)  # fmt: skip
