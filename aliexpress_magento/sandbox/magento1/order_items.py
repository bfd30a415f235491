"""The items of a placed order, in ``sales_order.info``'s shape, and their shipment items.

Recorded on OpenMage 20.18 (``second-store/sales_order.info.customer_cart_order``, ``.after_ship``,
``sales_order_shipment.info``) and checked on a lab store: a simple sells as one item; a configurable
bought through its parent as the configurable item (the child's SKU, the parent's id, name and the price,
``has_children`` true, last of its keys) followed by the hidden child item (``parent_item_id``, price 0,
the totals Magento computes only for priced items null). Every item keeps the request it was added with
as ``product_options`` (PHP ``serialize`` of ``info_buyRequest``: the keys and value types as sent); the
configurable's also names the chosen options, the child's name and SKU.

Shipping ships the hidden child too, as a "dummy" item of quantity 1 whatever the parent ships (lab: a
parent shipping 2 left its child at ``qty_shipped`` 1), and leaves it out of the shipment's ``total_qty``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aliexpress_magento.sandbox.catalog.model import Product
from aliexpress_magento.sandbox.magento1 import attributes as attrs
from aliexpress_magento.sandbox.magento1.values import ZERO, decimal4
from aliexpress_magento.sandbox.magento1.world import World

JsonDict = dict[str, Any]
_ZERO_TOTALS = (
    "tax_percent", "tax_amount", "base_tax_amount", "tax_invoiced", "base_tax_invoiced", "discount_percent",
    "discount_amount", "base_discount_amount", "discount_invoiced", "base_discount_invoiced",
    "amount_refunded", "base_amount_refunded",
)  # fmt: skip
_LATE_NULLS = (
    "base_tax_before_discount", "tax_before_discount", "ext_order_item_id", "locked_do_invoice",
    "locked_do_ship",
)  # fmt: skip
_REFUND_NULLS = (
    "tax_canceled", "hidden_tax_canceled", "tax_refunded", "base_tax_refunded", "discount_refunded",
    "base_discount_refunded", "gift_message_id",
)  # fmt: skip
_WEEE = (
    "base_weee_tax_applied_amount", "base_weee_tax_applied_row_amnt", "base_weee_tax_applied_row_amount",
    "weee_tax_applied_amount", "weee_tax_applied_row_amount", "weee_tax_applied", "weee_tax_disposition",
    "weee_tax_row_disposition", "base_weee_tax_disposition", "base_weee_tax_row_disposition",
)  # fmt: skip


def order_items(world: World, head: JsonDict, line: JsonDict, price: float) -> list[JsonDict]:
    """The items of one quote line: the simple's, or the configurable's and its hidden child's."""
    catalog = world.catalog
    sold = catalog.get(line["sku"])
    assert sold is not None  # checked before placing
    parent = catalog.get(line["parent_sku"]) if line["parent_sku"] else None
    request = line.get("request") or {"sku": sold.sku, "qty": line["qty"]}
    qty = line["qty"]
    if parent is None:
        return [_item(world, head, (sold, sold), qty, price, None, _options(request))]
    options = _parent_options(request, parent, sold)
    first = {**_item(world, head, (parent, sold), qty, price, None, options), "has_children": True}
    return [first, _item(world, head, (sold, sold), qty, 0.0, first["item_id"], _options(request))]


def _item(
    world: World,
    head: JsonDict,
    products: tuple[Product, Product],  # the item's own product, and the simple sold
    qty: float,
    price: float,
    parent_item: str | None,
    options: str,
) -> JsonDict:
    product, sold = products
    item: JsonDict = {
        "item_id": str(world.next_id("order_item")), "order_id": head["order_id"],
        "parent_item_id": parent_item,
        "quote_item_id": str(world.next_id("quote_item")), "store_id": "1",
        "created_at": head["created_at"], "updated_at": head["created_at"], "product_id": str(product.id),
        "product_type": product.type_id, "product_options": options, "weight": decimal4(sold.weight),
        "is_virtual": "0", "sku": sold.sku, "name": product.name, "description": None,
        "applied_rule_ids": None, "additional_data": None, "free_shipping": "0", "is_qty_decimal": "0",
        "no_discount": "0", "qty_backordered": None, "qty_canceled": ZERO, "qty_invoiced": ZERO,
        "qty_ordered": decimal4(qty), "qty_refunded": ZERO, "qty_shipped": ZERO, "base_cost": None,
    }  # fmt: skip
    item.update(_amounts(product, sold, qty, price, hidden=parent_item is not None))
    return item


def _amounts(product: Product, sold: Product, qty: float, price: float, *, hidden: bool) -> JsonDict:
    """The money fields, in the recorded order; the hidden child's priced totals are null."""
    row_total = decimal4(price * qty)
    priced = None if hidden else decimal4(price)
    row_priced = None if hidden else row_total
    return {
        "price": decimal4(price), "base_price": decimal4(price),
        "original_price": ZERO if hidden else decimal4(product.price or sold.price),
        "base_original_price": None if hidden else decimal4(product.price or sold.price),
        **dict.fromkeys(_ZERO_TOTALS, ZERO),
        "row_total": row_total, "base_row_total": row_total, "row_invoiced": ZERO, "base_row_invoiced": ZERO,
        "row_weight": ZERO if hidden else decimal4((sold.weight or 0.0) * qty),
        **dict.fromkeys(_LATE_NULLS),
        "price_incl_tax": priced, "base_price_incl_tax": priced,
        "row_total_incl_tax": row_priced, "base_row_total_incl_tax": row_priced,
        "hidden_tax_amount": None if hidden else ZERO, "base_hidden_tax_amount": None if hidden else ZERO,
        "hidden_tax_invoiced": None, "base_hidden_tax_invoiced": None, "hidden_tax_refunded": None,
        "base_hidden_tax_refunded": None, "is_nominal": "0",
        **dict.fromkeys(_REFUND_NULLS),
        "gift_message_available": "0",
        **{k: None if hidden else ("a:0:{}" if k == "weee_tax_applied" else ZERO) for k in _WEEE},
    }  # fmt: skip


def _options(request: Mapping[str, Any]) -> str:
    return php_serialize({"info_buyRequest": dict(request)})


def _parent_options(request: Mapping[str, Any], parent: Product, sold: Product) -> str:
    chosen = [
        {"label": attrs.BY_CODE[code].label, "value": attrs.option_label(code, sold.option(code) or 0)}
        for code in parent.axes
    ]
    return php_serialize(
        {
            "info_buyRequest": dict(request),
            "attributes_info": chosen,
            "simple_name": sold.name,
            "simple_sku": sold.sku,
            "product_calculations": 1,
            "shipment_type": 0,
        }
    )


def php_serialize(value: object) -> str:
    """PHP's ``serialize`` for what a buy request holds. Keys that read as integers become integer keys,
    as in a PHP array; a float is written as PHP 7.1+ writes it (``serialize_precision`` -1: ``d:2;``)."""
    if value is None:
        return "N;"
    if isinstance(value, bool):
        return f"b:{int(value)};"
    if isinstance(value, int):
        return f"i:{value};"
    if isinstance(value, float):
        return f"d:{int(value) if value.is_integer() else repr(value)};"
    if isinstance(value, Mapping | list):
        pairs = value.items() if isinstance(value, Mapping) else enumerate(value)
        body = "".join(f"{_key(k)}{php_serialize(v)}" for k, v in pairs)
        return f"a:{len(value)}:{{{body}}}"
    text = str(value)
    return f's:{len(text.encode())}:"{text}";'


def _key(key: object) -> str:
    text = str(key)
    is_int = text == "0" or (text.lstrip("-").isdigit() and not text.lstrip("-").startswith("0"))
    return f"i:{int(text)};" if is_int else php_serialize(text)


def shipment_item(world: World, shipment_id: int, item: JsonDict, qty: float) -> JsonDict:
    """A shipment's item, in the recorded key order."""
    return {
        "parent_id": str(shipment_id), "row_total": None, "price": item["price"], "weight": item["weight"],
        "qty": decimal4(qty), "product_id": item["product_id"], "order_item_id": item["item_id"],
        "additional_data": None, "description": None, "name": item["name"], "sku": item["sku"],
        "item_id": str(world.next_id("shipment_item")),
    }  # fmt: skip
