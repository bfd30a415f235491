"""``POST /V1/orders`` (and ``PUT /V1/orders/create``): ``OrderRepositoryInterface::save``.

Without ``entity_id`` it persists a new order exactly as sent (the caller's prices and totals; a given
``increment_id`` is kept, else the next one is used) and appends **no reservation** — verified on 2.4.7-p3.
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
    return orders.render(create(call.world, entity, call.stamp))


def _update(call: Call, entity: JsonDict) -> JsonDict:
    order = call.world.orders[str(entity["entity_id"])]
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
    for name in ("customer_email", "items"):
        if not entity.get(name):
            raise errors.required(name)  # unsure: a real store fails later, in the database layer
    _unique_increment(world, entity.get("increment_id"), None)
    entity_id = world.next_id("order")
    increment = str(entity.get("increment_id") or orders.next_increment(world))
    order = orders.base(world, entity_id, increment, stamp)
    for name, value in entity.items():
        if name not in UPDATABLE_NESTED and value is not None:
            order[name] = value
    order.update(
        {"entity_id": entity_id, "increment_id": increment, "created_at": stamp, "updated_at": stamp}
    )
    order["items"] = [_item(world, order, sent, stamp) for sent in entity["items"]]
    _addresses(world, order, entity)
    _money(order, entity)
    order["_source"] = "direct"
    world.orders[str(entity_id)] = order
    return order


def _item(world: World, order: JsonDict, sent: JsonDict, stamp: str) -> JsonDict:
    if not sent.get("sku"):
        raise errors.required("sku")
    product = world.catalog.get(str(sent["sku"]))
    product_id = sent.get("product_id") or (product.id if product else None)
    item = orders.order_item(
        order, world.next_id("order_item"), str(sent["sku"]),
        str(sent.get("name") or (product.name if product else "")),
        int(product_id) if product_id else None, str(sent.get("product_type", "simple")),
        float(sent.get("qty_ordered") or 1), float(sent.get("price") or 0), stamp,
    )  # fmt: skip
    for name in ("row_total", "base_row_total", "base_price", "original_price", "tax_amount"):
        if sent.get(name) is not None:
            item[name] = sent[name]
    return item


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


def _money(order: JsonDict, entity: JsonDict) -> None:
    order.setdefault("total_due", entity.get("grand_total"))
    order.setdefault("base_total_due", entity.get("base_grand_total"))
    order.setdefault("total_qty_ordered", sum(float(i["qty_ordered"]) for i in order["items"]))
    order.setdefault("total_item_count", len(order["items"]))
    order.setdefault("customer_is_guest", 1 if not entity.get("customer_id") else 0)
    payment = entity.get("payment") or {}
    orders.payment(order, str(payment.get("method") or "checkmo"))
