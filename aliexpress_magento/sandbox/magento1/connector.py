"""The connector module's resource (``magento1-module/``): ``aliexpress_connector_product.children`` and
``.changed``.

``children(identifiers, identifier_type=null)`` answers, for each configurable product among
``identifiers`` (SKUs, or ids; as ``catalog_product.info`` tells them apart; an array or a struct; at most
500, else fault 102), its super attributes and its children with their option value and label on each.
Unknown and non-configurable products are left out. Every value is a string, as the PHP model builds them.
Off (``connector_module`` knob false), the resource does not exist: fault 3 "Invalid api path." (the
dispatcher).

``changed(since, afterUpdatedAt=null, afterId=null, limit=100, store=null)`` answers at most ``limit``
products with ``updated_at >= since``, ordered by (``updated_at``, ``entity_id``), strictly after the
keyset cursor, as the module's collection query does (``Model/Product/Api.php``): the checks in the PHP's
order (limit, since, store, cursor), each refusal fault 102 ``data_invalid`` with the PHP's message.
"""

from __future__ import annotations

import heapq
import re
from datetime import datetime
from typing import Any

from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, Product
from aliexpress_magento.sandbox.magento1 import attributes as attrs
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import ApiFault, fault
from aliexpress_magento.sandbox.magento1.products import find
from aliexpress_magento.sandbox.magento1.stores import store_id

JsonDict = dict[str, Any]
RESOURCE = "aliexpress_connector_product"
MAX_PAGE = 1000  # AliexpressMagento_Connector_Model_Product_Api::MAX_PAGE
MAX_IDENTIFIERS = 500  # ::MAX_IDENTIFIERS
DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2})?")  # ::DATETIME (ASCII \d)
_PHP_INT = re.compile(r"\s*[+-]?\d+")
BAD_CURSOR = "The cursor is afterUpdatedAt and afterId together, afterId a product id."
_DIGITS = re.compile(r"[0-9]+")  # ctype_digit


def children(ctx: Call, identifiers: object, identifier_type: object = None) -> list[JsonDict]:
    """A struct of identifiers is a PHP array too: its values are read (works on the real store)."""
    wanted = (
        list(identifiers.values()) if isinstance(identifiers, dict)
        else identifiers if isinstance(identifiers, list) else [identifiers]
    )  # fmt: skip
    if len(wanted) > MAX_IDENTIFIERS:
        raise fault("data_invalid", RESOURCE, f"At most {MAX_IDENTIFIERS} products per call.")
    found: list[JsonDict] = []
    for identifier in wanted:
        try:
            product = find(ctx, identifier, identifier_type, RESOURCE)
        except ApiFault:
            continue
        if product.type_id == CONFIGURABLE:
            found.append(_configurable(ctx, product))
    return found


def _configurable(ctx: Call, parent: Product) -> JsonDict:
    """The axes in the order they were attached, each at position "0" (what Magento saves when a
    configurable is made in the admin; the module orders by position, then the order attached: unsure
    whether a merchant's store has other positions); the children by product id, as the module sorts them."""
    axes = [attrs.BY_CODE[code] for code in parent.axes]
    return {
        "product_id": str(parent.id),
        "sku": parent.sku,
        "attributes": [
            {
                "attribute_id": str(a.attribute_id),
                "attribute_code": a.code,
                "label": a.label,
                "position": "0",
            }
            for a in axes
        ],
        "children": [
            {
                "product_id": str(child.id),
                "sku": child.sku,
                "values": [_value(a, child.option(a.code)) for a in axes],
            }
            for child in sorted(ctx.world.catalog.children(parent), key=lambda c: c.id)
        ],
    }


def _value(attribute: attrs.Attribute, option: int | None) -> JsonDict:
    label = attrs.option_label(attribute.code, option) if option is not None else ""
    return {
        "attribute_id": str(attribute.attribute_id),
        "attribute_code": attribute.code,
        "value": "" if option is None else str(option),
        "label": label,
    }


def changed(
    ctx: Call,
    since: object,
    after_updated_at: object = None,
    after_id: object = None,
    limit: object = 100,
    store: object = None,
) -> list[JsonDict]:
    size = _limit(limit)
    start = _datetime(since, "since")
    if store is not None and store != "":
        store_id(store, RESOURCE)  # one website: every product is in the store's website
    after = _after(after_updated_at, after_id)
    kept = (
        p
        for p in ctx.world.catalog.products
        if p.updated_at >= start and (after is None or (p.updated_at, p.id) > after)
    )
    return [_changed_row(p) for p in heapq.nsmallest(size, kept, key=lambda p: (p.updated_at, p.id))]


def _changed_row(product: Product) -> JsonDict:
    return {
        "product_id": str(product.id),
        "sku": product.sku,
        "type": product.type_id,
        "set": str(attrs.DEFAULT_SET[0]),
        "updated_at": product.updated_at,
    }


def _limit(value: object) -> int:
    """PHP's ``(int)`` cast (leading digits, else 0), then the 1…1000 check."""
    if isinstance(value, list | dict | bool) or value is None:
        size = int(bool(value))
    else:
        digits = _PHP_INT.match(str(value))
        size = int(digits.group()) if digits else 0
    if size < 1 or size > MAX_PAGE:
        raise fault("data_invalid", RESOURCE, f"limit must be between 1 and {MAX_PAGE}.")
    return size


def _datetime(value: object, name: str) -> str:
    """The pattern, then a real calendar time (the module's DateTime round trip): "2026-02-30" is refused,
    as MariaDB would read it as a zero date and answer the catalog from its start."""
    full = (f"{value} 00:00:00" if len(value) == 10 else value) if isinstance(value, str) else ""
    try:
        if not isinstance(value, str) or not DATETIME.fullmatch(value):
            raise ValueError(value)
        datetime.strptime(full, "%Y-%m-%d %H:%M:%S")  # year 0000 too: no such DATETIME, refused by the PHP
    except ValueError:
        raise fault("data_invalid", RESOURCE, f'{name} must be a UTC date "YYYY-MM-DD HH:MM:SS".') from None
    return full


def _after(updated_at: object, product_id: object) -> tuple[str, int] | None:
    if updated_at in (None, "") and product_id in (None, ""):
        return None
    if updated_at in (None, "") or not _DIGITS.fullmatch(str(product_id)):
        raise fault("data_invalid", RESOURCE, BAD_CURSOR)
    return _datetime(updated_at, "afterUpdatedAt"), int(str(product_id))


METHODS = {
    f"{RESOURCE}.children": Method(RESOURCE, children),
    f"{RESOURCE}.changed": Method(RESOURCE, changed),
}
