"""Products (fact sheet §3.1, §3.2): list, get by SKU, configurable children and options, media."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .connection import Connection, segment
from .search import DEFAULT_PAGE_SIZE, KeysetPager, Pager, SearchCriteria, Value
from .values import AttributeValue, custom_attributes, obj, objs, opt_float, opt_int, text, to_int

ENABLED, DISABLED = 1, 2


@dataclass(frozen=True)
class MediaEntry:
    id: int
    file: str
    label: str
    position: int
    disabled: bool
    types: tuple[str, ...]
    media_type: str = "image"


@dataclass(frozen=True)
class ConfigurableOption:
    """One axis of a configurable: the attribute (``attribute_id`` arrives as a string) and option ids."""

    id: int
    attribute_id: int
    label: str
    position: int
    value_indexes: tuple[int, ...]


@dataclass(frozen=True)
class Product:
    id: int
    sku: str
    name: str
    type_id: str
    status: int
    visibility: int
    price: float | None
    weight: float | None
    attribute_set_id: int | None
    created_at: str
    updated_at: str
    attributes: Mapping[str, AttributeValue]
    media: tuple[MediaEntry, ...]
    website_ids: tuple[int, ...]
    category_ids: tuple[int, ...]
    configurable_options: tuple[ConfigurableOption, ...]
    # Child *product ids* (not SKUs): Magento gives children no parent_sku.
    child_ids: tuple[int, ...]
    stock_qty: float | None = None
    stock_in_stock: bool | None = None

    @property
    def special_price(self) -> float | None:
        value = self.attributes.get("special_price")
        return opt_float(value) if isinstance(value, str) else None


def parse_media(data: Mapping[str, Any]) -> MediaEntry:
    return MediaEntry(
        id=to_int(data.get("id")),
        file=text(data, "file"),
        label=text(data, "label"),
        position=int(data.get("position") or 0),
        disabled=bool(data.get("disabled")),
        types=tuple(str(t) for t in data.get("types") or ()),
        media_type=text(data, "media_type", "image"),
    )


def parse_option(data: Mapping[str, Any]) -> ConfigurableOption:
    return ConfigurableOption(
        id=to_int(data.get("id")),
        attribute_id=to_int(data.get("attribute_id")),
        label=text(data, "label"),
        position=int(data.get("position") or 0),
        value_indexes=tuple(to_int(v.get("value_index")) for v in objs(data, "values")),
    )


def parse_product(data: Mapping[str, Any]) -> Product:
    ext = obj(data, "extension_attributes")
    stock = obj(ext, "stock_item")
    return Product(
        id=to_int(data.get("id")),
        sku=text(data, "sku"),
        name=text(data, "name"),
        type_id=text(data, "type_id", "simple"),
        status=int(data.get("status") or ENABLED),
        visibility=int(data.get("visibility") or 4),
        price=opt_float(data.get("price")),
        weight=opt_float(data.get("weight")),
        attribute_set_id=opt_int(data.get("attribute_set_id")),
        created_at=text(data, "created_at"),
        updated_at=text(data, "updated_at"),
        attributes=custom_attributes(data),
        media=tuple(parse_media(m) for m in objs(data, "media_gallery_entries")),
        website_ids=tuple(to_int(w) for w in ext.get("website_ids") or ()),
        category_ids=tuple(to_int(c.get("category_id")) for c in objs(ext, "category_links")),
        configurable_options=tuple(parse_option(o) for o in objs(ext, "configurable_product_options")),
        child_ids=tuple(to_int(i) for i in ext.get("configurable_product_links") or ()),
        stock_qty=opt_float(stock.get("qty")),
        stock_in_stock=bool(stock["is_in_stock"]) if "is_in_stock" in stock else None,
    )


class Products:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def search(self, criteria: SearchCriteria) -> Pager:
        """Raw pages of ``GET /V1/products``; map items with :func:`parse_product`."""
        return Pager(lambda params: self._c.get("/V1/products", params), criteria)

    def iter(self, criteria: SearchCriteria) -> Iterator[Product]:
        return (parse_product(item) for item in self.search(criteria).items())

    def changed_since(self, since: Value, page_size: int = DEFAULT_PAGE_SIZE) -> KeysetPager:
        """Raw pages of the products updated at or after ``since``, oldest first, paged by key: none is
        skipped when one is edited during the read (it comes again at the end)."""
        return KeysetPager(lambda params: self._c.get("/V1/products", params), since, page_size, "id")

    def get(self, sku: str, *, store_id: int | None = None) -> Product:
        params = {"storeId": str(store_id)} if store_id is not None else None
        return parse_product(self._c.get(f"/V1/products/{segment(sku)}", params))

    def children(self, sku: str) -> list[Product]:
        """``GET /V1/configurable-products/{sku}/children`` (answers lack extension attributes)."""
        return [parse_product(p) for p in self._c.get(f"/V1/configurable-products/{segment(sku)}/children")]

    def options(self, sku: str) -> list[ConfigurableOption]:
        answer = self._c.get(f"/V1/configurable-products/{segment(sku)}/options/all")
        return [parse_option(o) for o in answer]

    def media(self, sku: str) -> list[MediaEntry]:
        return [parse_media(m) for m in self._c.get(f"/V1/products/{segment(sku)}/media")]

    def types(self) -> list[str]:
        return [str(t.get("name")) for t in self._c.get("/V1/products/types")]
