"""Rate limits, daily quota, latency and faults, and the /_sandbox control endpoints."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.sandbox.conftest import APP_KEY, APP_SECRET, REDIRECT, Api, FakeClock

TREE = "aliexpress.solution.seller.category.tree.query"


def tree(api: Api) -> dict[str, Any]:
    return api.call(TREE, category_id="0", filter_no_permission="true")


def test_calls_over_the_rate_get_api_call_limit_with_the_ban_seconds(
    sandbox: AliExpressSandbox, api: Api, clock: FakeClock
) -> None:
    sandbox.knobs.update({"calls_per_second": 2})
    assert "error_response" not in tree(api)
    assert "error_response" not in tree(api)
    banned = tree(api)["error_response"]
    assert (banned["type"], banned["code"], banned["msg"]) == (
        "ISV",
        "ApiCallLimit",
        "Api access frequency exceeds the limit. this ban will last 1 seconds",
    )
    clock.advance(0.5)
    assert tree(api)["error_response"]["code"] == "ApiCallLimit"
    clock.advance(0.6)
    assert "error_response" not in tree(api)


def test_the_daily_quota_bans_until_midnight_beijing_time(
    sandbox: AliExpressSandbox, api: Api, clock: FakeClock
) -> None:
    clock.now = 1_735_056_000.0 - 100  # 100 s before 2024-12-25 00:00 GMT+8
    api.authorize()
    sandbox.knobs.update({"daily_quota": 1})
    assert "error_response" not in tree(api)
    error = tree(api)["error_response"]
    error.pop("request_id")
    assert error == {
        "code": 7,
        "msg": "App Call Limited",
        "sub_code": "accesscontrol.limited-by-app-access-count",
        "sub_msg": "This ban will last for 100 more seconds",
    }
    clock.advance(100)
    assert "error_response" not in tree(api)


def test_latency_sleeps_on_each_api_call(clock: FakeClock) -> None:
    slept: list[float] = []
    sandbox = AliExpressSandbox(APP_KEY, APP_SECRET, None, clock, sleep=slept.append)
    sandbox.knobs.update({"latency_ms": 250})
    api = Api(sandbox, clock)
    api.authorize()
    tree(api)
    assert slept == [0.25, 0.25]  # token create and the business call


@pytest.mark.parametrize(("kind", "status"), [("http_500", 500), ("timeout", 504)])
def test_server_faults(clock: FakeClock, kind: str, status: int) -> None:
    slept: list[float] = []
    sandbox = AliExpressSandbox(APP_KEY, APP_SECRET, None, clock, sleep=slept.append)
    api = Api(sandbox, clock)
    api.authorize()
    sandbox.knobs.update({"fault_rate": 1.0, "fault_kinds": [kind], "timeout_seconds": 30})
    response = api.call_raw(TREE, category_id="0")
    assert response.status_code == status
    assert slept == ([30.0] if kind == "timeout" else [])


def test_a_truncated_body_is_not_json(sandbox: AliExpressSandbox, api: Api) -> None:
    sandbox.knobs.update({"fault_rate": 1.0, "fault_kinds": ["truncated_json"]})
    response = api.call_raw(TREE, category_id="0", filter_no_permission="true")
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.text)


def test_a_fault_rate_between_zero_and_one_faults_some_calls(sandbox: AliExpressSandbox, api: Api) -> None:
    sandbox.knobs.update({"fault_rate": 0.3, "fault_kinds": ["http_500"]})
    statuses = [api.call_raw(TREE, category_id="0").status_code for _ in range(60)]
    assert 5 < statuses.count(500) < 35
    assert set(statuses) == {200, 500}


def test_knobs_over_the_control_endpoint(sandbox: AliExpressSandbox, anon: Api) -> None:
    assert anon.http.get("/_sandbox/knobs").json()["feed_delay_seconds"] == 0.0
    changed = anon.http.post(
        "/_sandbox/knobs", json={"feed_delay_seconds": 30, "buyer_orders_per_minute": 1.5}
    )
    assert (changed.json()["feed_delay_seconds"], sandbox.knobs.buyer_orders_per_minute) == (30.0, 1.5)
    refused = anon.http.post("/_sandbox/knobs", json={"feed_delay": 1})
    assert (refused.status_code, refused.json()) == (400, {"error": "ValueError: unknown knob 'feed_delay'"})
    refused = anon.http.post("/_sandbox/knobs", json={"fault_kinds": ["meteor"]})
    assert refused.status_code == 400
    assert refused.json() == {
        "error": "ValueError: unknown fault kinds ['meteor']; "
        "known: ['http_500', 'timeout', 'truncated_json']"
    }
    assert sandbox.knobs.fault_kinds == ["http_500", "timeout", "truncated_json"]


def test_control_endpoints_place_orders_tick_authorize_and_reset(
    sandbox: AliExpressSandbox, anon: Api, clock: FakeClock
) -> None:
    placed = anon.http.post("/_sandbox/orders", json={"n": 2, "buyer_login_id": "us100001"}).json()[
        "order_ids"
    ]
    assert len(placed) == 2
    clock.advance(61)
    assert anon.http.post("/_sandbox/tick").json() == {"ok": True}
    assert anon.http.get("/_sandbox/state").json()["orders"] == {"WAIT_SELLER_SEND_GOODS": 2}
    code = anon.http.post("/_sandbox/authorize", json={"redirect_uri": REDIRECT, "state": "s"}).json()["code"]
    assert anon.token("/auth/token/create", code=code)["code"] == "0"
    assert anon.http.post("/_sandbox/reset").json() == {"ok": True}
    assert anon.http.get("/_sandbox/state").json() == {"products": 3, "feeds": 0, "orders": {}, "tokens": 0}
