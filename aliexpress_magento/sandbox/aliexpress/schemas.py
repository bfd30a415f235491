"""JSON schemas of leaf categories, in the shape ``aliexpress.solution.product.schema.get`` returns.

The structure follows the official men's-shirts sample schema (SOURCES.md S3b, S24): category attributes
keyed by English name with ``value`` (``oneOf`` of ``{const: "<value id>", title}``, or an array of them),
``customValue`` required when the value is "Other" (id 4), SKU attributes under
``sku_info_list.items.properties.sku_attributes``. Which attributes a category has is decided by its
family below; real schemas list far more attributes and brands.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed

JsonDict = dict[str, Any]

MENS = (
    "Brand Name",
    "Shirts Type",
    "Material",
    "Sleeve Length(cm)",
    "Collar",
    "Style",
    "Fabric Type",
    "Model Number",
    "Sleeve Style",
    "Pattern Type",
    "Closure Type",
    "Place Of Origin",
)
WOMENS = (
    "Brand Name",
    "Material",
    "Clothing Length",
    "Sleeve Length(cm)",
    "Collar",
    "Style",
    "Pattern Type",
    "Decoration",
    "Origin",
)
PHONE_CASES = (
    "Brand Name",
    "Origin",
    "Type",
    "Features",
    "Compatible Brand",
    "Compatible iPhone Model",
    "Design",
)
CHARGERS = ("Brand Name", "Output Type", "Origin")
GENERIC = ("Brand Name", "Origin", "Material")
APPAREL_SKU = ("Color", "Size")
OTHER_SKU = ("Color", "Ships From")
LOCALES = (
    ("en_US", "English"),
    ("es_ES", "Spanish"),
    ("ru_RU", "Russian"),
    ("fr_FR", "French"),
    ("pt_BR", "Portuguese"),
    ("de_DE", "German"),
    ("it_IT", "Italian"),
    ("nl_NL", "Dutch"),
)
TITLE_MAX_LENGTH = 128  # seen in a real validator message; product.post allows 218
MAX_IMAGES = 6


def family(category: seed.Category) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(category attributes, SKU attributes) of a leaf, chosen from its root and a few known leaves."""
    if category.id == 380230:
        return PHONE_CASES, OTHER_SKU
    if category.id in (100003571, 100003569, 200217751):
        return CHARGERS, OTHER_SKU
    if category.root_id == 200000343:
        return MENS, APPAREL_SKU
    if category.root_id in (200000345, 320):
        return WOMENS, (*APPAREL_SKU, "Ships From")
    return GENERIC, OTHER_SKU


@cache
def schema_for(category_id: int) -> JsonDict:
    category = seed.categories()[category_id]
    common, sku = family(category)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "AliExpress product schema",
        "description": f"Product schema for category {category_id}",
        "type": "object",
        "required": REQUIRED_FIELDS,
        "properties": {
            "category_id": {
                "title": "Category id",
                "type": "integer",
                "const": category_id,
                "default": category_id,
            },
            "title_multi_language_list": _titles(),
            "description_multi_language_list": _descriptions(),
            "locale": _one_of_string("Main locale", LOCALES),
            "product_units_type": _units(),
            "image_url_list": {
                "title": "Images",
                "type": "array",
                "items": {"type": "string"},
                "minItems": 1,
                "maxItems": MAX_IMAGES,
                "uniqueItems": True,
            },
            "category_attributes": _attribute_block("Category attributes", common),
            "user_defined_attribute_list": _user_defined(),
            "sku_info_list": _skus(sku),
            **_logistics_fields(),
        },
    }


REQUIRED_FIELDS = [
    "category_id",
    "title_multi_language_list",
    "description_multi_language_list",
    "locale",
    "product_units_type",
    "image_url_list",
    "category_attributes",
    "sku_info_list",
    "inventory_deduction_strategy",
    "package_weight",
    "package_length",
    "package_height",
    "package_width",
    "shipping_preparation_time",
    "shipping_template_id",
    "service_template_id",
]


def _one_of_string(title: str, options: tuple[tuple[str, str], ...]) -> JsonDict:
    return {"title": title, "type": "string", "oneOf": [{"const": c, "title": t} for c, t in options]}


def _titles() -> JsonDict:
    item = {
        "type": "object",
        "required": ["locale", "title"],
        "properties": {
            "locale": _one_of_string("Locale", LOCALES),
            "title": {"title": "Title", "type": "string", "maxLength": TITLE_MAX_LENGTH},
        },
    }
    return {"title": "Titles", "type": "array", "minItems": 1, "items": item}


def _descriptions() -> JsonDict:
    html = {
        "type": "object",
        "title": "html module",
        "required": ["type", "html"],
        "properties": {
            "type": _one_of_string("type", (("html", "html"),)),
            "html": {
                "title": "html",
                "type": "object",
                "required": ["content"],
                "properties": {"content": {"type": "string", "title": "content"}},
            },
        },
    }
    item = {
        "type": "object",
        "required": ["locale", "module_list"],
        "properties": {
            "locale": _one_of_string("Locale", LOCALES),
            "module_list": {"title": "Modules", "type": "array", "items": {"oneOf": [html]}},
        },
    }
    return {"title": "Descriptions", "type": "array", "minItems": 1, "items": item}


def _units() -> JsonDict:
    return _one_of_string("Unit", tuple((str(u.id), u.name) for u in seed.units()))


def _value_schema(attribute: seed.Attribute) -> JsonDict:
    if attribute.free_text:
        return {"title": "value", "type": "string"}
    values = attribute.values or (seed.AttributeValue(seed.OTHER_VALUE_ID, "Other"),)
    one_of = [{"const": str(v.id), "title": v.name} for v in values]
    if attribute.multi:
        return {
            "uniqueItems": True,
            "title": "value",
            "type": "array",
            "items": {"type": "string", "oneOf": one_of},
        }
    return {"title": "value", "type": "string", "oneOf": one_of}


def _has_other(attribute: seed.Attribute) -> bool:
    ids = {v.id for v in attribute.values}
    return not attribute.free_text and (not ids or seed.OTHER_VALUE_ID in ids)


def _attribute_schema(attribute: seed.Attribute, sku: bool) -> JsonDict:
    properties: JsonDict = {"value": _value_schema(attribute)}
    if sku:
        properties["alias"] = {"title": "alias", "type": "string"}
        if attribute.name == "Color":
            properties["sku_image_url"] = {"title": "sku image", "type": "string"}
    schema: JsonDict = {
        "title": attribute.name,
        "type": "object",
        "required": ["value"],
        "properties": properties,
    }
    if _has_other(attribute):
        properties["customValue"] = {"title": "customValue", "type": "string"}
        schema["if"] = {"properties": {"value": {"const": str(seed.OTHER_VALUE_ID)}}}
        schema["then"] = {"required": ["customValue"]}
    return schema


def _attribute_block(title: str, names: tuple[str, ...], sku: bool = False) -> JsonDict:
    known = seed.attributes()
    chosen = [known[n] for n in names]
    required = [a.name for a in chosen if a.required and not sku]
    return {
        "title": title,
        "type": "object",
        "required": required,
        "properties": {a.name: _attribute_schema(a, sku) for a in chosen},
    }


def _user_defined() -> JsonDict:
    item = {
        "type": "object",
        "required": ["attribute_name", "attribute_value"],
        "properties": {
            "attribute_name": {"title": "name", "type": "string"},
            "attribute_value": {"title": "value", "type": "string"},
        },
    }
    return {"title": "Custom attributes", "type": "array", "items": item}


def _skus(sku_attributes: tuple[str, ...]) -> JsonDict:
    item = {
        "type": "object",
        "required": ["sku_code", "inventory", "price"],
        "properties": {
            "sku_code": {"title": "SKU code", "type": "string", "minLength": 1, "maxLength": 50},
            "inventory": {"title": "Stock", "type": "integer", "minimum": 0, "maximum": 999999},
            "price": {"title": "Price", "type": "number", "minimum": 0.01, "maximum": 999999},
            "discount_price": {"title": "Discount price", "type": "number", "minimum": 0.01},
            "sku_attributes": _attribute_block("SKU attributes", sku_attributes, sku=True),
        },
    }
    return {"title": "SKUs", "type": "array", "minItems": 1, "items": item}


def _logistics_fields() -> JsonDict:
    shop = seed.shop()
    freight = tuple((str(t["template_id"]), t["template_name"]) for t in shop["freight_templates"])
    promise = tuple((str(t["id"]), t["name"]) for t in shop["promise_templates"])
    number = {"type": "number", "maximum": 500, "description": "kg"}
    dimension = {"type": "integer", "minimum": 1, "maximum": 700, "description": "cm"}
    return {
        "inventory_deduction_strategy": _one_of_string(
            "Stock deduction",
            (("place_order_withhold", "deduct on order"), ("payment_success_deduct", "deduct on payment")),
        ),
        "package_weight": {"title": "Package weight (kg)", **number},
        "package_length": {"title": "Package length (cm)", **dimension},
        "package_height": {"title": "Package height (cm)", **dimension},
        "package_width": {"title": "Package width (cm)", **dimension},
        "shipping_preparation_time": {
            "title": "Handling days",
            "type": "integer",
            "minimum": 1,
            "maximum": 7,
        },
        "shipping_template_id": _one_of_string("Shipping template", freight),
        "service_template_id": _one_of_string("Service template", promise),
        "product_group_id": {"title": "Product group", "type": "string"},
    }
