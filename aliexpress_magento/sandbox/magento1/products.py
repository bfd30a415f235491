"""``catalog_product.list`` / ``.info`` / ``.update`` and ``catalog_product_attribute_media.list`` over the
shared demo catalog, in the shapes recorded on OpenMage 20.18 (every value a string or null,
``created_at`` of info in ISO 8601 while ``updated_at`` is ``YYYY-MM-DD HH:MM:SS``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from aliexpress_magento.sandbox.catalog import edits, media, views
from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, Product
from aliexpress_magento.sandbox.magento1 import attributes as attrs
from aliexpress_magento.sandbox.magento1 import filters
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.sandbox.magento1.stores import store_code, store_id
from aliexpress_magento.sandbox.magento1.values import decimal4, iso

JsonDict = dict[str, Any]
PRODUCT = "catalog_product"
MEDIA = "catalog_product_attribute_media"
_ID = re.compile(r"^[+-]?[1-9][0-9]*$|^0$")
# Mage_Catalog_Model_Product_Api::$_filtersMap
RENAMED = {"product_id": "entity_id", "set": "attribute_set_id", "type": "type_id"}
_NULLS = (
    "country_of_manufacture", "custom_design", "custom_design_from", "custom_design_to",
    "custom_layout_update", "gift_message_available", "image_label", "meta_description", "meta_keyword",
    "meta_title", "minimal_price", "msrp", "msrp_display_actual_price_type", "msrp_enabled",
    "news_from_date", "news_to_date", "old_id", "page_layout", "small_image_label", "special_from_date",
    "special_to_date", "thumbnail_label",
)  # fmt: skip
_SIMPLE_ONLY = ("is_recurring", "recurring_profile")  # not in a configurable's editable attributes


def find(ctx: Call, identifier: object, identifier_type: object, resource: str) -> Product:
    """``Mage_Catalog_Helper_Product::getProduct``: by SKU when told so, or when not shaped like an id."""
    text = str(identifier)
    by_sku = identifier_type == "sku" or (identifier_type is None and not _ID.match(text))
    found = ctx.world.catalog.get(text) if by_sku else _by_id(ctx, text)
    if found is None:
        raise fault("product_not_exists", resource)
    return found


def _by_id(ctx: Call, text: str) -> Product | None:
    return ctx.world.catalog.by_id.get(int(text)) if text.lstrip("+").isdigit() else None


def row(product: Product, name: str | None = None) -> JsonDict:
    """``name``: the store view's (default: the default value)."""
    return {
        "product_id": str(product.id), "sku": product.sku, "name": name or product.name,
        "set": str(attrs.DEFAULT_SET[0]),
        "type": product.type_id, "category_ids": [str(c) for c in product.category_ids], "website_ids": ["1"],
    }  # fmt: skip


def _filter_row(product: Product, name: str) -> JsonDict:
    """What a filter compares; ``name`` the store view's (its own, else the default value)."""
    values: JsonDict = {
        "entity_id": product.id, "sku": product.sku, "name": name, "type_id": product.type_id,
        "attribute_set_id": attrs.DEFAULT_SET[0], "status": product.status, "visibility": product.visibility,
        "created_at": product.created_at, "updated_at": product.updated_at, "price": product.price,
        "special_price": product.special_price, "special_from_date": product.special_from_date,
        "special_to_date": product.special_to_date, "weight": product.weight, "product": product,
    }  # fmt: skip
    values.update({a.code: product.option(a.code) for a in attrs.USER_DEFINED})
    return values


def list_products(ctx: Call, filters_arg: object = None, store: object = None) -> list[JsonDict]:
    """Names as the ``store`` view has them (its own, else the default), and a filter on ``name`` compares
    those (recorded on OpenMage 20.18 with a second view: ``views/catalog_product.list.fr``,
    ``.name_like.fr``, ``.name_eq_default.fr``). Products of another website are listed too (recorded:
    the store argument filters no website; the sandbox has one)."""
    view = store_code(store, PRODUCT)
    catalog = ctx.world.catalog
    rows = [
        _filter_row(p, views.name(ctx.world, view, p))
        for p in _candidates(catalog.products, catalog.get, filters_arg)
    ]
    known = {k for k in _filter_row(catalog.products[0], "") if k != "product"} if catalog.products else set()
    try:
        kept = filters.apply(rows, filters_arg, known, RENAMED)
    except filters.UnknownField as error:
        # An EAV collection refuses an unknown attribute with a Mage_Core_Exception; items() turns it into
        # 'filters_invalid', which catalog_product does not declare: Magento answers "unknown" (code 0).
        raise fault("filters_invalid", PRODUCT, f"Invalid attribute name: {error.field}.") from error
    return [row(r["product"], r["name"]) for r in kept]


def _candidates(
    products: list[Product], by_sku: Callable[[str], Product | None], filters_arg: object
) -> list[Product]:
    """The products a filter can match: with ``sku`` ``in`` a list of texts (a Store's stock read asks
    100 SKUs at a time), those SKUs' products, looked up as MySQL's index would, in entity id order, not
    the whole catalog (``filters.apply`` compared every row with every listed SKU). The filters still
    decide on the candidates; a listed number (compared as a number) falls back to every product."""
    condition = filters_arg.get("sku") if isinstance(filters_arg, dict) else None
    listed = condition.get("in") if isinstance(condition, dict) and len(condition) == 1 else None
    if not isinstance(listed, list) or not all(
        isinstance(s, str) and filters.number(s) is None for s in listed
    ):
        return products
    found = {p.id: p for p in map(by_sku, listed) if p is not None}
    return [found[i] for i in sorted(found)]


def info(
    ctx: Call,
    product_id: object,
    store: object = None,
    attributes: object = None,
    identifier_type: object = None,
) -> JsonDict:
    view = store_code(store, PRODUCT)
    product = find(ctx, product_id, identifier_type, PRODUCT)
    return product_info(product, views.overrides(ctx.world, view, product))


def product_info(product: Product, texts: Mapping[str, str] | None = None) -> JsonDict:
    """``texts``: the product's own name and description in the store view read (none: the defaults;
    ``short_description`` is the default name in every view)."""
    texts = texts or {}
    categories = [str(c) for c in product.category_ids]
    result: JsonDict = {name: None for name in _NULLS}
    result.update(
        {
            "product_id": str(product.id), "sku": product.sku, "set": str(attrs.DEFAULT_SET[0]),
            "type": product.type_id, "type_id": product.type_id, "categories": categories,
            "category_ids": categories, "websites": ["1"], "name": texts.get("name") or product.name,
            "description": texts.get("description") or f"{product.name} — demo product",
            "short_description": product.name,
            "created_at": iso(product.created_at), "updated_at": product.updated_at,
            "price": decimal4(product.price), "special_price": decimal4(product.special_price),
            "special_from_date": product.special_from_date, "special_to_date": product.special_to_date,
            "status": str(product.status), "visibility": str(product.visibility), "tax_class_id": "2",
            "has_options": "0", "required_options": "0", "options_container": "container1",
            "url_key": media.slug(product.name), "url_path": f"{media.slug(product.name)}.html",
            "group_price": [], "tier_price": [],
        }
    )  # fmt: skip
    for attribute in attrs.USER_DEFINED:
        if attribute.code not in product.axes:  # a configurable's axes are not its own attributes
            option = product.option(attribute.code)
            result[attribute.code] = None if option is None else str(option)
    for attribute in attrs.TEXTS:
        result[attribute.code] = product.text(attribute.code) or None
    if product.type_id != CONFIGURABLE:
        result.update({name: None for name in _SIMPLE_ONLY})
        result["weight"] = decimal4(product.weight if product.weight is not None else 1.0)
    return result


def update(
    ctx: Call, product_id: object, data: object = None, store: object = None, identifier_type: object = None
) -> bool:
    """``catalog_product.update``: the modelled fields saved (``edits.EDITABLE``; others accepted and not
    kept), ``updated_at`` stamped. Values are saved globally whatever ``store`` (unsure: a store view's
    save keeps store-level values on a real store)."""
    store_id(store, PRODUCT)
    product = find(ctx, product_id, identifier_type, PRODUCT)
    edits.apply(ctx.world, product, edits.editable(data if isinstance(data, dict) else {}), ctx.now)
    return True


def media_list(
    ctx: Call, product_id: object, store: object = None, identifier_type: object = None
) -> list[JsonDict]:
    store_id(store, MEDIA)
    product = find(ctx, product_id, identifier_type, MEDIA)
    return [
        {
            "file": str(entry["file"]), "label": str(entry["label"]), "position": str(entry["position"]),
            "exclude": "0", "url": f"{ctx.base_url}media/catalog/product{entry['file']}",
            "types": list(entry["types"]),  # type: ignore[call-overload]
        }
        for entry in media.entries(product)
    ]  # fmt: skip


METHODS = {
    "catalog_product.list": Method(PRODUCT, list_products),
    "catalog_product.info": Method(PRODUCT, info),
    "catalog_product.update": Method(PRODUCT, update),
    "catalog_product_attribute_media.list": Method(MEDIA, media_list),
}
