"""Every call recorded on a real Magento 2.4.7-p3 (tests/fixtures/magento2-recorded/) replayed on the
sandbox: same status, same keys, same JSON value types. The lab store's SKUs are mapped to demo products
of the same kind (LAB-SIMPLE → a plain simple, LAB-TEE → a one-axis configurable, LAB-TEE-RED → its child)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.sandbox.magento2.conftest import Api, one_axis_configurable, sellable_simple
from tests.sandbox.magento2.flows import ADDRESS

RECORDED = Path(__file__).resolve().parents[2] / "fixtures" / "magento2-recorded"


def kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def same_shape(recorded: Any, got: Any, path: str = "$") -> list[str]:
    if kind(recorded) != kind(got):
        return [f"{path}: {kind(recorded)} recorded, {kind(got)} answered"]
    if isinstance(recorded, dict):
        if set(recorded) != set(got):
            return [f"{path}: keys {sorted(set(recorded) ^ set(got))} differ"]
        return [p for k in recorded for p in same_shape(recorded[k], got[k], f"{path}.{k}")]
    if isinstance(recorded, list):
        return _same_list(recorded, got, path)
    return []


def _same_list(recorded: list[Any], got: list[Any], path: str) -> list[str]:
    if recorded and isinstance(recorded[0], dict) and "attribute_code" in recorded[0]:
        mine = {a["attribute_code"]: a for a in got}
        return [
            p
            for a in recorded
            if a["attribute_code"] in mine
            for p in same_shape(a, mine[a["attribute_code"]], f"{path}[{a['attribute_code']}]")
        ]
    if recorded and isinstance(recorded[0], dict) and "type_id" in recorded[0]:
        # Products: compare each recorded item with an answered product of the same type.
        first = {g["type_id"]: g for g in reversed(got)}
        return [
            p for i, r in enumerate(recorded) for p in same_shape(r, first.get(r["type_id"]), f"{path}[{i}]")
        ]
    return [
        p
        for i, (r, g) in enumerate(zip(recorded, got, strict=False))
        for p in same_shape(r, g, f"{path}[{i}]")
    ]


def replay(sandbox: Magento2Sandbox, api: Api) -> dict[str, httpx.Response]:
    simple, tee = sellable_simple(sandbox), one_axis_configurable(sandbox)
    red = sandbox.world.catalog.children(tee)[0]
    answers = {
        "products.list": api.get("/rest/V1/products", **{"searchCriteria[pageSize]": 50}),
        "products.list.out_of_range": api.get(
            "/rest/V1/products", **{"searchCriteria[pageSize]": 2, "searchCriteria[currentPage]": 99}
        ),
        "products.list.no_criteria": api.get("/rest/V1/products"),
        "product.simple": api.get(f"/rest/V1/products/{simple.sku}"),
        "product.configurable": api.get(f"/rest/V1/products/{tee.sku}"),
        "product.not_found": api.get("/rest/V1/products/no-such-sku"),
        "configurable.children": api.get(f"/rest/V1/configurable-products/{tee.sku}/children"),
        "configurable.options": api.get(f"/rest/V1/configurable-products/{tee.sku}/options/all"),
        "attribute.color.options": api.get("/rest/V1/products/attributes/color/options"),
        "categories.tree": api.get("/rest/V1/categories"),
        "store.storeConfigs": api.get("/rest/V1/store/storeConfigs"),
        "route.unknown": api.get("/rest/V1/no-such-thing"),
        "auth.bad_login": api.http.post(
            "/rest/V1/integration/admin/token", json={"username": "admin", "password": "x"}
        ),
        "auth.bad_token": api.http.get("/rest/V1/products", headers={"Authorization": "Bearer nope"}),
    }
    answers.update(_cart_flow(api, red.sku))
    answers["inventory.salable_qty"] = api.get(f"/rest/V1/inventory/get-product-salable-quantity/{red.sku}/1")
    answers["inventory.export_salable"] = api.get(
        "/rest/V1/inventory/export-stock-salable-qty/website/base", **{"searchCriteria[pageSize]": 50}
    )
    return answers


def _cart_flow(api: Api, sku: str) -> dict[str, httpx.Response]:
    found: dict[str, httpx.Response] = {"cart.create": api.request("POST", "/rest/V1/carts/")}
    cart = found["cart.create"].json()
    base = f"/rest/V1/carts/{cart}"
    found["cart.add_item"] = api.request(
        "POST", f"{base}/items", json={"cartItem": {"sku": sku, "qty": 1, "quote_id": cart}}
    )
    found["cart.estimate"] = api.request(
        "POST", f"{base}/estimate-shipping-methods", json={"address": ADDRESS}
    )
    info = {
        "shipping_address": ADDRESS,
        "billing_address": ADDRESS,
        "shipping_carrier_code": "flatrate",
        "shipping_method_code": "flatrate",
    }
    found["cart.shipping_information"] = api.request(
        "POST", f"{base}/shipping-information", json={"addressInformation": info}
    )
    payment = {"paymentMethod": {"method": "checkmo"}}
    found["cart.place_order"] = api.request("PUT", f"{base}/order", json=payment)
    found["cart.place_order_again"] = api.request("PUT", f"{base}/order", json=payment)
    found["order.get"] = api.get(f"/rest/V1/orders/{found['cart.place_order'].json()}")
    return found


RECORDINGS = sorted(p.stem for p in RECORDED.glob("*.json"))


@pytest.fixture(scope="module")
def answers() -> dict[str, httpx.Response]:
    sandbox = Magento2Sandbox()
    api = Api(sandbox)
    api.login()
    return replay(sandbox, api)


def test_every_recording_is_replayed(answers: dict[str, httpx.Response]) -> None:
    assert sorted(answers) == RECORDINGS


@pytest.mark.parametrize("name", RECORDINGS)
def test_same_status_keys_and_types(name: str, answers: dict[str, httpx.Response]) -> None:
    recorded = json.loads((RECORDED / f"{name}.json").read_text())
    answer = answers[name]
    assert answer.status_code == recorded["status"]
    assert same_shape(recorded["body"], answer.json()) == []


def test_error_bodies_are_the_recorded_ones(answers: dict[str, httpx.Response]) -> None:
    for name in (
        "products.list.no_criteria",
        "product.not_found",
        "route.unknown",
        "auth.bad_login",
        "auth.bad_token",
    ):
        recorded = json.loads((RECORDED / f"{name}.json").read_text())
        assert answers[name].json() == recorded["body"], name
    again = answers["cart.place_order_again"].json()
    assert again == {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "cartId", "fieldValue": int(answers["cart.create"].json())},
    }
