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


def test_a_save_sets_and_clears_special_price_days_as_the_recorded_store_answers_them(
    sandbox: Magento2Sandbox, api: Api
) -> None:
    """Set: the day as ``"YYYY-MM-DD 00:00:00"`` in ``custom_attributes`` (second-store
    products.keyset_page.basis, LAB-S3); cleared (``""``): absent, as an unset one is."""
    sku = sellable_simple(sandbox).sku
    days = [
        {"attribute_code": "special_from_date", "value": "2026-12-04"},
        {"attribute_code": "special_to_date", "value": "2026-12-31 18:30:00"},
    ]
    api.ok("PUT", f"/rest/all/V1/products/{sku}", json={"product": {"sku": sku, "custom_attributes": days}})
    read = api.ok("GET", f"/rest/V1/products/{sku}")
    validate("GET", "/V1/products/{sku}", read)
    dated = {
        a["attribute_code"]: a["value"] for a in read["custom_attributes"] if "_date" in a["attribute_code"]
    }
    assert dated == {"special_from_date": "2026-12-04 00:00:00", "special_to_date": "2026-12-31 00:00:00"}
    cleared = [{"attribute_code": "special_to_date", "value": ""}]
    api.ok(
        "PUT", f"/rest/all/V1/products/{sku}", json={"product": {"sku": sku, "custom_attributes": cleared}}
    )
    codes = {a["attribute_code"] for a in api.ok("GET", f"/rest/V1/products/{sku}")["custom_attributes"]}
    assert ("special_from_date" in codes, "special_to_date" in codes) == (True, False)
