"""Every column of a Magento 1 order, as ``sales_order.info`` / ``.list`` answer them
(``Mage_Sales_Model_Order_Api`` returns each flat table row whole: recorded,
``second-store/sales_order.info.customer_cart_order`` and the first store's ``sales_order.info``, 145 keys
of which most are null on a checkmo order without tax or discount).

The sandbox keeps the columns its checkout sets; :func:`order_info` and :func:`order_columns` answer the
others as the recorded order had them: null, or the zero amount, rate or flag Magento writes for a store
without tax, discounts or currency conversion. Values that depend on Magento's internals are simplified
(unsure):
``protect_code`` (a hash of the increment id), an item's ``quote_item_id`` (its own id) and
``product_options`` (the ``info_buyRequest`` only, PHP-serialized).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from aliexpress_magento.sandbox.magento1.values import ONE, ZERO, decimal4

JsonDict = dict[str, Any]
STORE_NAME = "Main Website\nMain Website Store\nDefault Store View"

ORDER = (
    "state", "status", "coupon_code", "protect_code", "shipping_description", "is_virtual", "store_id",
    "customer_id", "base_discount_amount", "base_discount_canceled", "base_discount_invoiced",
    "base_discount_refunded", "base_grand_total", "base_shipping_amount", "base_shipping_canceled",
    "base_shipping_invoiced", "base_shipping_refunded", "base_shipping_tax_amount",
    "base_shipping_tax_refunded", "base_subtotal", "base_subtotal_canceled", "base_subtotal_invoiced",
    "base_subtotal_refunded", "base_tax_amount", "base_tax_canceled", "base_tax_invoiced",
    "base_tax_refunded", "base_to_global_rate", "base_to_order_rate", "base_total_canceled",
    "base_total_invoiced", "base_total_invoiced_cost", "base_total_offline_refunded",
    "base_total_online_refunded", "base_total_paid", "base_total_qty_ordered", "base_total_refunded",
    "discount_amount", "discount_canceled", "discount_invoiced", "discount_refunded", "grand_total",
    "shipping_amount", "shipping_canceled", "shipping_invoiced", "shipping_refunded",
    "shipping_tax_amount", "shipping_tax_refunded", "store_to_base_rate", "store_to_order_rate",
    "subtotal", "subtotal_canceled", "subtotal_invoiced", "subtotal_refunded", "tax_amount",
    "tax_canceled", "tax_invoiced", "tax_refunded", "total_canceled", "total_invoiced",
    "total_offline_refunded", "total_online_refunded", "total_paid", "total_qty_ordered",
    "total_refunded", "can_ship_partially", "can_ship_partially_item", "customer_is_guest",
    "customer_note_notify", "billing_address_id", "customer_group_id", "edit_increment", "email_sent",
    "forced_shipment_with_invoice", "payment_auth_expiration", "quote_address_id", "quote_id",
    "shipping_address_id", "adjustment_negative", "adjustment_positive", "base_adjustment_negative",
    "base_adjustment_positive", "base_shipping_discount_amount", "base_subtotal_incl_tax",
    "base_total_due", "payment_authorization_amount", "shipping_discount_amount", "subtotal_incl_tax",
    "total_due", "weight", "customer_dob", "increment_id", "applied_rule_ids", "base_currency_code",
    "customer_email", "customer_firstname", "customer_lastname", "customer_middlename",
    "customer_prefix", "customer_suffix", "customer_taxvat", "discount_description", "ext_customer_id",
    "ext_order_id", "global_currency_code", "hold_before_state", "hold_before_status",
    "order_currency_code", "original_increment_id", "relation_child_id", "relation_child_real_id",
    "relation_parent_id", "relation_parent_real_id", "remote_ip", "shipping_method",
    "store_currency_code", "store_name", "x_forwarded_for", "customer_note", "created_at", "updated_at",
    "total_item_count", "customer_gender", "hidden_tax_amount", "base_hidden_tax_amount",
    "shipping_hidden_tax_amount", "base_shipping_hidden_tax_amnt", "hidden_tax_invoiced",
    "base_hidden_tax_invoiced", "hidden_tax_refunded", "base_hidden_tax_refunded", "shipping_incl_tax",
    "base_shipping_incl_tax", "coupon_rule_name", "paypal_ipn_customer_notified", "gift_message_id",
    "payment_authorization_expiration", "forced_do_shipment_with_invoice",
    "base_shipping_hidden_tax_amount", "order_id",
)  # fmt: skip
ADDRESS = (
    "parent_id", "customer_address_id", "quote_address_id", "region_id", "customer_id", "fax", "region",
    "postcode", "lastname", "street", "city", "email", "telephone", "country_id", "firstname",
    "address_type", "prefix", "middlename", "suffix", "company", "vat_id", "vat_is_valid",
    "vat_request_id", "vat_request_date", "vat_request_success", "address_id",
)  # fmt: skip
PAYMENT = (
    "parent_id", "base_shipping_captured", "shipping_captured", "amount_refunded", "base_amount_paid",
    "amount_canceled", "base_amount_authorized", "base_amount_paid_online",
    "base_amount_refunded_online", "base_shipping_amount", "shipping_amount", "amount_paid",
    "amount_authorized", "base_amount_ordered", "base_shipping_refunded", "shipping_refunded",
    "base_amount_refunded", "amount_ordered", "base_amount_canceled", "quote_payment_id",
    "additional_data", "cc_exp_month", "cc_ss_start_year", "echeck_bank_name", "method",
    "cc_debug_request_body", "cc_secure_verify", "protection_eligibility", "cc_approval", "cc_last4",
    "cc_status_description", "echeck_type", "cc_debug_response_serialized", "cc_ss_start_month",
    "echeck_account_type", "last_trans_id", "cc_cid_status", "cc_owner", "cc_type", "po_number",
    "cc_exp_year", "cc_status", "echeck_routing_number", "account_status", "anet_trans_method",
    "cc_debug_response_body", "cc_ss_issue", "echeck_account_name", "cc_avs_status", "cc_number_enc",
    "cc_trans_id", "paybox_request_number", "address_status", "additional_information", "payment_id",
)  # fmt: skip

_ORDER_ZERO = (
    "base_discount_amount", "base_shipping_tax_amount", "base_tax_amount", "shipping_tax_amount",
    "base_shipping_discount_amount", "shipping_discount_amount", "hidden_tax_amount",
    "base_hidden_tax_amount", "shipping_hidden_tax_amount", "base_shipping_hidden_tax_amnt",
    "base_shipping_hidden_tax_amount",
)  # fmt: skip
_RATES = ("base_to_global_rate", "base_to_order_rate", "store_to_base_rate", "store_to_order_rate")
ORDER_DEFAULTS: JsonDict = {
    **dict.fromkeys(_ORDER_ZERO, ZERO),
    **dict.fromkeys(_RATES, ONE),
    "is_virtual": "0", "customer_note_notify": "1", "paypal_ipn_customer_notified": "0",
    "store_name": STORE_NAME,
}  # fmt: skip
PAYMENT_DEFAULTS: JsonDict = {
    "cc_exp_month": "0", "cc_ss_start_year": "0", "cc_ss_start_month": "0", "cc_exp_year": "0",
    "additional_information": [],
}  # fmt: skip


def order_info(order: Mapping[str, Any]) -> JsonDict:
    """``sales_order.info``: the order row, then its addresses, items, payment, history (recorded order)."""
    head = order["order"]
    return {
        **order_columns(order),
        "shipping_address": _address(order["shipping_address"], head),
        "billing_address": _address(order["billing_address"], head),
        "items": [dict(i) for i in order["items"]],  # stored with every column (order_items.py)
        "payment": widen(PAYMENT, _payment(order["payment"]), PAYMENT_DEFAULTS),
        "status_history": order["status_history"],
        "order_id": head["order_id"],
    }


def order_columns(order: Mapping[str, Any]) -> JsonDict:
    """Every column of the order row (``order_id`` last, as the handler adds it)."""
    head = order["order"]
    computed = {
        "protect_code": hashlib.sha256(head["increment_id"].encode()).hexdigest()[:16],
        "billing_address_id": order["billing_address"]["address_id"],
        "shipping_address_id": order["shipping_address"]["address_id"],
        "subtotal_incl_tax": head["subtotal"], "base_subtotal_incl_tax": head["base_subtotal"],
        "shipping_incl_tax": head["shipping_amount"], "base_shipping_incl_tax": head["base_shipping_amount"],
        "weight": decimal4(sum(_row_weight(i) for i in order["items"])),
    }  # fmt: skip
    return {**widen(ORDER, {**computed, **head}, ORDER_DEFAULTS), "order_id": head["order_id"]}


def history_entry(
    head: Mapping[str, Any], stamp: str, entity: str, comment: str | None, notified: str
) -> JsonDict:
    """A ``status_history`` row with the order's status. Magento writes one at placement (notified "1"),
    cancel ("2": no e-mail sent) and shipment (entity "shipment"), each without a comment (recorded)."""
    return {
        "parent_id": head["order_id"], "is_customer_notified": notified, "is_visible_on_front": "0",
        "comment": comment, "status": head["status"], "created_at": stamp, "entity_name": entity,
    }  # fmt: skip


def widen(columns: Iterable[str], row: Mapping[str, Any], defaults: Mapping[str, Any]) -> JsonDict:
    return {c: row[c] if c in row else defaults.get(c) for c in columns}


def _address(address: Mapping[str, Any], head: Mapping[str, Any]) -> JsonDict:
    known = {
        **address,
        "customer_id": head.get("customer_id"),
        "email": address.get("email") or head.get("customer_email"),
    }
    return widen(ADDRESS, known, {})


def _payment(payment: Mapping[str, Any]) -> JsonDict:
    return {"base_shipping_amount": payment.get("shipping_amount"), **payment}


def _row_weight(item: Mapping[str, Any]) -> float:
    """A child line weighs nothing: its configurable line carries the weight (recorded ``row_weight``)."""
    return 0.0 if item["parent_item_id"] else float(item["weight"]) * float(item["qty_ordered"])
