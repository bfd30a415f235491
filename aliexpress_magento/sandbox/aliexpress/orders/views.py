"""Orders in the ``order.get`` shape (``target_list.order_dto[].product_list.order_product_dto[]``).

Fields the sandbox does not model (loans, escrow, issues) carry neutral values of the sample's JSON type.
"""

from __future__ import annotations

from functools import cache

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress.orders import money
from aliexpress_magento.sandbox.aliexpress.orders.model import JsonDict, Order, OrderLine
from aliexpress_magento.sandbox.aliexpress.timefmt import pacific

SEND_GOODS_DAYS = 7  # seller's handling time before the order times out


def when(ts: float | None) -> str:
    return pacific(ts) if ts is not None else ""


def snap_url(order: Order) -> str:
    return f"//www.aliexpress.com/snapshot/null.html?orderId={order.order_id}"


def product_row(order: Order, line: OrderLine) -> JsonDict:
    shipped = order.shipments[-1].shipped_at if order.shipments else None
    return {
        "total_product_amount": money.simple(float(line.unit_price) * line.count, order.currency),
        "son_order_status": order.status,
        "sku_code": line.sku_code,
        "show_status": order.status,
        "send_goods_time": when(shipped),
        "send_goods_operator": "SELLER_SEND_GOODS",
        "product_unit_price": money.simple(float(line.unit_price), order.currency),
        "product_unit": "piece",
        "product_standard": "",
        "product_snap_url": snap_url(order),
        "product_name": line.product_name,
        "product_img_url": line.image,
        "product_id": line.product_id,
        "product_count": line.count,
        "order_id": order.order_id,
        "money_back3x": False,
        "memo": "",
        "logistics_type": order.logistics_service,
        "logistics_service_name": _service_name(order.logistics_service),
        "logistics_amount": money.simple(0.0, order.currency),
        "issue_status": "NO_ISSUE",
        "issue_mode": "",
        "goods_prepare_time": 3,
        "fund_status": order.fund_status,
        "freight_commit_day": "27",
        "escrow_fee_rate": "0.05",
        "delivery_time": "5-10",
        "child_id": line.child_id,
        "can_submit_issue": False,
        "buyer_signer_last_name": order.buyer["last_name"],
        "buyer_signer_first_name": order.buyer["first_name"],
        "afflicate_fee_rate": "0.03",
    }


@cache
def _service_name(service: str) -> str:
    return next((s.display_name for s in seed.logistics_services() if s.service_name == service), service)


def _left(order: Order, now: float) -> tuple[int, int, int, int]:
    if order.paid_at is None or order.status != "WAIT_SELLER_SEND_GOODS":
        return 0, 0, 0, 0
    left = max(0, int(order.paid_at + SEND_GOODS_DAYS * 86400 - now))
    return left // 86400, left % 86400 // 3600, left % 3600 // 60, left * 1000


def order_row(order: Order, now: float) -> JsonDict:
    days, hours, minutes, left_ms = _left(order, now)
    seller = seed.shop()["seller"]
    total, fullname = order.total(), f"{order.buyer['first_name']} {order.buyer['last_name']}"
    shipped = order.shipments[-1].shipped_at if order.shipments else None
    return {
        "timeout_left_time": left_ms,
        "seller_signer_fullname": seller["user_nick"],
        "seller_operator_login_id": seller["user_nick"],
        "seller_login_id": seller["user_nick"],
        "product_list": {"order_product_dto": [product_row(order, line) for line in order.lines]},
        "phone": False,
        "payment_type": "ebanx101" if order.paid_at else "",
        "pay_amount": money.simple(total, order.currency),
        "order_status": order.status,
        "order_id": order.order_id,
        "order_detail_url": f"https://trade.aliexpress.com/order_detail.htm?orderId={order.order_id}",
        "logistics_status": order.logistics_status,
        "logisitcs_escrow_fee_rate": "0.05",
        "loan_amount": money.simple(0.0, order.currency),
        "left_send_good_min": str(minutes),
        "left_send_good_hour": str(hours),
        "left_send_good_day": str(days),
        "issue_status": "NO_ISSUE",
        "has_request_loan": False,
        "gmt_update": when(order.modified_at),
        "gmt_send_goods_time": when(shipped),
        "gmt_pay_time": when(order.paid_at),
        "gmt_create": when(order.created_at),
        "fund_status": order.fund_status,
        "frozen_status": "NO_FROZEN",
        "escrow_fee_rate": 0.05,
        "escrow_fee": money.simple(round(total * 0.05, 2), order.currency),
        "end_reason": order.end_reason,
        "buyer_signer_fullname": fullname,
        "buyer_login_id": order.buyer["login_id"],
        "biz_type": "AE_COMMON",
        "offline_pickup_type": "",
    }
