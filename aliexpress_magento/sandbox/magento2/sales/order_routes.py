"""Order, invoice and shipment routes."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.magento2 import errors, results
from aliexpress_magento.sandbox.magento2.call import Call
from aliexpress_magento.sandbox.magento2.routing import Route
from aliexpress_magento.sandbox.magento2.sales import direct, documents, lifecycle, lookup, orders

JsonDict = dict[str, Any]
VIEW = "Magento_Sales::actions_view"


def _order(call: Call, name: str = "id") -> JsonDict:
    return orders.find(call.world, call.int_param(name))


def get_order(call: Call) -> object:
    return orders.render(_order(call))


def list_orders(call: Call) -> object:
    criteria = call.criteria()
    found = lookup.candidates(call.world.orders.values(), criteria)  # an indexed column's lookup
    return results.search(found, criteria, results.DICTS, orders.render)


def cancel(call: Call) -> object:
    return lifecycle.cancel(call.world, _order(call), call.stamp)


def hold(call: Call) -> object:
    return lifecycle.hold(_order(call), call.stamp)


def unhold(call: Call) -> object:
    return lifecycle.unhold(_order(call), call.stamp)


def add_comment(call: Call) -> object:
    order = _order(call)
    return lifecycle.add_comment(call.world, order, call.arg("statusHistory"), call.stamp)


def comments(call: Call) -> object:
    """Oldest first, as recorded on 2.4.7-p7: the list is a history search filtered on ``parent_id`` (echoed
    with the id as a string) in the table's order, while the order's own ``status_histories`` are newest
    first."""
    order = _order(call)
    items = list(reversed(order["status_histories"]))
    echo = {"field": "parent_id", "value": str(order["entity_id"]), "condition_type": "eq"}
    return {
        "items": items,
        "search_criteria": {"filter_groups": [{"filters": [echo]}]},
        "total_count": len(items),
    }


def statuses(call: Call) -> object:
    return _order(call)["status"]


def invoice(call: Call) -> object:
    order = _order(call, "orderId")
    return documents.invoice(call.world, order, call.optional("items", []), call.stamp)


def ship(call: Call) -> object:
    order = _order(call, "orderId")
    return documents.ship(
        call.world, order, call.optional("items", []), call.optional("tracks", []), call.stamp
    )


def get_invoice(call: Call) -> object:
    found = call.world.invoices.get(str(call.int_param("id")))
    if found is None:
        raise errors.entity_not_found()
    return found


def list_invoices(call: Call) -> object:
    return results.search(list(call.world.invoices.values()), call.criteria(), results.DICTS, dict)


def get_shipment(call: Call) -> object:
    found = call.world.shipments.get(str(call.int_param("id")))
    if found is None:
        raise errors.entity_not_found()
    return found


def list_shipments(call: Call) -> object:
    return results.search(list(call.world.shipments.values()), call.criteria(), results.DICTS, dict)


def add_track(call: Call) -> object:
    sent = call.arg("entity")
    shipment = call.world.shipments.get(str(sent.get("parent_id")))
    if shipment is None:
        raise errors.entity_not_found()
    track = documents.track_json(call.world, shipment, sent, call.stamp)
    shipment["tracks"].append(track)
    return track


def delete_track(call: Call) -> object:
    track_id = call.int_param("id")
    for shipment in call.world.shipments.values():
        kept = [t for t in shipment["tracks"] if t["entity_id"] != track_id]
        if len(kept) != len(shipment["tracks"]):
            shipment["tracks"] = kept
            return True
    raise errors.entity_not_found()


ROUTES = [
    Route("GET", "/V1/orders", list_orders, VIEW),
    Route("POST", "/V1/orders", direct.save, "Magento_Sales::create"),
    Route("PUT", "/V1/orders/create", direct.save, "Magento_Sales::create"),
    Route("GET", "/V1/orders/{id}", get_order, VIEW),
    Route("POST", "/V1/orders/{id}/cancel", cancel, "Magento_Sales::cancel"),
    Route("POST", "/V1/orders/{id}/hold", hold, "Magento_Sales::hold"),
    Route("POST", "/V1/orders/{id}/unhold", unhold, "Magento_Sales::unhold"),
    Route("POST", "/V1/orders/{id}/comments", add_comment, "Magento_Sales::comment"),
    Route("GET", "/V1/orders/{id}/comments", comments, VIEW),
    Route("GET", "/V1/orders/{id}/statuses", statuses, VIEW),
    Route("POST", "/V1/order/{orderId}/invoice", invoice, "Magento_Sales::invoice"),
    Route("POST", "/V1/order/{orderId}/ship", ship, "Magento_Sales::ship"),
    Route("GET", "/V1/invoices", list_invoices, "Magento_Sales::sales_invoice"),
    Route("GET", "/V1/invoices/{id}", get_invoice, "Magento_Sales::sales_invoice"),
    Route("GET", "/V1/shipments", list_shipments, "Magento_Sales::shipment"),
    Route("GET", "/V1/shipment/{id}", get_shipment, "Magento_Sales::shipment"),
    Route("POST", "/V1/shipment/track", add_track, "Magento_Sales::ship"),
    Route("DELETE", "/V1/shipment/track/{id}", delete_track, "Magento_Sales::ship"),
]
