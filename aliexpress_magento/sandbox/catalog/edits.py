"""Product edits, shared by the sandboxes' ``update_product`` helper and the save calls of their APIs
(Magento 2 ``PUT /V1/products/{sku}``, Magento 1 ``catalog_product.update``).

The values change, ``updated_at`` becomes the save's time (Magento stamps every save, a changed value or
not: the ``updated_at`` attribute's backend is ``Eav\\…\\Backend\\Time\\Updated``), and the edit is kept in
``world.product_edits`` so it survives a restart. Only the fields of :data:`EDITABLE` are modelled; a save
accepts others and does not keep them (unsure: a real store saves every attribute it is sent).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from aliexpress_magento.sandbox.catalog.model import Product

_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")


def magento_date(value: Any) -> str | None:
    """A date attribute as Magento keeps it: ``"2026-12-04"`` or ``"2026-12-04 10:30:00"`` is saved as
    ``"2026-12-04 00:00:00"`` (the day; unsure: a real store may keep a time sent through the API, its
    admin form sends days only); ``""`` clears it (the Datetime backend's ``formatDate`` makes an empty
    value null). Anything else raises ValueError (Magento answers "Invalid date")."""
    if value == "":
        return None
    match = _DAY.fullmatch(str(value).strip())
    if match is None:
        raise ValueError(f"Invalid date {value!r}")
    return f"{date.fromisoformat(match.group(1)).isoformat()} 00:00:00"


EDITABLE: dict[str, Callable[[Any], object]] = {
    "name": str,
    "price": float,
    "special_price": float,
    "special_from_date": magento_date,
    "special_to_date": magento_date,
    "status": int,
    "visibility": int,
    "weight": float,
}
# What the control endpoints (``POST /_sandbox/products``) may set; a date sent as null is cleared.
CONTROLLED = ("price", "special_price", "special_from_date", "special_to_date", "status", "name")
_CLEARABLE = ("special_from_date", "special_to_date")


def editable(sent: Mapping[str, Any]) -> dict[str, Any]:
    """The modelled fields of a save, as the product model types them (a bad value raises ValueError)."""
    return {name: convert(sent[name]) for name, convert in EDITABLE.items() if sent.get(name) is not None}


def controlled(body: Mapping[str, Any]) -> dict[str, Any]:
    """The edit a control endpoint's body asks for: the fields of :data:`CONTROLLED` it names, typed as a
    save types them (a bad value raises ValueError), and null for a date (clears it)."""
    found: dict[str, Any] = {}
    for name in CONTROLLED:
        if name in body:
            value = body[name]
            found[name] = None if value is None and name in _CLEARABLE else EDITABLE[name](value)
    return found


def stamp(now: float) -> str:
    """``now`` as Magento writes ``updated_at``: UTC wall time."""
    return datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%d %H:%M:%S")


def apply(world: Any, product: Product, changes: Mapping[str, Any], now: float) -> None:
    """``world``: either sandbox's World (its ``catalog`` and ``product_edits``)."""
    stamped = {**changes, "updated_at": stamp(now)}
    for name, value in stamped.items():
        setattr(product, name, value)
    world.product_edits.setdefault(product.sku, {}).update(stamped)
    world.catalog.changed()
