"""The connector module's resource (``magento1-module/``): ``aliexpress_connector_product.children``.

``children(identifiers, identifier_type=null)`` answers, for each configurable product among
``identifiers`` (SKUs, or ids; as ``catalog_product.info`` tells them apart), its super attributes and
its children with their option value and label on each. Unknown and non-configurable products are left
out. Every value is a string, as the PHP model builds them. Off (``connector_module`` knob false), the
resource does not exist: fault 3 "Invalid api path." (the dispatcher).
"""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.magento1 import attributes as attrs
from aliexpress_magento.sandbox.magento1.context import Ctx, Method
from aliexpress_magento.sandbox.magento1.faults import ApiFault
from aliexpress_magento.sandbox.magento1.products import find
from aliexpress_magento.sandbox.magento2.catalog.model import CONFIGURABLE, Product

JsonDict = dict[str, Any]
RESOURCE = "aliexpress_connector_product"


def children(ctx: Ctx, identifiers: object, identifier_type: object = None) -> list[JsonDict]:
    wanted = identifiers if isinstance(identifiers, list) else [identifiers]
    found: list[JsonDict] = []
    for identifier in wanted:
        try:
            product = find(ctx, identifier, identifier_type, RESOURCE)
        except ApiFault:
            continue
        if product.type_id == CONFIGURABLE:
            found.append(_configurable(ctx, product))
    return found


def _configurable(ctx: Ctx, parent: Product) -> JsonDict:
    axes = [attrs.BY_CODE[code] for code in parent.axes]
    return {
        "product_id": str(parent.id),
        "sku": parent.sku,
        "attributes": [
            {
                "attribute_id": str(a.attribute_id),
                "attribute_code": a.code,
                "label": a.label,
                "position": str(n),
            }
            for n, a in enumerate(axes)
        ],
        "children": [
            {
                "product_id": str(child.id),
                "sku": child.sku,
                "values": [_value(a, child.option(a.code)) for a in axes],
            }
            for child in ctx.world.catalog.children(parent)
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


METHODS = {f"{RESOURCE}.children": Method(RESOURCE, children)}
