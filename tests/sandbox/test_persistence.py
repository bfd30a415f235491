"""Demo mode: the state file survives a restart; the command line builds the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

from aliexpress_magento.sandbox.__main__ import build, parser
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.sandbox.builders import create_product
from tests.sandbox.conftest import APP_KEY, APP_SECRET, Api, FakeClock


def test_state_survives_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    state = tmp_path / "aliexpress.json"
    first = AliExpressSandbox(APP_KEY, APP_SECRET, str(state), clock)
    api = Api(first, clock)
    token = api.authorize()
    product_id = create_product(api)
    first.knobs.update({"feed_delay_seconds": 12})
    order_ids = first.place_orders(2, status="WAIT_SELLER_SEND_GOODS")
    api.result(
        "aliexpress.solution.feed.submit",
        operation_type="PRODUCT_CREATE",
        item_list=[{"item_content_id": "a", "item_content": "{}"}],
    )

    second = AliExpressSandbox(APP_KEY, APP_SECRET, str(state), clock)
    again = Api(second, clock)
    again.session = token["access_token"]
    info = again.result("aliexpress.solution.product.info.get", product_id=str(product_id))["result"]
    assert info["product_id"] == product_id
    assert sorted(second.world.orders.orders) == order_ids
    assert second.knobs.feed_delay_seconds == 12
    assert again.token("/auth/token/refresh", refresh_token=token["refresh_token"])["code"] == "0"
    assert len(second.world.feeds.jobs) == 1
    assert json.loads(state.read_text())["version"] == 1


def test_the_command_line_defaults_and_knob_flags(tmp_path: Path) -> None:
    args = parser().parse_args(["aliexpress"])
    assert (args.host, args.port, args.app_key, args.app_secret, args.state) == (
        "127.0.0.1",
        8001,
        "demo-key",
        "demo-secret",
        None,
    )
    state = tmp_path / "s.json"
    args = parser().parse_args(
        [
            "aliexpress",
            "--port",
            "9000",
            "--app-key",
            "K",
            "--app-secret",
            "S",
            "--state",
            str(state),
            "--feed-delay-seconds",
            "5",
            "--buyer-orders-per-minute",
            "2",
        ]
    )
    sandbox = build(args)
    assert (sandbox.app_key, sandbox.app_secret) == ("K", "S")
    assert (sandbox.knobs.feed_delay_seconds, sandbox.knobs.buyer_orders_per_minute) == (5.0, 2.0)
    assert json.loads(state.read_text())["knobs"]["feed_delay_seconds"] == 5.0
    restarted = build(parser().parse_args(["aliexpress", "--state", str(state)]))
    assert restarted.knobs.feed_delay_seconds == 5.0


def test_control_changes_are_saved_too(tmp_path: Path, clock: FakeClock) -> None:
    state = tmp_path / "aliexpress.json"
    api = Api(AliExpressSandbox(APP_KEY, APP_SECRET, str(state), clock), clock)
    api.http.post("/_sandbox/knobs", json={"calls_per_second": 5})
    api.http.post("/_sandbox/orders", json={"n": 1})
    restarted = AliExpressSandbox(APP_KEY, APP_SECRET, str(state), clock)
    assert (restarted.knobs.calls_per_second, len(restarted.world.orders.orders)) == (5.0, 1)
