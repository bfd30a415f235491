"""``order.info.get`` ``result.data`` (``GlobalAeopTpOrderDetailDto``), in the official sample's shape.

Refund, loan and issue blocks are always present with neutral values (the sandbox has no disputes).
"""

from __future__ import annotations

import json

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress.orders import money
from aliexpress_magento.sandbox.aliexpress.orders.model import JsonDict, Order, OrderLine
from aliexpress_magento.sandbox.aliexpress.orders.views import snap_url, when

ADDRESS_KEYS = (
    "fax_area",
    "zip",
    "fax_country",
    "address2",
    "detail_address",
    "country",
    "city",
    "fax_number",
    "phone_number",
    "address",
    "province",
    "phone_area",
    "phone_country",
    "contact_person",
    "mobile_no",
)


def receipt_address(order: Order) -> JsonDict:
    return {key: str(order.address.get(key, "")) for key in ADDRESS_KEYS}


def _refund(currency: str) -> JsonDict:
    zero = money.detailed(0.0, currency)
    return {
        "refund_reason": "",
        "refund_status": "",
        "refund_coupon_amt": zero,
        "refund_cash_amt": zero,
        "refund_type": "",
        "refund_time": "",
    }


def _sku_json(line: OrderLine) -> str:
    rows = [{"skuImg": "", "showType": "none", **p} for p in line.sku_properties]
    return json.dumps({"sku": rows}, ensure_ascii=False)


def _child(order: Order, line: OrderLine, index: int) -> JsonDict:
    price, currency = float(line.unit_price), order.currency
    return {
        "snapshot_id": str(line.child_id),
        "lot_num": 1,
        "logistics_amount": money.detailed(0.0, currency),
        "goods_prepare_time": 3,
        "product_attributes": _sku_json(line),
        "buyer_memo": "",
        "refund_info": _refund(currency),
        "product_unit": "piece",
        "id": line.child_id,
        "logistics_type": order.logistics_service,
        "frozen_status": "NO_FROZEN",
        "issue_status": "NO_ISSUE",
        "order_sort_id": index,
        "afflicate_fee_rate": "0.03",
        "init_order_amt": money.detailed(price * line.count, currency),
        "child_issue_info": {"issue_time": "", "issue_status": "NO_ISSUE", "issue_model": ""},
        "logistics_service_name": order.logistics_service,
        "loan_info": {"loan_amount": money.detailed(0.0, currency), "loan_time": ""},
        "product_snap_url": snap_url(order),
        "order_status": order.status,
        "sku_code": line.sku_code,
        "send_goods_operator": "SELLER_SEND_GOODS",
        "product_id": line.product_id,
        "product_count": line.count,
        "fund_status": order.fund_status,
        "escrow_fee_rate": "0.05",
        "product_img_url": line.image,
        "child_order_id": str(line.child_id),
        "product_price": money.detailed(price, currency),
        "product_name": line.product_name,
        "snapshot_small_photo_path": line.image,
        "product_standard": "",
        "logistics_warehouse_type": "",
    }


def _logistics(order: Order) -> list[JsonDict]:
    return [
        {
            "logistics_no": s.logistics_no,
            "have_tracking_info": False,
            "recv_status_desc": "",
            "logistics_service_name": s.service_name,
            "ship_order_id": order.order_id + i + 50,
            "gmt_send": when(s.shipped_at),
            "gmt_received": "",
            "logistics_type_code": s.service_name,
            "receive_status": "default",
        }
        for i, s in enumerate(order.shipments)
    ]


def _log(order: Order) -> list[JsonDict]:
    created = when(order.created_at)
    return [
        {
            "id": order.order_id * 10,
            "gmt_modified": created,
            "memo": "",
            "action_type": "front_create_order",
            "child_order_id": order.order_id,
            "operator": order.buyer["login_id"],
            "order_id": order.order_id,
            "gmt_create": created,
        }
    ]


def _ext(order: Order, line: OrderLine) -> JsonDict:
    return {
        "quantity": line.count,
        "unit_price": money.detailed(float(line.unit_price), order.currency),
        "sku": _sku_json(line),
        "product_name": line.product_name,
        "product_id": line.product_id,
    }


def _amounts(order: Order) -> JsonDict:
    total, currency = order.total(), order.currency
    return {
        "logistics_amount": money.detailed(0.0, currency),
        "logisitcs_escrow_fee_rate": "0.05",  # sic, as the API spells it
        "settlement_currency": currency,
        "pay_amount_by_settlement_cur": money.amount(total),
        "order_amount": money.detailed(total, currency),
        "init_oder_amount": money.detailed(total, currency),  # sic
        "escrow_fee": money.detailed(round(total * 0.05, 2), currency),
        "refund_info": _refund(currency),
        "loan_info": {"loan_amount": money.detailed(0.0, currency), "loan_time": ""},
        "loan_status": "loan_none",
        "payment_type": "ebanx101" if order.paid_at else "",
    }


def _lists(order: Order) -> JsonDict:
    children = [_child(order, line, i) for i, line in enumerate(order.lines, start=1)]
    return {
        "order_msg_list": {"global_aeop_tp_order_msg_dto": []},
        "child_order_ext_info_list": {
            "global_aeop_tp_order_product_info_dto": [_ext(order, x) for x in order.lines]
        },
        "logistic_info_list": {"global_aeop_tp_logistic_info_dto": _logistics(order)},
        "opr_log_dto_list": {"global_aeop_tp_operation_log_dto": _log(order)},
        "child_order_list": {"global_aeop_tp_child_order_dto": children},
    }


def data(order: Order) -> JsonDict:
    seller = seed.shop()["seller"]["user_nick"]
    return {
        **_amounts(order),
        **_lists(order),
        "id": order.order_id,
        "order_status": order.status,
        "logistics_status": order.logistics_status,
        "fund_status": order.fund_status,
        "frozen_status": "NO_FROZEN",
        "issue_status": "NO_ISSUE",
        "issue_info": {"issue_model": "", "issue_status": "NO_ISSUE", "issue_time": ""},
        "buyer_info": dict(order.buyer),
        "buyerloginid": order.buyer["login_id"],  # sic
        "buyer_signer_fullname": f"{order.buyer['first_name']} {order.buyer['last_name']}",
        "receipt_address": receipt_address(order),
        "seller_signer_fullname": seller,
        "seller_operator_login_id": seller,
        "seller_operator_aliidloginid": "",
        "gmt_create": when(order.created_at),
        "gmt_modified": when(order.modified_at),
        "gmt_pay_success": when(order.paid_at),
        "gmt_trade_end": when(order.finished_at),
        "order_end_reason": order.end_reason,
        "over_time_left": "",
        "is_phone": False,
        "memo": "",
        "cpf_number": "",
    }
