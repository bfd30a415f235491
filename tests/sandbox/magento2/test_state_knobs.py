"""Demo mode state file, the command line, knobs (latency, faults, rate limit) and control endpoints."""

from __future__ import annotations

import json
from pathlib import Path

from aliexpress_magento.sandbox.__main__ import build_magento2, parser
from aliexpress_magento.sandbox.magento2 import DEMO_INTEGRATION_TOKEN, Magento2Sandbox
from tests.sandbox.magento2.conftest import Api, FakeClock, criteria, sellable_simple
from tests.sandbox.magento2.flows import direct_order, quote_order


def test_state_survives_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    state = tmp_path / "magento2.json"
    first = Magento2Sandbox(state_file=str(state), clock=clock)
    api = Api(first)
    api.login()
    sku = sellable_simple(first).sku
    order_id = quote_order(api, [(sku, 2)])
    direct_order(api, sku, 1)
    first.update_product(sku, price=77.5)
    first.knobs.update({"latency_ms": 5})
    first.persist()  # knobs set in code are saved with the next call or an explicit persist()
    salable, token = first.salable_qty(sku), api.token

    second = Magento2Sandbox(state_file=str(state), clock=clock)
    again = Api(second)
    again.token = token
    assert again.ok("GET", f"/rest/V1/orders/{order_id}")["items"][0]["sku"] == sku
    assert second.salable_qty(sku) == salable
    assert again.ok("GET", f"/rest/V1/products/{sku}")["price"] == 77.5
    assert second.knobs.latency_ms == 5
    assert again.ok("GET", "/rest/V1/orders", params=criteria())["total_count"] == 2
    assert quote_order(again, [(sku, 1)]) == order_id + 2
    assert json.loads(state.read_text())["version"] == 1


def test_the_command_line_defaults(tmp_path: Path) -> None:
    args = parser().parse_args(["magento2", "--state", str(tmp_path / "m.json"), "--calls-per-second", "3"])
    assert (args.port, args.admin_user, args.admin_password) == (8002, "admin", "admin-password-1")
    assert args.integration_token == DEMO_INTEGRATION_TOKEN
    sandbox = build_magento2(args)
    assert sandbox.knobs.calls_per_second == 3
    assert json.loads((tmp_path / "m.json").read_text())["knobs"]["calls_per_second"] == 3


def test_rate_limit_and_faults(api: Api, sandbox: Magento2Sandbox, clock: FakeClock) -> None:
    sandbox.knobs.update({"calls_per_second": 2})
    codes = [api.get("/rest/V1/store/websites").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    refused = api.get("/rest/V1/store/websites")
    assert refused.json() == {"message": "Too Many Requests", "trace": None}
    assert refused.headers["Retry-After"] == "1"
    clock.advance(2)
    sandbox.knobs.update({"calls_per_second": 0, "fault_rate": 1.0, "fault_kinds": ["http_500"]})
    assert api.get("/rest/V1/store/websites").status_code == 500
    sandbox.knobs.update({"fault_kinds": ["truncated_json"]})
    cut = api.get("/rest/V1/store/websites")
    assert cut.status_code == 200 and not cut.text.endswith("]")


def test_control_endpoints(anon: Api, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    knobs = anon.http.post("/_sandbox/knobs", json={"latency_ms": 0, "integration_bearer": False}).json()
    assert knobs["integration_bearer"] is False
    assert anon.http.post("/_sandbox/knobs", json={"nope": 1}).status_code == 400
    moved = anon.http.post("/_sandbox/source-items", json={"sku": sku, "quantity": 4}).json()
    assert moved == {"sku": sku, "salable_qty": 4}
    anon.http.post("/_sandbox/products", json={"sku": sku, "price": 9.5})
    anon.token = anon.http.post("/_sandbox/admin-token").json()["token"]
    assert anon.ok("GET", f"/rest/V1/products/{sku}")["price"] == 9.5
    assert anon.http.get("/_sandbox/state").json()["products"] == 301
    anon.http.post("/_sandbox/reset")
    assert sandbox.salable_qty(sku) != 4 and sandbox.knobs.integration_bearer is False
