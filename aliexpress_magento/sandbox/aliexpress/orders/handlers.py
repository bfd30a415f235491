"""``aliexpress.solution.order.get`` / ``.info.get`` / ``.receiptinfo.get`` / ``.fulfill``.

``order.get`` takes its query either as ``param0`` (TOP metadata) or as top-level parameters (IOP SDK):
both are accepted. ``info.get`` / ``receiptinfo.get`` take ``param1`` JSON or a top-level ``order_id``.
Windows are US Pacific ``yyyy-MM-dd HH:mm:ss``. Without a status filter FINISH orders are left out.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress import timefmt
from aliexpress_magento.sandbox.aliexpress.call import Call, JsonDict
from aliexpress_magento.sandbox.aliexpress.errors import invalid_parameter, missing_parameter
from aliexpress_magento.sandbox.aliexpress.orders import detail
from aliexpress_magento.sandbox.aliexpress.orders.model import SHIPPABLE, Order, Shipment
from aliexpress_magento.sandbox.aliexpress.orders.views import order_row

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World

MAX_PAGE_SIZE = 50
QUERY_FIELDS = (
    "create_date_start",
    "create_date_end",
    "modified_date_start",
    "modified_date_end",
    "order_status",
    "order_status_list",
    "buyer_login_id",
    "page_size",
    "current_page",
)


def _query(call: Call) -> JsonDict:
    if call.text("param0"):
        return call.json_object("param0")
    return {k: call.params[k] for k in QUERY_FIELDS if call.params.get(k, "") != ""}


def _window(query: JsonDict, name: str) -> float | None:
    raw = str(query.get(name) or "")
    if not raw:
        return None
    try:
        return timefmt.parse_pacific(raw)
    except ValueError:
        raise invalid_parameter(f"{name} must be yyyy-MM-dd HH:mm:ss (US Pacific time)") from None


def _statuses(query: JsonDict) -> set[str]:
    raw: Any = query.get("order_status_list") or []
    if isinstance(raw, str):
        raw = [s for s in re.split(r"[,;\s]+", raw.strip("[]").replace('"', "")) if s]
    single = query.get("order_status")
    return set(raw) | ({single} if single else set())


def _paging(query: JsonDict) -> tuple[int, int]:
    for name in ("page_size", "current_page"):
        if query.get(name) in (None, ""):
            raise missing_parameter(name)
    size, page = int(query["page_size"]), int(query["current_page"])
    if not 1 <= size <= MAX_PAGE_SIZE or page < 1:
        raise invalid_parameter(f"page_size must be between 1 and {MAX_PAGE_SIZE}, current_page >= 1")
    return size, page


def _in_window(value: float, start: float | None, end: float | None) -> bool:
    return (start is None or value >= start) and (end is None or value <= end)


def order_get(world: World, call: Call) -> JsonDict:
    query = _query(call)
    size, page = _paging(query)
    windows = [_window(query, n) for n in QUERY_FIELDS[:4]]
    if windows[0] is None and windows[2] is None:
        raise invalid_parameter("create_date_start and modified_date_start cannot be both empty")
    statuses, buyer = _statuses(query), str(query.get("buyer_login_id") or "")
    found = [
        o
        for o in world.orders.orders.values()
        if _in_window(o.created_at, windows[0], windows[1])
        and _in_window(o.modified_at, windows[2], windows[3])
        and (o.status in statuses if statuses else o.status != "FINISH")
        and (not buyer or o.buyer["login_id"] == buyer)
    ]
    found.sort(key=lambda o: -o.created_at)
    rows = [order_row(o, call.now) for o in found[(page - 1) * size : page * size]]
    return {
        "result": {
            "error_message": "",
            "total_count": len(found),
            "target_list": {"order_dto": rows},
            "page_size": size,
            "error_code": "",
            "current_page": page,
            "total_page": math.ceil(len(found) / size),
            "success": True,
            "time_stamp": timefmt.pacific(call.now),
        }
    }


def _order(world: World, call: Call) -> Order:
    source = call.json_object("param1") if call.text("param1") else dict(call.params)
    try:
        order_id = int(source.get("order_id") or 0)
    except (TypeError, ValueError):
        order_id = 0
    if not order_id:
        raise missing_parameter("order_id")
    order = world.orders.orders.get(order_id)
    if order is None:
        raise invalid_parameter(f"order {order_id} does not exist")
    return order


def info_get(world: World, call: Call) -> JsonDict:
    order = _order(world, call)
    return {
        "result": {
            "error_message": "",
            "time_stamp": timefmt.pacific(call.now),
            "error_code": "",
            "data": detail.data(order),
        }
    }


def receiptinfo_get(world: World, call: Call) -> JsonDict:
    order = _order(world, call)
    address = detail.receipt_address(order)
    address["country_name"] = str(order.address.get("country_name", ""))
    return {"result": address}


def _tracking_regex(service_name: str, website: str) -> str:
    if service_name.lower() == "other":
        if not website:
            raise missing_parameter("tracking_website")
        service_name = "Other"
    service = next((s for s in seed.logistics_services() if s.service_name == service_name), None)
    if service is None:
        raise invalid_parameter(f"service_name {service_name} is not a logistics service of this seller")
    return service.tracking_no_regex


def fulfill(world: World, call: Call) -> JsonDict:
    service_name, send_type = call.required("service_name"), call.required("send_type")
    logistics_no, out_ref = call.required("logistics_no"), call.required("out_ref")
    if send_type not in ("all", "part"):
        raise invalid_parameter("send_type must be all or part")
    if not re.search(_tracking_regex(service_name, call.text("tracking_website")), logistics_no):
        raise invalid_parameter(
            f"logistics_no {logistics_no} is not a valid tracking number for {service_name}"
        )
    order = world.orders.orders.get(int(out_ref)) if out_ref.isdigit() else None
    if order is None:
        raise invalid_parameter(f"out_ref {out_ref} is not an order of this seller")
    if order.status not in SHIPPABLE:
        raise invalid_parameter(
            f"order {order.order_id} is {order.status}; only orders waiting for shipment can ship"
        )
    order.shipments.append(
        Shipment(service_name, logistics_no, send_type, call.text("tracking_website"), call.now)
    )
    order.move("WAIT_BUYER_ACCEPT_GOODS" if send_type == "all" else "SELLER_PART_SEND_GOODS", call.now)
    return {"result": {"result_success": True}}


METHODS = {
    "aliexpress.solution.order.get": order_get,
    "aliexpress.solution.order.info.get": info_get,
    "aliexpress.solution.order.receiptinfo.get": receiptinfo_get,
    "aliexpress.solution.order.fulfill": fulfill,
}
