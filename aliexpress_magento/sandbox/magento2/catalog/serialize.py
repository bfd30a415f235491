"""Products as Magento's REST answers them, in three shapes seen on 2.4.7-p3:

* ``full`` (``GET /V1/products/{sku}``): with ``extension_attributes.stock_item`` and ``options``;
* ``list`` (``GET /V1/products`` items): ``extension_attributes`` without ``stock_item``;
* ``child`` (``GET /V1/configurable-products/{sku}/children``): no ``extension_attributes``, no ``options``.
Configurable parents carry no ``weight`` and price 0. ``custom_attributes`` values are strings except
``category_ids`` (an array of strings); ``special_price`` is a 6-decimal string (``"29.990000"``);
``special_from_date`` / ``special_to_date`` are ``"YYYY-MM-DD 00:00:00"`` and absent when unset.
``name`` and ``description`` are the store view's own where it has some (``texts``, from the request's
store code), else the default values (``sandbox/catalog/views.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aliexpress_magento.sandbox.catalog import attributes as attrs
from aliexpress_magento.sandbox.catalog import media
from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, Product

JsonDict = dict[str, Any]
StockItem = Callable[[Product], JsonDict]


def description(product: Product) -> str:
    parts = {code: attrs.BY_CODE[code].option_label(value) for code, value in product.options}
    material = parts.get("material", "cotton").lower()
    return f"<p>{product.name} by {parts.get('brand', 'us')}, made of {material}.</p>"


def url_key(product: Product) -> str:
    """Unique per product, as Magento requires (names repeat across demo families)."""
    return media.slug(product.sku)


def custom_attributes(product: Product, shape: str, texts: Mapping[str, str] | None = None) -> list[JsonDict]:
    found: list[JsonDict] = []
    files = media.entries(product)
    image = str(files[0]["file"]) if files else ("no_selection" if product.type_id == CONFIGURABLE else None)
    if image is not None:
        found += [{"attribute_code": role, "value": image} for role in media.ROLES]
    if shape != "child":
        found.append({"attribute_code": "options_container", "value": "container2"})
    found += [
        {"attribute_code": "msrp_display_actual_price_type", "value": "0"},
        {"attribute_code": "url_key", "value": url_key(product)},
        {"attribute_code": "required_options", "value": "0"},
        {"attribute_code": "has_options", "value": "0"},
        {"attribute_code": "tax_class_id", "value": "2"},
        {"attribute_code": "category_ids", "value": [str(c) for c in product.category_ids]},
        {"attribute_code": "description", "value": (texts or {}).get("description") or description(product)},
    ]
    found += [{"attribute_code": code, "value": str(value)} for code, value in product.options]
    found += [{"attribute_code": code, "value": value} for code, value in product.text_values if value]
    if product.special_price is not None:
        found.append({"attribute_code": "special_price", "value": f"{product.special_price:.6f}"})
    # A date attribute is absent when unset, and "YYYY-MM-DD 00:00:00" when set (products.keyset_page.basis)
    for code, day in (
        ("special_from_date", product.special_from_date),
        ("special_to_date", product.special_to_date),
    ):
        if day is not None:
            found.append({"attribute_code": code, "value": day})
    return found


def product_json(
    product: Product, shape: str, extension: JsonDict | None = None, texts: Mapping[str, str] | None = None
) -> JsonDict:
    """``texts``: the product's own texts in the store view read (none: the default values)."""
    body: JsonDict = {
        "id": product.id,
        "sku": product.sku,
        "name": (texts or {}).get("name") or product.name,
        "attribute_set_id": attrs.DEFAULT_SET,
        "price": _number(product.price),
        "status": product.status,
        "visibility": product.visibility,
        "type_id": product.type_id,
        "created_at": product.created_at,
        "updated_at": product.updated_at,
    }
    if product.weight is not None:
        body["weight"] = _number(product.weight)
    if shape != "child" and extension is not None:
        body["extension_attributes"] = extension
    body["product_links"] = []
    if shape != "child":
        body["options"] = []
    body["media_gallery_entries"] = media.entries(product)
    body["tier_prices"] = []
    body["custom_attributes"] = custom_attributes(product, shape, texts)
    return body


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def configurable_options(product: Product, used: dict[str, set[int]]) -> list[JsonDict]:
    """``value_index`` follows the attribute's option order, as the real store re-orders them;
    ``used`` maps each axis code to the option ids its children carry."""
    options = []
    for position, code in enumerate(product.axes):
        attribute = attrs.BY_CODE[code]
        values = [{"value_index": oid} for oid, _ in attribute.options if oid in used.get(code, set())]
        options.append(
            {
                "id": product.id * 10 + position + 1,
                "attribute_id": str(attribute.attribute_id),
                "label": attribute.label,
                "position": position,
                "values": values,
                "product_id": product.id,
            }
        )
    return options
