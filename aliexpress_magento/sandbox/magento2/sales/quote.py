"""Cart (quote) rules: adding items, prices from the catalog, flat-rate shipping, totals.

Observed on 2.4.7-p3 and copied here: a configurable added by its parent SKU + options is one line with
the chosen child's SKU, the parent's name and ``product_type`` ``configurable`` (the hidden child line
takes the next item id); disabled and out-of-stock products answer "Product that you are trying to add is
not available."; more than the salable quantity "The requested qty is not available"; prices are the
catalog's final price (special price applied). Shipping: the default Flat Rate, $5 per item.
"""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.catalog import attributes as attrs
from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, ENABLED, Product
from aliexpress_magento.sandbox.magento2 import errors, inventory, jsonenc
from aliexpress_magento.sandbox.magento2.world import World

JsonDict = dict[str, Any]
FLAT_RATE_PER_ITEM = 5.0
CHECKMO = {"code": "checkmo", "title": "Check / Money order"}
NOT_AVAILABLE = "Product that you are trying to add is not available."
CHOOSE_OPTIONS = "You need to choose options for your item."
ITEM_FIELDS = {"item_id", "sku", "qty", "name", "price", "product_type", "quote_id", "product_option",
               "extension_attributes"}  # fmt: skip


def money(value: float) -> Any:
    value = round(value, 4)
    return int(value) if float(value).is_integer() else value


def final_price(product: Product) -> float:
    return product.special_price if product.special_price is not None else product.price


def check_fields(raw: JsonDict) -> None:
    for key in raw:
        snake_key = "".join("_" + c.lower() if c.isupper() else c for c in key).lstrip("_")
        if snake_key not in ITEM_FIELDS:
            upper = "".join(part.capitalize() for part in snake_key.split("_"))
            raise errors.bad_request(
                '"%fieldName" is not supported. Correct the field name and try again.', {"fieldName": upper}
            )


def chosen_child(world: World, parent: Product, item: JsonDict) -> tuple[Product, list[JsonDict]]:
    options = (((item.get("product_option") or {}).get("extension_attributes") or {})
               .get("configurable_item_options") or [])  # fmt: skip
    wanted = {str(o.get("option_id")): int(o.get("option_value", 0)) for o in options}
    if not wanted:
        raise errors.bad_request(CHOOSE_OPTIONS)
    for child in world.catalog.children(parent):
        axes = {str(attrs.BY_CODE[c].attribute_id): child.option(c) for c in parent.axes}
        if axes == wanted:
            echoed = [{"option_id": k, "option_value": v} for k, v in wanted.items()]
            return child, echoed
    raise errors.bad_request(CHOOSE_OPTIONS)


def _check_available(world: World, product: Product, parent: Product | None, qty: float) -> None:
    enabled = product.status == ENABLED and (parent is None or parent.status == ENABLED)
    if not enabled or not inventory.is_salable(world, product):
        raise errors.bad_request(NOT_AVAILABLE)
    if qty > inventory.salable_qty(world, product):
        raise errors.bad_request("The requested qty is not available")


def add_item(world: World, cart: JsonDict, item: JsonDict) -> JsonDict:
    product = world.catalog.get(str(item.get("sku", "")))
    if product is None:
        raise errors.product_not_found()
    qty = float(item.get("qty") or 1)
    parent, options = None, None
    if product.type_id == CONFIGURABLE:
        parent = product
        product, options = chosen_child(world, product, item)
    existing: JsonDict | None = next((line for line in cart["items"] if line["sku"] == product.sku), None)
    _check_available(world, product, parent, qty + (float(existing["qty"]) if existing else 0.0))
    if existing is not None:
        existing["qty"] = money(float(existing["qty"]) + qty)
        return existing
    line = _line(world, cart, product, parent, qty, options)
    cart["items"].append(line)
    return line


def set_qty(world: World, cart: JsonDict, item_id: int, qty: float) -> JsonDict:
    """``PUT /V1/carts/{id}/items/{itemId}``: the same availability checks as adding."""
    line: JsonDict | None = next((item for item in cart["items"] if item["item_id"] == item_id), None)
    product = world.catalog.get(str(line["sku"])) if line else None
    if line is None or product is None:
        raise errors.no_such_entity("itemId", item_id)  # unsure: the real message
    parent = world.catalog.parent(product) if line["product_type"] == CONFIGURABLE else None
    _check_available(world, product, parent, qty)
    line["qty"] = money(qty)
    return line


def _line(world: World, cart: JsonDict, product: Product, parent: Product | None, qty: float,
          options: list[JsonDict] | None) -> JsonDict:  # fmt: skip
    item_id = world.next_id("quote_item")
    if parent is not None:
        world.next_id("quote_item")  # the hidden child quote item takes the next id, as on a real store
    line: JsonDict = {
        "item_id": item_id, "sku": product.sku, "qty": money(qty),
        "name": parent.name if parent else product.name, "price": money(final_price(product)),
        "product_type": CONFIGURABLE if parent else product.type_id, "quote_id": str(cart["id"]),
    }  # fmt: skip
    if options is not None:
        line["product_option"] = {"extension_attributes": {"configurable_item_options": options}}
    return line


def items_qty(cart: JsonDict) -> float:
    return float(sum(float(line["qty"]) for line in cart["items"]))


def flat_rate(cart: JsonDict) -> JsonDict:
    amount = money(FLAT_RATE_PER_ITEM * items_qty(cart))
    return {
        "carrier_code": "flatrate", "method_code": "flatrate", "carrier_title": "Flat Rate",
        "method_title": "Fixed", "amount": amount, "base_amount": amount, "available": True,
        "error_message": "", "price_excl_tax": amount, "price_incl_tax": amount,
    }  # fmt: skip


def shipping_amount(cart: JsonDict) -> float:
    return FLAT_RATE_PER_ITEM * items_qty(cart) if cart.get("_shipping_method") else 0.0


def _total_item(line: JsonDict) -> JsonDict:
    price, qty = float(line["price"]), float(line["qty"])
    row = money(price * qty)
    return {
        "item_id": line["item_id"], "price": money(price), "base_price": money(price), "qty": line["qty"],
        "row_total": row, "base_row_total": row, "row_total_with_discount": 0, "tax_amount": 0,
        "base_tax_amount": 0, "tax_percent": 0, "discount_amount": 0, "base_discount_amount": 0,
        "discount_percent": 0, "price_incl_tax": money(price), "base_price_incl_tax": money(price),
        "row_total_incl_tax": row, "base_row_total_incl_tax": row, "options": _chosen_labels(line),
        "weee_tax_applied_amount": None, "weee_tax_applied": None, "name": line["name"],
    }  # fmt: skip


def _chosen_labels(line: JsonDict) -> str:
    """A totals line's ``options``: a JSON-encoded string, ``[{"value":"Red","label":"Color"}]`` for a
    configurable (recorded on 2.4.7-p7, customer_cart.shipping_information), ``[]`` otherwise."""
    chosen = ((line.get("product_option") or {}).get("extension_attributes") or {}).get(
        "configurable_item_options"
    ) or []
    labels = []
    for option in chosen:
        attribute = attrs.BY_ID[int(option["option_id"])]
        labels.append(
            {"value": attribute.option_label(int(option["option_value"])), "label": attribute.label}
        )
    return jsonenc.encode(labels)


def totals(cart: JsonDict) -> JsonDict:
    subtotal = sum(float(line["price"]) * float(line["qty"]) for line in cart["items"])
    ship = shipping_amount(cart)
    grand = money(subtotal + ship)
    sub, shipping = money(subtotal), money(ship)
    return {
        "grand_total": grand, "base_grand_total": grand, "subtotal": sub, "base_subtotal": sub,
        "discount_amount": 0, "base_discount_amount": 0, "subtotal_with_discount": sub,
        "base_subtotal_with_discount": sub, "shipping_amount": shipping, "base_shipping_amount": shipping,
        "shipping_discount_amount": 0, "base_shipping_discount_amount": 0, "tax_amount": 0,
        "base_tax_amount": 0, "weee_tax_applied_amount": None, "shipping_tax_amount": 0,
        "base_shipping_tax_amount": 0, "subtotal_incl_tax": sub, "shipping_incl_tax": shipping,
        "base_shipping_incl_tax": shipping, "base_currency_code": "USD", "quote_currency_code": "USD",
        "items_qty": money(items_qty(cart)), "items": [_total_item(line) for line in cart["items"]],
        "total_segments": _segments(sub, shipping, grand),
    }  # fmt: skip


def _segments(sub: Any, shipping: Any, grand: Any) -> list[JsonDict]:
    return [
        {"code": "subtotal", "title": "Subtotal", "value": sub},
        {"code": "shipping", "title": "Shipping & Handling (Flat Rate - Fixed)", "value": shipping},
        {"code": "tax", "title": "Tax", "value": 0, "extension_attributes": {"tax_grandtotal_details": []}},
        {"code": "grand_total", "title": "Grand Total", "value": grand, "area": "footer"},
    ]
