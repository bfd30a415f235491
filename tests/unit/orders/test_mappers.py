"""The orders' mapper: AliExpress's detail and receipt → the order the Store is asked to create."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from aliexpress_magento.clients.aliexpress.orders import Address as Receipt
from aliexpress_magento.clients.aliexpress.orders import ChildOrder, Money, OrderDetail
from aliexpress_magento.orders import mappers

RECEIPT = Receipt(
    contact_person="Maria da Silva",
    country="UK",
    province="Greater London",
    city="London",
    address="10 Downing Street",
    address2="Flat 2",
    detail_address="10 Downing Street",
    zip="SW1A 2AA",
    mobile_no="7700900123",
    phone_country="+44",
    phone_area="20",
    phone_number="79460000",
)
SETTINGS = mappers.Settings("orders@shop.example", "checkmo", "flatrate_flatrate", "AE-")


def _detail(*children: ChildOrder, total: str = "25.00", shipping: str = "3.00") -> OrderDetail:
    return OrderDetail(
        id=8100000000000100,
        order_status="WAIT_SELLER_SEND_GOODS",
        logistics_status="",
        fund_status="PAY_SUCCESS",
        buyer_login_id="br.Buyer 7",
        gmt_create=None,
        gmt_modified=None,
        order_amount=Money(Decimal(total), "EUR"),
        logistics_amount=Money(Decimal(shipping), "EUR"),
        receipt_address=RECEIPT,
        child_orders=children,
        logistics=(),
        raw={},
    )


def _child(sku: str, count: int, price: str) -> ChildOrder:
    return ChildOrder(1, 2, f"Name of {sku}", count, sku, Money(Decimal(price), "EUR"), "", "")


def test_an_order_maps_lines_amounts_address_and_number() -> None:
    detail = _detail(_child("SKU-A", 2, "5.50"), _child("SKU-B", 1, "11.00"))
    order = mappers.order_to_create(detail, RECEIPT, SETTINGS, {"SKU-B": "PARENT-B"}, 8100000000000100)
    assert [(x.sku, x.qty, x.price, x.parent_sku) for x in order.lines] == [
        ("SKU-A", 2, Decimal("5.50"), ""),
        ("SKU-B", 1, Decimal("11.00"), "PARENT-B"),
    ]
    assert (order.subtotal, order.shipping_amount, order.grand_total, order.currency) == (
        Decimal("22.00"),
        Decimal("3.00"),
        Decimal("25.00"),
        "EUR",
    )
    assert (order.external_id, order.increment_id) == ("8100000000000100", "AE-8100000000000100")
    address = order.shipping_address
    assert (address.firstname, address.lastname, address.street) == (
        "Maria da",
        "Silva",
        ("10 Downing Street", "Flat 2"),
    )
    assert (address.country_id, address.region, address.postcode) == ("GB", "Greater London", "SW1A 2AA")
    assert (address.telephone, address.email, order.customer_email) == (
        "+44 7700900123",
        "orders@shop.example",
        "orders@shop.example",
    )


def test_without_a_customer_email_a_stand_in_address_names_the_buyer() -> None:
    order = mappers.order_to_create(
        _detail(_child("SKU-A", 1, "22")), RECEIPT, replace(SETTINGS, customer_email=""), {}, 81
    )
    assert order.customer_email == "aliexpress-br.buyer-7@example.com"


def test_a_landline_is_used_without_a_mobile_and_a_one_word_name_fills_both_names() -> None:
    receipt = replace(RECEIPT, mobile_no="", contact_person="Madonna")
    address = mappers.address(receipt, "x@example.com", "fallback")
    assert (address.telephone, address.firstname, address.lastname) == (
        "+44 20 79460000",
        "Madonna",
        "Madonna",
    )


@pytest.mark.parametrize(
    ("detail", "receipt", "reason"),
    [
        (_detail(), RECEIPT, "The order has no lines."),
        (_detail(_child("", 1, "1")), RECEIPT, "The line 'Name of ' has no SKU code on AliExpress."),
        (_detail(_child("A", 1, "1")), replace(RECEIPT, address="", detail_address="", address2=""),
         "The receipt address has no street."),
        (_detail(_child("A", 1, "1")), replace(RECEIPT, country=""), "The receipt address has no country."),
    ],
)  # fmt: skip
def test_an_order_that_cannot_be_created_says_why(detail: OrderDetail, receipt: Receipt, reason: str) -> None:
    with pytest.raises(mappers.UnusableOrder) as refused:
        mappers.order_to_create(detail, receipt, SETTINGS, {}, 81)
    assert str(refused.value) == reason


def test_totals_differ_only_on_amount_or_currency() -> None:
    same = mappers.totals_differ(Decimal("25.00"), "USD", Decimal("25.004"), "USD")
    assert same == ""
    assert mappers.totals_differ(Decimal("25"), "USD", Decimal("30"), "USD") == (
        "Totals differ: AliExpress 25.00 USD, Magento 30.00 USD."
    )
    assert mappers.totals_differ(Decimal("25"), "EUR", Decimal("25"), "USD") == (
        "Totals differ: AliExpress 25.00 EUR, Magento 25.00 USD."
    )
    assert mappers.totals_differ(Decimal("25"), "USD", None, "") == ""
