"""Orders area: requests sent and typed answers parsed from the official samples."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from aliexpress_magento.clients.aliexpress import AliExpressClient, TerminalError
from aliexpress_magento.clients.aliexpress.orders import Address, Fulfilment, Money, OrderQuery

from .conftest import FakeApi, business_params, make_client

QUERY = OrderQuery(
    current_page=2,
    page_size=50,
    create_date_start=datetime(2024, 1, 15, 9, 0, 0, tzinfo=UTC),
    create_date_end=datetime(2024, 7, 15, 9, 0, 0, tzinfo=UTC),
    order_status_list=("WAIT_SELLER_SEND_GOODS", "IN_CANCEL"),
)


def test_get_sends_flat_filters_with_pacific_windows(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.order.get")
    client.orders.get(QUERY)
    assert api.last.params["method"] == "aliexpress.solution.order.get"
    assert business_params(api.last) == {
        "create_date_start": "2024-01-15 01:00:00",  # PST, UTC-8
        "create_date_end": "2024-07-15 02:00:00",  # PDT, UTC-7
        "current_page": "2",
        "page_size": "50",
        "order_status_list": '["WAIT_SELLER_SEND_GOODS","IN_CANCEL"]',
    }


def test_get_can_wrap_the_filters_in_param0(api: FakeApi) -> None:
    api.reply_sample("aliexpress.solution.order.get")
    with make_client(api, order_query_style="param0") as ae:
        ae.orders.get(OrderQuery(modified_date_start=datetime(2024, 1, 15, 9, tzinfo=UTC)))
    assert json.loads(business_params(api.last)["param0"]) == {
        "modified_date_start": "2024-01-15 01:00:00",
        "current_page": 1,
        "page_size": 50,
    }


def test_page_size_beyond_50_is_refused_before_calling() -> None:
    with pytest.raises(ValueError, match=r"page_size must be 1\.\.50"):
        OrderQuery(page_size=51).to_params()


def test_get_parses_the_official_sample(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.order.get")
    page = client.orders.get(QUERY)
    assert (page.total_count, page.total_page, page.current_page, page.page_size) == (1, 1, 1, 1)
    (order,) = page.orders
    assert order.order_id == 1160045860056286
    assert (order.order_status, order.logistics_status, order.fund_status) == (
        "PLACE_ORDER_SUCCESS",
        "NO_LOGISTICS",
        "WAIT_SELLER_CHECK",
    )
    assert (order.buyer_login_id, order.buyer_signer_fullname) == ("test", "test")
    assert order.gmt_create == datetime(2017, 10, 12, 19, 12, 12, tzinfo=UTC)
    assert order.pay_amount == Money(Decimal("1.01"), "USD")
    (line,) = order.lines
    assert (line.order_id, line.child_id, line.product_id, line.product_count, line.sku_code) == (
        222222,
        23457890,
        2356980,
        1,
        "12",
    )
    assert (line.product_name, line.logistics_type, line.son_order_status) == (
        "mobile",
        "EMS",
        "PLACE_ORDER_SUCCESS",
    )
    assert line.unit_price == line.total_amount == Money(Decimal("1.01"), "USD")
    assert order.raw["payment_type"] == "ebanx101"


def test_info_get_sends_param1_and_parses_the_official_sample(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.order.info.get")
    detail = client.orders.info_get(31130700125804)
    assert business_params(api.last) == {"param1": '{"order_id":31130700125804,"ext_info_bit_flag":"11111"}'}
    assert (detail.id, detail.order_status, detail.fund_status, detail.buyer_login_id) == (
        31130700125804,
        "PLACE_ORDER_SUCCESS",
        "NOT_PAY",
        "aliqatest07",
    )
    assert detail.order_amount == Money(Decimal("0.01"), "EUR")
    assert detail.receipt_address.city == "Alcobendas"
    assert detail.receipt_address.zip == "28108"
    assert len(detail.child_orders) == 1
    assert detail.logistics[0].logistics_service_name == "SEUR"
    assert detail.logistics[0].logistics_type_code == "EMS_ZX_ZX_US"
    assert detail.raw["opr_log_dto_list"] == {
        "global_aeop_tp_operation_log_dto": [
            {
                "id": 80000116680785810,  # > 2^53, exact
                "gmt_modified": "2019-03-06 12:01:17",
                "memo": "1",
                "action_type": "front_create_order",
                "child_order_id": 31130700125804,
                "operator": "aliqatest07",
                "order_id": 31130700125804,
                "gmt_create": "2018-03-01 12:12",
            }
        ]
    }


def test_child_orders_read_money_in_its_amount_str_form(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.order.info.get")
    child = client.orders.info_get(1).child_orders[0]
    assert child.product_price.currency_code == "EUR"
    assert child.product_price.amount is not None


def test_receiptinfo_get_parses_the_official_sample(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.order.receiptinfo.get")
    address = client.orders.receiptinfo_get(8100000000000001)
    assert business_params(api.last) == {"param1": '{"order_id":8100000000000001}'}
    assert address == Address(
        contact_person="Mark",
        country="RU",
        province="Moscow",
        city="Babenki",
        address="address 001",
        address2="address 001",
        detail_address="center street No.99",
        zip="400120",
        mobile_no="4679974",
        phone_country="04",
        phone_area="12345",
        phone_number="88688435",
        country_name="Russian Federation",
    )


def test_fulfill_sends_the_shipment_and_reads_result_success(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.order.fulfill")
    shipped = client.orders.fulfill(
        Fulfilment(
            out_ref=8100000000000001,
            service_name="other",
            logistics_no="1Z999",
            send_type="part",
            tracking_website="https://track.example",
        )
    )
    assert shipped is True
    assert business_params(api.last) == {
        "out_ref": "8100000000000001",
        "service_name": "other",
        "logistics_no": "1Z999",
        "send_type": "part",
        "tracking_website": "https://track.example",
    }


def test_fulfill_refused_in_body_raises_with_its_code(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json(
        {
            "aliexpress_solution_order_fulfill_response": {
                "result": {
                    "result_success": False,
                    "result_error_code": "-1",
                    "result_error_desc": "tracking no invalid",
                },
                "request_id": "rq1",
            }
        }
    )
    with pytest.raises(TerminalError) as caught:
        client.orders.fulfill(Fulfilment(out_ref=1, service_name="CPAM", logistics_no="bad"))
    assert (caught.value.code, caught.value.message, caught.value.request_id) == (
        "-1",
        "tracking no invalid",
        "rq1",
    )
