"""Product routes: list (searchCriteria), get and save by SKU, media, configurable children and options.

Product search fields: the columns and attributes of ``catalog-data-product-interface`` plus
``entity_id`` (= ``id``), ``category_id`` (matches any linked category, disabled products included as on
2.4.7) and the select attributes (option ids). An unknown field answers the recorded 400. Sorting on
``price`` follows the price index as observed: final price (special price if any; a configurable's
cheapest enabled, in-stock child) and products absent from the index (disabled, out of stock) dropped.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from aliexpress_magento.sandbox.catalog import attributes as attrs
from aliexpress_magento.sandbox.catalog import edits, media, views
from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, ENABLED, Product
from aliexpress_magento.sandbox.magento2 import errors, inventory, results
from aliexpress_magento.sandbox.magento2.call import Call
from aliexpress_magento.sandbox.magento2.catalog import serialize
from aliexpress_magento.sandbox.magento2.criteria import SearchCriteria
from aliexpress_magento.sandbox.magento2.routing import Route
from aliexpress_magento.sandbox.magento2.search import DROP, Engine
from aliexpress_magento.sandbox.magento2.world import World

JsonDict = dict[str, Any]
ACL = "Magento_Catalog::products"
UNKNOWN_FIELD = 'The "%1" attribute name is invalid. Reset the name and try again.'
_COLUMNS: dict[str, Callable[[Product], object]] = {
    "sku": lambda p: p.sku, "name": lambda p: p.name, "price": lambda p: p.price,
    "status": lambda p: p.status, "visibility": lambda p: p.visibility, "type_id": lambda p: p.type_id,
    "created_at": lambda p: p.created_at, "updated_at": lambda p: p.updated_at,
    "attribute_set_id": lambda p: attrs.DEFAULT_SET, "weight": lambda p: p.weight,
    "entity_id": lambda p: p.id, "id": lambda p: p.id, "special_price": lambda p: p.special_price,
    "special_from_date": lambda p: p.special_from_date, "special_to_date": lambda p: p.special_to_date,
    "category_id": lambda p: [str(c) for c in p.category_ids], "url_key": serialize.url_key,
    "description": serialize.description, "has_options": lambda p: 0, "required_options": lambda p: 0,
    "tax_class_id": lambda p: 2,
}  # fmt: skip


def field_value(product: Product, name: str) -> object:
    reader = _COLUMNS.get(name)
    if reader is not None:
        return reader(product)
    if name in attrs.BY_CODE:
        return product.option(name)
    raise errors.bad_request(UNKNOWN_FIELD, [name])


def _final_price(world: World, product: Product) -> float | None:
    if product.status != ENABLED:
        return None
    if product.type_id == CONFIGURABLE:
        prices = [_final_price(world, c) for c in world.catalog.children(product)]
        kept = [p for p in prices if p is not None]
        return min(kept) if kept else None
    if not inventory.is_salable(world, product):
        return None
    return product.special_price if product.special_price is not None else product.price


def engine(world: World, view: str | None = None) -> Engine[Product]:
    """``view``: a store view whose own texts filters and sorts on ``name``/``description`` compare, as a
    real store's collection does under ``/rest/<view>/`` (recorded on 2.4.7-p7: ``views-rates/products.
    name_like.fr``, ``.sort_name.fr``). Such a search scans: the index's caches hold the default values."""

    def value(product: Product, name: str) -> object:
        if view is not None and name in views.TEXT_FIELDS:
            return _view_text(world, view, product, name)
        return field_value(product, name)

    def sort_value(product: Product, name: str) -> object:
        if name != "price":
            return value(product, name)
        final = _final_price(world, product)
        return DROP if final is None else final

    return Engine(value, sort_value, world.search_index if view is None else None)


def _view_text(world: World, view: str, product: Product, name: str) -> str:
    if name == "name":
        return views.name(world, view, product)
    return views.description(world, view, product, serialize.description(product))


def _reads_view_texts(world: World, view: str, criteria: SearchCriteria) -> bool:
    """Whether this search compares a text the view has of its own (else the cached default engine)."""
    if not world.view_texts.get(view):
        return False
    named = {f.field for group in criteria.filter_groups for f in group} | {
        o.field for o in criteria.sort_orders
    }
    return bool(named & set(views.TEXT_FIELDS))


def extension(world: World, product: Product, with_stock: bool) -> JsonDict:
    found: JsonDict = {"website_ids": [1]}
    if product.category_ids:  # a product in no category has no category_links key at all (recorded)
        found["category_links"] = [{"position": 0, "category_id": str(c)} for c in product.category_ids]
    if product.type_id == CONFIGURABLE:
        found["configurable_product_options"] = serialize.configurable_options(
            product, world.catalog.axes.get(product.id, {})
        )
        found["configurable_product_links"] = list(product.children)
    if with_stock:
        found["stock_item"] = inventory.stock_item(world, product)
    return found


def render(world: World, product: Product, shape: str, store_code: str = "default") -> JsonDict:
    """The product as a read through ``/rest/<store_code>/…`` answers it: that view's own name and
    description where it has some (``all``, the admin scope, has none)."""
    ext = None if shape == "child" else extension(world, product, shape == "full")
    return serialize.product_json(product, shape, ext, views.overrides(world, store_code, product))


def find(call: Call, name: str = "sku") -> Product:
    product = call.world.catalog.get(call.params[name])
    if product is None:
        raise errors.product_not_found()
    return product


def list_products(call: Call) -> object:
    world = call.world
    criteria = call.criteria()
    view = call.store_code if _reads_view_texts(world, call.store_code, criteria) else None
    return results.search(
        world.catalog.products,
        criteria,
        engine(world, view),
        lambda p: render(world, p, "list", call.store_code),
    )


def get_product(call: Call) -> object:
    return render(call.world, find(call), "full", call.store_code)


def save_product(call: Call) -> object:
    """``PUT /V1/products/{sku}``: an existing product's modelled fields (``edits.EDITABLE``, top level or
    in ``custom_attributes``) saved, answered as ``GET`` answers it. Differences: values are saved globally
    whatever the store scope (a real store-view scope saves store-level values), and an unknown SKU answers
    404 where a real store creates the product (unsure: neither is recorded)."""
    product = find(call)
    sent = call.arg("product")
    custom = {str(a.get("attribute_code")): a.get("value") for a in sent.get("custom_attributes") or []}
    edits.apply(call.world, product, edits.editable({**custom, **sent}), call.now)
    return render(call.world, product, "full", call.store_code)


def with_content(product: Product, entry: JsonDict) -> JsonDict:
    """The gallery routes add the file itself, base64-encoded (the recorded list carries ``content``;
    its shape is ``framework-data-image-content-interface``, filled as ``GalleryManagement`` does)."""
    file = str(entry["file"])
    data = base64.b64encode(media.render(file, media.color_of(product))).decode()
    name = file.rsplit("/", 1)[-1]
    return {**entry, "content": {"base64_encoded_data": data, "type": "image/png", "name": name}}


def product_media(call: Call) -> object:
    product = find(call)
    return [with_content(product, entry) for entry in media.entries(product)]


def media_entry(call: Call) -> object:
    product = call.world.catalog.get(call.params["sku"])
    if product is None:
        raise errors.MagentoError(404, "Such product doesn't exist")
    for entry in media.entries(product):
        if str(entry["id"]) == call.params["entryId"]:
            return with_content(product, entry)
    raise errors.MagentoError(404, "Such image doesn't exist")


def children(call: Call) -> object:
    product = find(call)
    return [render(call.world, c, "child", call.store_code) for c in call.world.catalog.children(product)]


def options_all(call: Call) -> object:
    product = find(call)
    if product.type_id != CONFIGURABLE:
        return []  # unsure: a simple product may answer an error on a real store
    return serialize.configurable_options(product, call.world.catalog.axes.get(product.id, {}))


def option_by_id(call: Call) -> object:
    for option in options_all(call) or []:  # type: ignore[attr-defined]
        if str(option["id"]) == call.params["id"]:
            return option
    raise errors.no_such_entity("id", call.params["id"])  # unsure: the real message


def product_types(call: Call) -> object:
    return [
        {"name": "simple", "label": "Simple Product"},
        {"name": "configurable", "label": "Configurable Product"},
    ]


ROUTES = [
    Route("GET", "/V1/products", list_products, ACL),
    Route("GET", "/V1/products/types", product_types, ACL),
    Route("GET", "/V1/products/{sku}", get_product, ACL),
    Route("PUT", "/V1/products/{sku}", save_product, ACL),
    Route("GET", "/V1/products/{sku}/media", product_media, ACL),
    Route("GET", "/V1/products/{sku}/media/{entryId}", media_entry, ACL),
    Route("GET", "/V1/configurable-products/{sku}/children", children, ACL),
    Route("GET", "/V1/configurable-products/{sku}/options/all", options_all, ACL),
    Route("GET", "/V1/configurable-products/{sku}/options/{id}", option_by_id, ACL),
]
