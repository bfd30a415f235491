"""Orders: the buyer simulator, order.get filters, detail calls, fulfilment and finishing."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.sandbox.conftest import Api, FakeClock

GET, FULFILL = "aliexpress.solution.order.get", "aliexpress.solution.order.fulfill"
PACIFIC = ZoneInfo("America/Los_Angeles")


def pacific(ts: float) -> str:
    return datetime.fromtimestamp(ts, PACIFIC).strftime("%Y-%m-%d %H:%M:%S")


def ids(api: Api, **query: Any) -> list[int]:
    query = {"page_size": 50, "current_page": 1, **query}
    body = api.result(GET, param0=query)["result"]
    return [o["order_id"] for o in body["target_list"]["order_dto"]]


def error(body: dict[str, Any]) -> tuple[str | int, str]:
    inner = body["error_response"]
    return inner["code"], inner.get("sub_msg", inner["msg"])


def test_order_get_filters_by_the_us_pacific_create_window(
    sandbox: AliExpressSandbox, api: Api, clock: FakeClock
) -> None:
    early = sandbox.place_orders(1)
    clock.advance(3600)
    late = sandbox.place_orders(1)
    assert ids(api, create_date_start=pacific(clock() - 1800)) == late
    assert (
        ids(api, create_date_start=pacific(clock() - 7200), create_date_end=pacific(clock() - 1800)) == early
    )
    utc_wall = datetime.utcfromtimestamp(clock() - 1800).strftime("%Y-%m-%d %H:%M:%S")
    assert ids(api, create_date_start=utc_wall) == []  # a UTC wall time is 8 h later than Pacific


def test_order_get_filters_by_modified_window_statuses_and_buyer(
    sandbox: AliExpressSandbox, api: Api, clock: FakeClock
) -> None:
    unpaid = sandbox.place_orders(1, buyer_login_id="us100001")
    paid = sandbox.place_orders(1, status="WAIT_SELLER_SEND_GOODS", buyer_login_id="aliqatest07")
    clock.advance(30)  # too soon for the unpaid order to be paid (60 s)
    api.result(
        FULFILL, service_name="CPAM", out_ref=str(paid[0]), send_type="all", logistics_no="RA123456789CN"
    )
    assert ids(api, modified_date_start=pacific(clock() - 10)) == paid
    assert ids(api, create_date_start=pacific(0), order_status_list=["PLACE_ORDER_SUCCESS"]) == unpaid
    assert ids(api, create_date_start=pacific(0), order_status="WAIT_BUYER_ACCEPT_GOODS") == paid
    assert ids(api, create_date_start=pacific(0), buyer_login_id="us100001") == unpaid


def test_finished_orders_come_only_when_asked_for(sandbox: AliExpressSandbox, api: Api) -> None:
    (order_id,) = sandbox.place_orders(1, status="WAIT_BUYER_ACCEPT_GOODS")
    response = api.http.post(f"/_sandbox/orders/{order_id}/finish")
    assert response.json() == {"order_id": order_id, "order_status": "FINISH"}
    assert ids(api, create_date_start=pacific(0)) == []
    assert ids(api, create_date_start=pacific(0), order_status_list=["FINISH"]) == [order_id]


def test_order_get_pages_at_most_50_and_needs_a_window(sandbox: AliExpressSandbox, api: Api) -> None:
    sandbox.knobs.update({})
    placed = sandbox.place_orders(5, status="WAIT_SELLER_SEND_GOODS")
    page = api.result(GET, param0={"create_date_start": pacific(0), "page_size": 2, "current_page": 3})[
        "result"
    ]
    assert (page["total_count"], page["total_page"], page["current_page"]) == (len(placed), 3, 3)
    assert error(
        api.call(GET, param0={"create_date_start": pacific(0), "page_size": 51, "current_page": 1})
    ) == (50, "非法参数: page_size must be between 1 and 50, current_page >= 1")
    assert error(api.call(GET, param0={"page_size": 10, "current_page": 1})) == (
        50,
        "非法参数: create_date_start and modified_date_start cannot be both empty",
    )


def test_order_get_accepts_flat_parameters_too(sandbox: AliExpressSandbox, api: Api) -> None:
    placed = sandbox.place_orders(2, status="WAIT_SELLER_SEND_GOODS")
    flat = api.result(
        GET,
        create_date_start=pacific(0),
        page_size="50",
        current_page="1",
        order_status_list="WAIT_SELLER_SEND_GOODS",
    )["result"]
    assert sorted(o["order_id"] for o in flat["target_list"]["order_dto"]) == placed


def test_orders_carry_lines_money_and_addresses(sandbox: AliExpressSandbox, api: Api) -> None:
    (order_id,) = sandbox.place_orders(1, status="WAIT_SELLER_SEND_GOODS", buyer_login_id="es1000217")
    [order] = api.result(GET, param0={"create_date_start": pacific(0), "page_size": 5, "current_page": 1})[
        "result"
    ]["target_list"]["order_dto"]
    lines = order["product_list"]["order_product_dto"]
    total = sum(float(line["total_product_amount"]["amount"]) for line in lines)
    assert order["pay_amount"] == {"currency_code": "EUR", "amount": f"{total:.2f}"}
    assert {line["order_id"] for line in lines} == {order_id}
    receipt = api.result("aliexpress.solution.order.receiptinfo.get", param1={"order_id": order_id})["result"]
    assert (receipt["country"], receipt["city"], receipt["zip"]) == ("ES", "Alcobendas", "28108")
    data = api.result("aliexpress.solution.order.info.get", order_id=str(order_id))["result"]["data"]
    assert (data["id"], data["buyer_info"]["login_id"], data["order_amount"]["amount"]) == (
        order_id,
        "es1000217",
        f"{total:.2f}",
    )


def test_placing_orders_takes_stock(sandbox: AliExpressSandbox) -> None:
    before = sum(int(s["inventory"]) for p in sandbox.world.products.products.values() for s in p.skus)
    placed = sandbox.place_orders(4)
    taken = sum(line.count for o in placed for line in sandbox.world.orders.orders[o].lines)
    after = sum(int(s["inventory"]) for p in sandbox.world.products.products.values() for s in p.skus)
    assert before - after == taken > 0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"service_name": "CPAM", "logistics_no": "123"},
            "非法参数: logistics_no 123 is not a valid tracking number for CPAM",
        ),
        (
            {"service_name": "NOPE", "logistics_no": "RA123456789CN"},
            "非法参数: service_name NOPE is not a logistics service of this seller",
        ),
        (
            {"service_name": "other", "logistics_no": "TRACK-123"},
            'The input parameter "tracking_website" that is mandatory for processing this request '
            "is not supplied.",
        ),
        (
            {"service_name": "CPAM", "logistics_no": "RA123456789CN", "send_type": "some"},
            "非法参数: send_type must be all or part",
        ),
    ],
)
def test_fulfill_validates_service_and_tracking_number(
    sandbox: AliExpressSandbox, api: Api, params: dict[str, str], message: str
) -> None:
    (order_id,) = sandbox.place_orders(1, status="WAIT_SELLER_SEND_GOODS")
    body = api.call(FULFILL, **{"out_ref": str(order_id), "send_type": "all", **params})
    assert error(body)[1] == message
    assert sandbox.world.orders.orders[order_id].status == "WAIT_SELLER_SEND_GOODS"


def test_fulfill_part_then_all_moves_the_status(sandbox: AliExpressSandbox, api: Api) -> None:
    (order_id,) = sandbox.place_orders(1, status="WAIT_SELLER_SEND_GOODS")
    api.result(
        FULFILL,
        service_name="CAINIAO_OVERSEA_STD_SERVICE_ES",
        out_ref=str(order_id),
        send_type="part",
        logistics_no="123456789012",
    )
    assert sandbox.world.orders.orders[order_id].status == "SELLER_PART_SEND_GOODS"
    api.result(
        FULFILL,
        service_name="other",
        tracking_website="www.17track.com",
        out_ref=str(order_id),
        send_type="all",
        logistics_no="TRACK-123",
    )
    data = api.result("aliexpress.solution.order.info.get", param1={"order_id": order_id})["result"]["data"]
    assert (data["order_status"], data["logistics_status"]) == (
        "WAIT_BUYER_ACCEPT_GOODS",
        "SELLER_SEND_GOODS",
    )
    shipped = data["logistic_info_list"]["global_aeop_tp_logistic_info_dto"]
    assert [s["logistics_no"] for s in shipped] == ["123456789012", "TRACK-123"]


def test_unpaid_orders_cannot_ship(sandbox: AliExpressSandbox, api: Api) -> None:
    (order_id,) = sandbox.place_orders(1)
    body = api.call(
        FULFILL, service_name="CPAM", out_ref=str(order_id), send_type="all", logistics_no="RA123456789CN"
    )
    assert error(body) == (
        50,
        f"非法参数: order {order_id} is PLACE_ORDER_SUCCESS; only orders waiting for shipment can ship",
    )


def test_buyers_pay_then_some_ask_to_cancel(sandbox: AliExpressSandbox, clock: FakeClock) -> None:
    placed = sandbox.place_orders(30)
    clock.advance(60)
    sandbox.tick()
    orders = [sandbox.world.orders.orders[o] for o in placed]
    assert {o.status for o in orders} == {"WAIT_SELLER_SEND_GOODS"}
    clock.advance(120)
    sandbox.tick()
    statuses = [o.status for o in orders]
    assert 0 < statuses.count("IN_CANCEL") < 30
    assert statuses.count("IN_CANCEL") == sum(o.will_cancel for o in orders)


def test_the_buyer_rate_places_orders_as_time_passes(sandbox: AliExpressSandbox, clock: FakeClock) -> None:
    sandbox.knobs.buyer_orders_per_minute = 2
    clock.advance(90)
    sandbox.tick()
    assert len(sandbox.world.orders.orders) == 3
    clock.advance(30)
    sandbox.tick()
    assert len(sandbox.world.orders.orders) == 4
    currencies = {o.currency for o in sandbox.world.orders.orders.values()}
    assert currencies <= {"USD", "EUR", "RUB", "BRL"}


def test_finishing_an_unpaid_order_is_refused(sandbox: AliExpressSandbox, api: Api) -> None:
    (order_id,) = sandbox.place_orders(1)
    response = api.http.post(f"/_sandbox/orders/{order_id}/finish")
    assert response.status_code == 400
    assert response.json() == {
        "error": f"ValueError: order {order_id} is PLACE_ORDER_SUCCESS and cannot be closed this way"
    }
    assert api.http.post("/_sandbox/orders/1/finish").status_code == 404


def test_a_cancelled_order_closes_with_its_reason_and_gives_the_stock_back(
    sandbox: AliExpressSandbox, api: Api
) -> None:
    def stock() -> int:
        return sum(int(s["inventory"]) for p in sandbox.world.products.products.values() for s in p.skus)

    before = stock()
    (order_id,) = sandbox.place_orders(1, status="IN_CANCEL")
    assert stock() < before
    response = api.http.post(f"/_sandbox/orders/{order_id}/cancel")
    assert response.json() == {"order_id": order_id, "order_status": "FINISH"}
    assert stock() == before
    [row] = api.result(
        GET,
        param0={"create_date_start": pacific(0), "page_size": 5, "current_page": 1, "order_status": "FINISH"},
    )["result"]["target_list"]["order_dto"]
    assert (row["order_id"], row["end_reason"]) == (order_id, "cancel_order_close_trade")
    shipped = sandbox.place_orders(1, status="WAIT_BUYER_ACCEPT_GOODS")[0]
    assert api.http.post(f"/_sandbox/orders/{shipped}/cancel").status_code == 400


def test_the_buyer_orders_the_skus_named_and_the_order_and_products_are_readable(
    sandbox: AliExpressSandbox, api: Api
) -> None:
    """The control endpoints a journey drives: an order of exactly the SKUs named (one unit each),
    the order read back with its shipment once fulfilled, and each product's SKUs with their stock."""
    on_sale = [
        (p.product_id, s["sku_code"], int(s["inventory"]))
        for p in sandbox.world.products.products.values()
        if p.status == "onSelling"
        for s in p.skus
        if int(s["inventory"]) > 1
    ]
    (first, first_code, first_stock), (_, second_code, _) = on_sale[0], on_sale[1]
    answer = api.http.post(
        "/_sandbox/orders", json={"status": "WAIT_SELLER_SEND_GOODS", "sku_codes": [first_code, second_code]}
    ).json()
    (order_id,) = answer["order_ids"]
    order = api.http.get(f"/_sandbox/orders/{order_id}").json()
    assert (order["status"], [(line["sku_code"], line["count"]) for line in order["lines"]]) == (
        "WAIT_SELLER_SEND_GOODS",
        [(first_code, 1), (second_code, 1)],
    )
    assert order["shipments"] == []
    api.result(
        FULFILL, service_name="CPAM", out_ref=str(order_id), send_type="all", logistics_no="RA123456789CN"
    )
    shipped = api.http.get(f"/_sandbox/orders/{order_id}").json()
    assert [s["logistics_no"] for s in shipped["shipments"]] == ["RA123456789CN"]
    products = {p["product_id"]: p for p in api.http.get("/_sandbox/products").json()["products"]}
    stock = {s["sku_code"]: s["inventory"] for s in products[first]["skus"]}
    assert int(stock[first_code]) == first_stock - 1

    unknown = api.http.post("/_sandbox/orders", json={"sku_codes": ["NO-SUCH-SKU"]})
    assert (unknown.status_code, unknown.json()) == (
        404,
        {"error": "no live product sells SKU NO-SUCH-SKU in stock"},
    )
    assert api.http.get("/_sandbox/orders/1").status_code == 404
