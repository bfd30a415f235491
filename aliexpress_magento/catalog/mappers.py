"""A Store product as the mirror's row values, and the content hash that says whether it changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from aliexpress_magento.stores.model import StoreProduct


@dataclass(frozen=True)
class Mirrored:
    """One product to mirror: its row values and, for a child read inside its configurable, the parent's
    Magento id (``None``: read on its own, its parent is not known from this read)."""

    product: StoreProduct
    values: dict[str, Any]
    parent_entity_id: int | None


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def row_values(product: StoreProduct) -> dict[str, Any]:
    """The mirrored fields of ``product`` (JSON-ready; the parent link is added by the caller)."""
    return {
        "sku": product.sku,
        "type": product.type,
        "name": product.name,
        "enabled": product.enabled,
        "visibility": product.visibility,
        "price": product.price,
        "special_price": product.special_price,
        "weight": product.weight,
        "attributes": {k: v if isinstance(v, str) else list(v) for k, v in product.attributes.items()},
        "images": [
            {"url": i.url, "label": i.label, "position": i.position, "types": list(i.roles)}
            for i in product.images
        ],
        "category_ids": list(product.category_ids),
        "axes": list(product.axes),
        "axis_values": [
            {"attribute_code": a.attribute_code, "option_id": a.option_id, "label": a.label}
            for a in product.axis_values
        ],
        "unavailable_reason": product.unavailable_reason[:255],
    }


def content_hash(values: dict[str, Any], parent_entity_id: int | None) -> str:
    """sha256 over a canonical JSON of the mirrored fields and the parent's id. ``updated_at`` and the
    stock are left out: a save in Magento that changes nothing mirrored is not a change."""
    payload = {
        **values,
        "price": _money(values["price"]),
        "special_price": _money(values["special_price"]),
        "parent": parent_entity_id,
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def flatten(products: list[StoreProduct]) -> Iterator[Mirrored]:
    """Each product of a page, then a configurable's children with their parent's id."""
    for product, parent_entity_id in members(products):
        yield Mirrored(product, row_values(product), parent_entity_id)


def members(products: list[StoreProduct]) -> Iterator[tuple[StoreProduct, int | None]]:
    """What ``flatten`` yields before the row values are made: (product, parent's Magento id or None)."""
    for product in products:
        yield product, None
        for child in product.children:
            yield child, product.entity_id
