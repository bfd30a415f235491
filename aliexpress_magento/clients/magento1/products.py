"""``catalog_product.list`` / ``.info`` and ``catalog_product_attribute_media.list``.

API v1 has no paging: ``list`` answers every matching product (a short row each). ``info`` is asked by
SKU with identifier type ``sku`` (a numeric-looking SKU would otherwise be read as an id); many infos go
in one ``multiCall`` (:meth:`Products.infos`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import Magento1Error, NotFoundError
from .filters import Filters
from .session import Session
from .values import Json, objs, opt_float, text, to_int

SKU = "sku"


@dataclass(frozen=True)
class ProductRow:
    product_id: int
    sku: str
    name: str
    set_id: int
    type: str
    category_ids: tuple[int, ...]
    website_ids: tuple[int, ...]


@dataclass(frozen=True)
class ProductInfo:
    product_id: int
    sku: str
    name: str
    type: str
    set_id: int
    status: int  # 1 enabled, 2 disabled
    visibility: int
    price: str | None  # as Magento sends it ("49.0000"): the Store turns it into Decimal
    special_price: str | None
    weight: float | None
    created_at: str
    updated_at: str
    category_ids: tuple[int, ...]
    website_ids: tuple[int, ...]
    values: Mapping[str, Any] = field(default_factory=dict)  # every attribute as answered


@dataclass(frozen=True)
class MediaImage:
    file: str
    label: str
    position: int
    excluded: bool
    url: str
    types: tuple[str, ...]


def parse_row(data: Json) -> ProductRow:
    return ProductRow(
        product_id=to_int(data.get("product_id")),
        sku=text(data, "sku"),
        name=text(data, "name"),
        set_id=to_int(data.get("set")),
        type=text(data, "type"),
        category_ids=_ids(data.get("category_ids")),
        website_ids=_ids(data.get("website_ids")),
    )


def parse_info(data: Json) -> ProductInfo:
    price, special = data.get("price"), data.get("special_price")
    return ProductInfo(
        product_id=to_int(data.get("product_id")),
        sku=text(data, "sku"),
        name=text(data, "name"),
        type=text(data, "type_id") or text(data, "type"),
        set_id=to_int(data.get("set")),
        status=to_int(data.get("status")),
        visibility=to_int(data.get("visibility")),
        price=None if price in (None, "") else str(price),
        special_price=None if special in (None, "") else str(special),
        weight=opt_float(data.get("weight")),
        created_at=text(data, "created_at"),
        updated_at=text(data, "updated_at"),
        category_ids=_ids(data.get("category_ids") or data.get("categories")),
        website_ids=_ids(data.get("websites")),
        values=dict(data),
    )


def _ids(value: Any) -> tuple[int, ...]:
    return tuple(to_int(v) for v in value) if isinstance(value, list) else ()


class Products:
    def __init__(self, session: Session) -> None:
        self._session = session

    def search(self, filters: Filters | None = None, store: str | int | None = None) -> list[ProductRow]:
        return [
            parse_row(r) for r in objs(self._session.call("catalog_product.list", [filters or {}, store]))
        ]

    def info(
        self, sku: str, store: str | int | None = None, attributes: Sequence[str] | None = None
    ) -> ProductInfo:
        wanted = list(attributes) if attributes is not None else None
        return parse_info(self._session.call("catalog_product.info", [sku, store, wanted, SKU]))

    def infos(self, skus: Sequence[str], store: str | int | None = None) -> list[ProductInfo]:
        """Many products in one multiCall; unknown SKUs are left out, other faults raised."""
        calls = [("catalog_product.info", [sku, store, None, SKU]) for sku in skus]
        return [parse_info(a) for a in _kept(self._session.multi_call(calls)) if isinstance(a, Mapping)]

    def media(self, sku: str, store: str | int | None = None) -> list[MediaImage]:
        return [
            _image(i)
            for i in objs(self._session.call("catalog_product_attribute_media.list", [sku, store, SKU]))
        ]

    def media_of(self, skus: Sequence[str], store: str | int | None = None) -> dict[str, list[MediaImage]]:
        """The gallery of many products in one multiCall, by SKU (unknown SKUs left out)."""
        calls = [("catalog_product_attribute_media.list", [sku, store, SKU]) for sku in skus]
        answers = self._session.multi_call(calls)
        return {
            sku: [_image(i) for i in objs(answer)]
            for sku, answer in zip(skus, answers, strict=True)
            if not isinstance(answer, NotFoundError) and not _raise_other(answer)
        }


def _image(data: Json) -> MediaImage:
    types = data.get("types")
    return MediaImage(
        file=text(data, "file"),
        label=text(data, "label"),
        position=to_int(data.get("position")),
        excluded=text(data, "exclude") == "1",
        url=text(data, "url"),
        types=tuple(str(t) for t in types) if isinstance(types, list) else (),
    )


def _kept(answers: Sequence[Any]) -> list[Any]:
    return [a for a in answers if not isinstance(a, NotFoundError) and not _raise_other(a)]


def _raise_other(answer: Any) -> bool:
    if isinstance(answer, Magento1Error):
        raise answer
    return False
