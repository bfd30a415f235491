"""Product edits, shared by the sandboxes' ``update_product`` helper and the save calls of their APIs
(Magento 2 ``PUT /V1/products/{sku}``, Magento 1 ``catalog_product.update``).

The values change, ``updated_at`` becomes the save's time (Magento stamps every save, a changed value or
not: the ``updated_at`` attribute's backend is ``Eav\\…\\Backend\\Time\\Updated``), and the edit is kept in
``world.product_edits`` so it survives a restart. Only the fields of :data:`EDITABLE` are modelled; a save
accepts others and does not keep them (unsure: a real store saves every attribute it is sent).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from aliexpress_magento.sandbox.catalog.model import Product

EDITABLE: dict[str, Callable[[Any], object]] = {
    "name": str,
    "price": float,
    "special_price": float,
    "status": int,
    "visibility": int,
    "weight": float,
}


def editable(sent: Mapping[str, Any]) -> dict[str, Any]:
    """The modelled fields of a save, as the product model types them (a bad value raises ValueError)."""
    return {name: convert(sent[name]) for name, convert in EDITABLE.items() if sent.get(name) is not None}


def apply(world: Any, product: Product, changes: Mapping[str, Any], now: float) -> None:
    """``world``: either sandbox's World (its ``catalog`` and ``product_edits``)."""
    stamped = {**changes, "updated_at": datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%d %H:%M:%S")}
    for name, value in stamped.items():
        setattr(product, name, value)
    world.product_edits.setdefault(product.sku, {}).update(stamped)
    world.catalog.changed()
