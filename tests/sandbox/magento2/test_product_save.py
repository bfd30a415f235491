"""``PUT /V1/products/{sku}``: the product edit the live Store suite's backend makes (and a merchant's
tools make) through the API; the answer checked against Adobe's schema."""

from __future__ import annotations

from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.sandbox.magento2.conftest import Api, FakeClock, sellable_simple
from tests.support.magento2_schema import validate, validate_request


def test_a_save_keeps_the_sent_values_and_stamps_updated_at(
    sandbox: Magento2Sandbox, api: Api, clock: FakeClock
) -> None:
    product = sellable_simple(sandbox)
    clock.advance(3600)
    body = {
        "product": {
            "sku": product.sku,
            "name": "Renamed through the API",
            "price": 12.5,
            "custom_attributes": [{"attribute_code": "special_price", "value": "9.99"}],
        }
    }
    validate_request("PUT", "/V1/products/{sku}", body)
    saved = api.ok("PUT", f"/rest/all/V1/products/{product.sku}", json=body)
    validate("PUT", "/V1/products/{sku}", saved)
    read = api.ok("GET", f"/rest/V1/products/{product.sku}")
    assert (read["name"], read["price"], read["updated_at"]) == (
        "Renamed through the API",
        12.5,
        "2026-11-18 12:06:40",
    )
    assert {"attribute_code": "special_price", "value": "9.990000"} in read["custom_attributes"]
    assert saved["updated_at"] == read["updated_at"]


def test_saving_the_same_name_again_still_stamps_updated_at(
    sandbox: Magento2Sandbox, api: Api, clock: FakeClock
) -> None:
    product = sellable_simple(sandbox)
    clock.advance(60)
    body = {"product": {"sku": product.sku, "name": product.name}}
    api.ok("PUT", f"/rest/all/V1/products/{product.sku}", json=body)
    assert sandbox.product(product.sku).updated_at == "2026-11-18 11:07:40"


def test_saving_an_unknown_sku_answers_404(api: Api) -> None:
    answer = api.request("PUT", "/rest/all/V1/products/NO-SUCH-SKU", json={"product": {"sku": "NO-SUCH-SKU"}})
    assert answer.status_code == 404
    assert answer.json()["message"] == (
        "The product that was requested doesn't exist. Verify the product and try again."
    )
