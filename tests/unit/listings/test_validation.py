"""The item against the real men's Shirts schema (category 348): what passes, and the sentences a
merchant reads for what does not."""

from __future__ import annotations

import copy
from typing import Any

from aliexpress_magento.listings.mappers.payload import build_item
from aliexpress_magento.listings.mappers.problems import Problem
from aliexpress_magento.listings.mappers.validation import check, validate_item
from tests.unit.listings.shirts import (
    EXAMPLE,
    MATERIAL,
    MODEL,
    PATTERN,
    SCHEMA,
    SHIRTS_TYPE,
    SLEEVE,
    TODAY,
    configurable,
    profile,
    settings,
    simple,
)


def _instance() -> dict[str, Any]:
    return copy.deepcopy(EXAMPLE["valid_instance"])


def test_the_official_shaped_instance_passes() -> None:
    assert validate_item(_instance(), SCHEMA, 348) == ()


def test_built_items_pass_the_real_schema() -> None:
    for product in (simple(), configurable()):
        built = build_item(product, profile(), settings(extra_locales=("es_ES",)), today=TODAY)
        assert check(built, SCHEMA, 348).problems == ()


def test_each_schema_error_is_a_merchant_sentence() -> None:
    item = _instance()
    del item["category_attributes"]["Brand Name"]
    del item["category_attributes"]["Pattern Type"]["customValue"]
    item["category_attributes"]["Material"]["value"] = ["47", "999"]
    item["title_multi_language_list"][0]["title"] = "x" * 130
    item["image_url_list"] = [f"https://ae01.alicdn.com/kf/{n}.jpg" for n in range(7)]
    sku = item["sku_info_list"][0]
    sku["price"] = "99"
    del sku["inventory"]
    sku["sku_attributes"]["Color"]["value"] = "12"
    item["shipping_preparation_time"] = 10
    item["package_weight"] = "heavy"
    del item["shipping_template_id"]
    assert validate_item(item, SCHEMA, 348) == (
        Problem(
            "/shipping_template_id", "Shipping template: required by AliExpress category 348 but missing."
        ),
        Problem(
            "/title_multi_language_list/0/title",
            "Title (es_ES): 130 characters, AliExpress allows at most 128.",
        ),
        Problem("/image_url_list", "Images: 7 given, AliExpress allows at most 6."),
        Problem(
            "/category_attributes/Brand Name",
            "Brand Name: required by AliExpress category 348 but not mapped.",
        ),
        Problem(
            "/category_attributes/Material/value/1",
            "Material: “999” is not a value AliExpress category 348 accepts.",
        ),
        Problem(
            "/category_attributes/Pattern Type",
            "Pattern Type: “Other” is chosen but no custom text comes with it.",
        ),
        Problem(
            "/sku_info_list/0/inventory",
            "Stock of SKU SHIRT-BLK-M: required by AliExpress category 348 but missing.",
        ),
        Problem(
            "/sku_info_list/0/price", "Price of SKU SHIRT-BLK-M: AliExpress expects a number, not a text."
        ),
        Problem(
            "/sku_info_list/0/sku_attributes/Color/value",
            "Color of SKU SHIRT-BLK-M: “12” is not a value AliExpress category 348 accepts.",
        ),
        Problem("/package_weight", "Package weight (kg): AliExpress expects a number, not a text."),
        Problem("/shipping_preparation_time", "Handling days: 10 is more than AliExpress allows (7)."),
    )


def test_check_tells_each_problem_once_the_builders_words_first() -> None:
    product = simple(stock=None)
    chosen = settings(freight_template_id="", fulfilment_lag_days=9)
    built = build_item(product, profile(SHIRTS_TYPE, MATERIAL, SLEEVE, PATTERN, MODEL), chosen, today=TODAY)
    assert check(built, SCHEMA, 348).problems == (
        Problem(
            "/category_attributes/Brand Name",
            "Brand Name: required by AliExpress category 348 but not mapped.",
        ),
        Problem(
            "/sku_info_list/0/inventory",
            "Stock: the salable quantity of SKU SHIRT-OXF has not been read from Magento yet.",
        ),
        Problem(
            "/shipping_template_id",
            "Shipping template: none is chosen in Configuration → Product Global Settings.",
        ),
        # found by the schema only: the builder does not know the category's limit
        Problem("/shipping_preparation_time", "Handling days: 9 is more than AliExpress allows (7)."),
    )
