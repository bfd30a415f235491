"""A Store product as the mirror's row values, and the content hash that says whether it changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from aliexpress_magento.stores.model import StoreAttribute, StoreCategory, StoreProduct


@dataclass(frozen=True)
class Mirrored:
    """One product to mirror: its row values and, for a child read inside its configurable, the parent's
    Magento id (``None``: read on its own, its parent is not known from this read)."""

    product: StoreProduct
    values: dict[str, Any]
    parent_entity_id: int | None


_DAYS = ("special_price_from", "special_price_to")
# The attributes mirrored per further store view besides the name: the listing engine sends the first
# one set as the description (listings.services.snapshots.DESCRIPTION_CODES).
VIEW_TEXT_CODES = ("description", "short_description")
ViewTexts = dict[str, dict[str, str]]  # store view code → {"name", "description", "short_description"}


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def row_values(product: StoreProduct, texts: ViewTexts | None = None) -> dict[str, Any]:
    """The mirrored fields of ``product`` (JSON-ready; the parent link is added by the caller); ``texts``
    its names and descriptions in the further store views (:func:`texts_by_product`)."""
    return {
        "sku": product.sku,
        "type": product.type,
        "attribute_set_id": product.attribute_set_id,
        "name": product.name,
        "enabled": product.enabled,
        "visibility": product.visibility,
        "price": product.price,
        "special_price": product.special_price,
        "special_price_from": product.special_from,
        "special_price_to": product.special_to,
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
        "store_view_texts": {view: dict(text) for view, text in sorted((texts or {}).items())},
    }


def view_text(product: StoreProduct) -> dict[str, str]:
    """The texts of ``product`` as a read scoped to one store view answered them (Magento answers the
    default value where the view has none of its own); empty ones left out."""
    found = {"name": product.name}
    for code in VIEW_TEXT_CODES:
        value = product.attributes.get(code)
        found[code] = ", ".join(value) if isinstance(value, tuple) else str(value or "")
    return {k: v for k, v in found.items() if v.strip()}


def texts_by_product(read: Mapping[str, Iterable[StoreProduct]]) -> dict[int, ViewTexts]:
    """Magento id → store view code → texts, from each view's products (``read``: view code → the
    products a read scoped to it answered, configurables with their children)."""
    found: dict[int, ViewTexts] = {}
    for view, products in read.items():
        for product, _ in members(list(products)):
            text = view_text(product)
            if text:
                found.setdefault(product.entity_id, {})[view] = text
    return found


def content_hash(values: dict[str, Any], parent_entity_id: int | None) -> str:
    """sha256 over a canonical JSON of the mirrored fields and the parent's id. ``updated_at`` and the
    stock are left out: a save in Magento that changes nothing mirrored is not a change. An unset special
    price day is left out too, so the hash of a product without a window is the one it had before the
    days were mirrored: an upgrade rewrites only the products that have one; so are empty further store
    view texts (an account that maps no further view keeps its hashes). A text changed in a further view
    changes the hash: the row is rewritten and the listing's payload (and its hash) follows."""
    payload = {
        **values,
        "price": _money(values["price"]),
        "special_price": _money(values["special_price"]),
        "parent": parent_entity_id,
    }
    for day in _DAYS:
        payload[day] = _day(values[day])
        if payload[day] is None:
            del payload[day]
    if not payload.get("store_view_texts"):  # no further view: the hash the row had before they were read
        payload.pop("store_view_texts", None)
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def members(products: list[StoreProduct]) -> Iterator[tuple[StoreProduct, int | None]]:
    """Each product of a page, then a configurable's children: (product, its parent's Magento id, or None
    for a product read on its own). Row values are made later, only for the products a page keeps."""
    for product in products:
        yield product, None
        for child in product.children:
            yield child, product.entity_id


# --- the taxonomy: attributes and the category tree, for the mapping pages ---------------------------


def attribute_values(attribute: StoreAttribute) -> dict[str, Any]:
    """The mirrored fields of a Magento attribute; options in Magento's order."""
    return {
        "label": attribute.label[:255],
        "input_type": attribute.input_type[:64],
        "required": attribute.required,
        "options": [{"id": o.id, "label": o.label} for o in attribute.options],
    }


def category_rows(root: StoreCategory) -> Iterator[dict[str, Any]]:
    """Every node of the tree, parents before children, with ``path``: the names from the root down
    joined by " / " (the root's own name included, as Magento's admin shows it)."""
    stack: list[tuple[StoreCategory, str]] = [(root, "")]
    while stack:
        node, above = stack.pop()
        path = f"{above} / {node.name}" if above else node.name
        yield {
            "category_id": node.id,
            "parent_id": node.parent_id,
            "name": node.name[:255],
            "path": path[:1000],
            "level": node.level,
            "position": node.position,
            "active": node.active,
        }
        stack.extend((child, path) for child in reversed(node.children))
