"""build_item on the men's Shirts category (348): a simple product, a configurable colour x size, titles
per locale, and the problems a merchant is told."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from aliexpress_magento.listings.mappers.inputs import MappedValue, PriceRule, SpecialPrice
from aliexpress_magento.listings.mappers.payload import SkuLine, build_item
from aliexpress_magento.listings.mappers.problems import Problem
from tests.unit.listings.shirts import (
    BRAND,
    COLOR,
    MATERIAL,
    MODEL,
    PATTERN,
    SHIRTS_TYPE,
    SLEEVE,
    TODAY,
    child,
    configurable,
    photobank,
    profile,
    settings,
    simple,
    url,
)

SIMPLE_ITEM = {
    "category_id": 348,
    "locale": "en_US",
    "product_units_type": "100000015",
    "title_multi_language_list": [{"locale": "en_US", "title": "Oxford Shirt"}],
    "description_multi_language_list": [
        {
            "locale": "en_US",
            "module_list": [{"type": "html", "html": {"content": "<p>A cotton Oxford shirt.</p>"}}],
        }
    ],
    "image_url_list": [photobank("shirt"), photobank("shirt-back")],
    "category_attributes": {
        "Brand Name": {"value": "200010868"},
        "Shirts Type": {"value": "200001208"},
        "Material": {"value": ["47", "49"]},
        "Sleeve Length(cm)": {"value": "200001500"},  # the mapping's default: Magento's sleeve is empty
        "Model Number": {"value": "OX-2025"},  # free text: Magento's own text
        "Pattern Type": {"value": "4", "customValue": "Paisley"},  # "Other" + Magento's label
    },
    "sku_info_list": [{"sku_code": "SHIRT-OXF", "price": 29.9, "inventory": 12}],
    "inventory_deduction_strategy": "payment_success_deduct",
    "package_weight": 0.35,
    "package_length": 30,
    "package_height": 5,
    "package_width": 20,
    "shipping_preparation_time": 3,
    "shipping_template_id": "729874672",
    "service_template_id": "0",
}


def test_a_simple_product() -> None:
    result = build_item(simple(), profile(), settings(), today=TODAY)
    assert result.problems == ()
    assert result.item == SIMPLE_ITEM
    assert result.skus == (SkuLine("SHIRT-OXF", Decimal("29.90"), None, 12),)


def test_a_simple_product_with_a_valid_special_price_a_rule_and_lbs() -> None:
    product = simple(
        special_price=SpecialPrice(Decimal("24.99"), date(2025, 6, 1), date(2025, 6, 30)),
        weight=Decimal("0.8"),
    )
    chosen = settings(
        price_rule=PriceRule.INCREASE_PERCENT,
        price_percentage=Decimal("10"),
        weight_unit="lbs",
        stock_buffer=2,
        fulfilment_lag_days=5,
        service_template_id="",
    )
    result = build_item(product, profile(), chosen, today=TODAY)
    assert result.problems == ()
    assert result.item["sku_info_list"] == [
        {"sku_code": "SHIRT-OXF", "price": 32.89, "discount_price": 27.49, "inventory": 10}
    ]
    assert result.skus == (SkuLine("SHIRT-OXF", Decimal("32.89"), Decimal("27.49"), 10),)
    # 0.8 lb = 0.362873896 kg
    assert (result.item["package_weight"], result.item["shipping_preparation_time"]) == (0.363, 5)
    assert result.item["service_template_id"] == "0"


def test_a_configurable_colour_by_size_with_value_maps_custom_names_and_swatches() -> None:
    product = configurable(
        special_price=SpecialPrice(Decimal("35.00"), None, date(2025, 6, 14)),  # expired yesterday
    )
    product = replace(
        product,
        children=(
            *product.children[:2],
            replace(product.children[2], special_price=SpecialPrice(Decimal("29.00"))),
        ),
    )
    result = build_item(product, profile(), settings(), today=TODAY)
    assert result.problems == ()
    assert result.item["sku_info_list"] == [
        {
            "sku_code": "SHIRT-BLK-M",
            "price": 39.0,
            "inventory": 5,
            "sku_attributes": {
                "Size": {"value": "361386"},
                "Color": {"value": "193", "alias": "Black", "sku_image_url": photobank("black")},
            },
        },
        {
            "sku_code": "SHIRT-BLK-L",
            "price": 39.0,
            "inventory": 0,
            "sku_attributes": {
                "Size": {"value": "361385"},
                "Color": {"value": "193", "alias": "Black", "sku_image_url": photobank("black")},
            },
        },
        {
            "sku_code": "SHIRT-WHT-M",
            "price": 39.0,
            "discount_price": 29.0,
            "inventory": 7,
            "sku_attributes": {
                "Size": {"value": "361386"},
                "Color": {"value": "29", "alias": "White", "sku_image_url": photobank("white")},
            },
        },
    ]
    # the parent's images, then the children's; the heaviest child's weight
    assert result.item["image_url_list"] == [
        photobank("shirt"),
        photobank("shirt-back"),
        photobank("black"),
        photobank("white"),
    ]
    assert result.item["package_weight"] == 0.45


def test_swatches_off_on_the_account_sends_no_swatch_image() -> None:
    result = build_item(configurable(), profile(), settings(swatches=False), today=TODAY)
    assert [s["sku_attributes"]["Color"] for s in result.item["sku_info_list"]] == [
        {"value": "193", "alias": "Black"},
        {"value": "193", "alias": "Black"},
        {"value": "29", "alias": "White"},
    ]


def test_a_child_without_its_own_price_takes_the_parents() -> None:
    product = configurable(price=Decimal("41.50"))
    product = replace(product, children=(replace(product.children[0], price=None),))
    result = build_item(product, profile(), settings(), today=TODAY)
    assert result.skus == (SkuLine("SHIRT-BLK-M", Decimal("41.50"), None, 5),)


def test_titles_and_descriptions_per_locale() -> None:
    product = simple(
        names={"en_US": "Oxford Shirt", "es_ES": "Camisa Oxford", "fr_FR": "Chemise Oxford", "de_DE": "Hemd"},
        descriptions={"en_US": "<p>Cotton.</p>", "es_ES": "<p>Algodón.</p>"},
    )
    chosen = settings(extra_locales=("es_ES", "fr_FR", "pt_BR"))  # pt_BR has no name; de_DE is not mapped
    result = build_item(product, profile(), chosen, today=TODAY)
    assert result.problems == ()
    assert result.item["title_multi_language_list"] == [
        {"locale": "en_US", "title": "Oxford Shirt"},
        {"locale": "es_ES", "title": "Camisa Oxford"},
        {"locale": "fr_FR", "title": "Chemise Oxford"},
    ]
    assert result.item["description_multi_language_list"] == [
        {"locale": "en_US", "module_list": [{"type": "html", "html": {"content": "<p>Cotton.</p>"}}]},
        {"locale": "es_ES", "module_list": [{"type": "html", "html": {"content": "<p>Algodón.</p>"}}]},
        {"locale": "fr_FR", "module_list": []},
    ]


def test_title_length_and_forbidden_characters() -> None:
    long_name = "Oxford Shirt " + "x" * 120  # 133 characters
    product = simple(names={"en_US": long_name, "es_ES": "Camisa <b>Oxford</b>\t"}, descriptions={})
    result = build_item(product, profile(), settings(extra_locales=("es_ES",)), today=TODAY)
    assert result.problems == (
        Problem(
            "/title_multi_language_list/0/title",
            "Title (en_US): the Magento name of product SHIRT-OXF has 133 characters; "
            "AliExpress allows at most 128.",
        ),
        Problem(
            "/title_multi_language_list/1/title",
            "Title (es_ES): the Magento name of product SHIRT-OXF contains < >, not allowed in a title.",
        ),
    )


def test_a_missing_required_mapping_and_unmapped_values() -> None:
    product = simple(attributes={"style_general": ("103",), "material": ("31", "33")})
    product = replace(product, option_labels={**product.option_labels, "style_general": {"103": "Tuxedo"}})
    # no Brand Name; Pattern Type and Model Number are empty, but the category does not require them
    chosen = profile(SHIRTS_TYPE, MATERIAL, SLEEVE, PATTERN, MODEL)
    result = build_item(product, chosen, settings(freight_template_id=""), today=TODAY)
    assert [p.message for p in result.problems] == [
        "Brand Name: required by AliExpress category 348 but not mapped.",
        "Shirts Type: Magento value “Tuxedo” (option 103 of style_general) has no AliExpress value in the "
        "profile's value map, and no default is set.",
        "Material: Magento value “33” (option 33 of material) has no AliExpress value in the profile's "
        "value map, and no default is set.",
        "Shipping template: none is chosen in Configuration → Product Global Settings.",
    ]
    assert [p.path for p in result.problems][:2] == [
        "/category_attributes/Brand Name",
        "/category_attributes/Shirts Type",
    ]
    assert list(result.item["category_attributes"]) == ["Sleeve Length(cm)"]


def test_a_value_the_category_no_longer_accepts() -> None:
    stale = replace(SHIRTS_TYPE, value_map={"101": MappedValue("999")})
    result = build_item(
        simple(), profile(BRAND, stale, MATERIAL, SLEEVE, PATTERN, MODEL), settings(), today=TODAY
    )
    assert [p.message for p in result.problems] == [
        "Shirts Type: Magento value “101” (option 101 of style_general) is mapped to 999, which AliExpress "
        "category 348 does not accept."
    ]


def test_configurable_problems_name_the_sku_and_its_magento_value() -> None:
    odd = child("SHIRT-RED-M", ("51", "Red, dark"), ("167", "M"), "3")
    twin = child("SHIRT-BLK-M2", ("49", "Black"), ("167", "M"), "1")
    product = configurable()
    product = replace(product, children=(*product.children, odd, twin))
    result = build_item(product, profile(), settings(), today=TODAY)
    assert [(p.path, p.message) for p in result.problems] == [
        (
            "/image_url_list",
            "Images: https://shop.example/media/catalog/product/red, dark.jpg is not uploaded to the "
            "AliExpress photobank yet (run Image(s) Upload).",
        ),
        (
            "/sku_info_list/3/sku_attributes/Color",
            "Color: Magento value “Red, dark” (option 51 of color) has no AliExpress value in the profile's "
            "value map, and no default is set.",
        ),
        (
            "/sku_info_list",
            "SKU attributes: SKUs SHIRT-BLK-M and SHIRT-BLK-M2 get the same AliExpress values; map their "
            "Magento values to different AliExpress values or send Magento's names.",
        ),
    ]


def test_an_unmapped_axis_and_a_forbidden_custom_name() -> None:
    red = replace(COLOR, value_map={**COLOR.value_map, "51": MappedValue("10")})
    odd = child("SHIRT-RED-M", ("51", "Red: dark"), ("167", "M"), "3", image_urls=())
    product = replace(configurable(), children=(odd,))
    result = build_item(
        product, profile(BRAND, SHIRTS_TYPE, MATERIAL, SLEEVE, PATTERN, MODEL, red), settings(), today=TODAY
    )
    assert [p.message for p in result.problems] == [
        "SKU attributes: the Magento attribute size, on which product SHIRT-CFG varies, is mapped to no "
        "AliExpress SKU attribute in the profile.",
        "Color: the Magento name “Red: dark” of SKU SHIRT-RED-M contains :, not allowed in a custom name.",
    ]


def test_price_stock_weight_and_images_that_cannot_be_sent() -> None:
    product = simple(price=None, stock=None, weight=None, image_urls=(), photobank_urls={})
    result = build_item(product, profile(), settings(), today=TODAY)
    assert [(p.path, p.message) for p in result.problems] == [
        ("/image_url_list", "Images: product SHIRT-OXF has no image in Magento."),
        ("/sku_info_list/0/price", "Price: SKU SHIRT-OXF has no price in Magento."),
        (
            "/sku_info_list/0/inventory",
            "Stock: the salable quantity of SKU SHIRT-OXF has not been read from Magento yet.",
        ),
        ("/package_weight", "Package weight: product SHIRT-OXF has no weight in Magento (attribute weight)."),
    ]


def test_a_missing_rate_is_a_problem_of_every_sku_and_no_price_is_sent() -> None:
    chosen = settings(base_currency="GBP", quotation_currency="USD")
    result = build_item(configurable(), profile(), chosen, today=TODAY)
    message = (
        "Price of SKU {}: Prices are in GBP but AliExpress quotes this seller in USD, and no GBP → USD rate "
        "is set: nothing is sent unconverted."
    )
    assert [p.message for p in result.problems] == [
        message.format(s) for s in ("SHIRT-BLK-M", "SHIRT-BLK-L", "SHIRT-WHT-M")
    ]
    assert ["price" in s for s in result.item["sku_info_list"]] == [False, False, False]
    assert [line.price for line in result.skus] == [None, None, None]


def test_at_most_six_images_in_magentos_order() -> None:
    names = [f"view-{n}" for n in range(8)]
    product = simple(
        image_urls=tuple(url(n) for n in names), photobank_urls={url(n): photobank(n) for n in names}
    )
    result = build_item(product, profile(), settings(), today=TODAY)
    assert result.item["image_url_list"] == [photobank(n) for n in names[:6]]


def test_a_colour_only_configurable_in_a_profile_mapping_colour_and_size_sends_colour_only() -> None:
    """One profile for configurables of different axes: the Size mapping does not apply to a product whose
    children vary on colour only (nothing sent for Size, no problem); a child lacking a value of an axis
    its siblings have is still a problem."""
    colour_only = tuple(
        replace(c, axis_values=c.axis_values[:1])
        for c in (
            child("SHIRT-BLK", ("49", "Black"), ("167", "M"), "5"),
            child("SHIRT-WHT", ("50", "White"), ("167", "M"), "2"),
        )
    )
    result = build_item(replace(configurable(), children=colour_only), profile(), settings(), today=TODAY)
    assert result.problems == ()
    assert [s["sku_attributes"] for s in result.item["sku_info_list"]] == [
        {"Color": {"value": "193", "alias": "Black", "sku_image_url": photobank("black")}},
        {"Color": {"value": "29", "alias": "White", "sku_image_url": photobank("white")}},
    ]

    mixed = replace(configurable(), children=(*configurable().children, colour_only[0]))
    result = build_item(mixed, profile(), settings(), today=TODAY)
    assert [p.message for p in result.problems] == [
        "Size: SKU SHIRT-BLK has no value for Magento attribute size."
    ]
