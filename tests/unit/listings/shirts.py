"""Snapshots for the payload builder's tests: the real men's Shirts schema (category 348, from
tests/fixtures/aliexpress/product-schema-example.json) and a profile, a product and settings that fit it."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from aliexpress_magento.listings.mappers.inputs import (
    AttributeMappingSnapshot,
    AxisValue,
    ChildSnapshot,
    ListingSettings,
    MappedValue,
    Package,
    ProductSnapshot,
    ProfileSnapshot,
    SalableStock,
)
from aliexpress_magento.profiles.mappers import parse_schema

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "aliexpress" / "product-schema-example.json"
EXAMPLE: dict[str, Any] = json.loads(FIXTURE.read_text())
SCHEMA: dict[str, Any] = EXAMPLE["schema"]
TODAY = date(2025, 6, 15)

BRAND = AttributeMappingSnapshot("category", "Brand Name", "fixed", fixed_value="200010868")
SHIRTS_TYPE = AttributeMappingSnapshot(
    "category",
    "Shirts Type",
    "magento",
    magento_attribute="style_general",
    value_map={"101": MappedValue("200001208"), "102": MappedValue("4", "Hawaiian")},
)
MATERIAL = AttributeMappingSnapshot(
    "category",
    "Material",
    "magento",
    magento_attribute="material",
    value_map={"31": MappedValue("47"), "32": MappedValue("49")},
)
SLEEVE = AttributeMappingSnapshot(
    "category", "Sleeve Length(cm)", "magento", magento_attribute="sleeve", default_value="200001500"
)
PATTERN = AttributeMappingSnapshot(
    "category", "Pattern Type", "magento", magento_attribute="pattern", value_map={"61": MappedValue("4")}
)
MODEL = AttributeMappingSnapshot("category", "Model Number", "magento", magento_attribute="sku_model")
COLOR = AttributeMappingSnapshot(
    "sku",
    "Color",
    "magento",
    magento_attribute="color",
    value_map={"49": MappedValue("193"), "50": MappedValue("29")},
    send_custom_names=True,
    send_swatch_image=True,
)
SIZE = AttributeMappingSnapshot(
    "sku",
    "Size",
    "magento",
    magento_attribute="size",
    value_map={"167": MappedValue("361386"), "168": MappedValue("361385")},
)


def profile(*mappings: AttributeMappingSnapshot) -> ProfileSnapshot:
    chosen = mappings or (BRAND, SHIRTS_TYPE, MATERIAL, SLEEVE, PATTERN, MODEL, COLOR, SIZE)
    return ProfileSnapshot(category_id=348, schema=parse_schema(SCHEMA), raw_schema=SCHEMA, mappings=chosen)


def settings(**changes: Any) -> ListingSettings:
    base: dict[str, Any] = {
        "main_locale": "en_US",
        "base_currency": "USD",
        "quotation_currency": "USD",
        "freight_template_id": "729874672",
        "package": Package(length=30, width=20, height=5),
        "fulfilment_lag_days": 3,
        "swatches": True,
    }
    return ListingSettings(**{**base, **changes})


def url(name: str) -> str:
    return f"https://shop.example/media/catalog/product/{name}.jpg"


def photobank(name: str) -> str:
    return f"https://ae01.alicdn.com/kf/{name}.jpg"


PHOTOBANK = {url(n): photobank(n) for n in ("shirt", "shirt-back", "black", "white")}


def simple(**changes: Any) -> ProductSnapshot:
    base: dict[str, Any] = {
        "sku": "SHIRT-OXF",
        "names": {"en_US": "Oxford Shirt"},
        "descriptions": {"en_US": "<p>A cotton Oxford shirt.</p>"},
        "price": Decimal("29.90"),
        "weight": Decimal("0.35"),
        "attributes": {
            "style_general": ("101",),
            "material": ("31", "32"),
            "pattern": ("61",),
            "sku_model": ("OX-2025",),
        },
        "option_labels": {"pattern": {"61": "Paisley"}, "material": {"31": "Cotton", "32": "Polyester"}},
        "image_urls": (url("shirt"), url("shirt-back")),
        "photobank_urls": PHOTOBANK,
        "stock": SalableStock("SHIRT-OXF", Decimal("12"), True),
    }
    return ProductSnapshot(**{**base, **changes})


def child(sku: str, color: tuple[str, str], size: tuple[str, str], qty: str, **changes: Any) -> ChildSnapshot:
    base: dict[str, Any] = {
        "sku": sku,
        "axis_values": (AxisValue("color", *color), AxisValue("size", *size)),
        "stock": SalableStock(sku, Decimal(qty), Decimal(qty) > 0),
        "price": Decimal("39.00"),
        "weight": Decimal("0.40"),
        "image_urls": (url(color[1].lower()),),
    }
    return ChildSnapshot(**{**base, **changes})


def configurable(**changes: Any) -> ProductSnapshot:
    children = (
        child("SHIRT-BLK-M", ("49", "Black"), ("167", "M"), "5"),
        child("SHIRT-BLK-L", ("49", "Black"), ("168", "L"), "0"),
        child("SHIRT-WHT-M", ("50", "White"), ("167", "M"), "7.5", weight=Decimal("0.45")),
    )
    return simple(sku="SHIRT-CFG", stock=None, children=children, **changes)
