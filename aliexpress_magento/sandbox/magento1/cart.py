"""``cart.create`` and ``cart_product.add``: quotes held as JSON in the world.

A quote line keeps the SKU sold (a configurable's child), for a configurable its parent's SKU, and the
request as sent (Magento keeps it as the ``info_buyRequest`` of the order's items). A configurable is
added by the parent's id or SKU with ``super_attribute`` ``{attribute id: option id}`` naming one child;
a missing, partial or unknown choice is fault 1022 "Please specify the product's option(s)." (checked on
a lab OpenMage 20.18). The same child added by its own SKU is another, plain line (recorded:
``second-store/cart_product.list.child_sku_direct``; on the lab both kinds sit side by side in one quote).
A failing line fails the whole call (``add_product_fault`` is raised before the quote
is saved, so nothing of the call is kept). The messages of the failing lines come from Magento's own
code as far as known; "The product could not be found." for an unknown product is ours (no recording).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, ENABLED, Product
from aliexpress_magento.sandbox.magento1 import attributes as attrs
from aliexpress_magento.sandbox.magento1 import inventory
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.sandbox.magento1.products import row
from aliexpress_magento.sandbox.magento1.stores import store_id

JsonDict = dict[str, Any]
PRODUCT = "cart_product"


def create(ctx: Call, store: object = None) -> int:
    store_id(store, "cart")
    quote_id = ctx.world.next_id("quote")
    ctx.world.quotes[str(quote_id)] = {
        "quote_id": quote_id, "store_id": 1, "is_active": True, "created_at": ctx.stamp, "items": [],
        "customer": None, "billing": None, "shipping": None, "shipping_method": None, "payment_method": None,
    }  # fmt: skip
    return quote_id


def quote(ctx: Call, quote_id: object, store: object, resource: str) -> JsonDict:
    """``Mage_Checkout_Model_Api_Resource::_getQuote``; an ordered (inactive) quote is not found either."""
    store_id(store, resource)
    found = ctx.world.quotes.get(str(quote_id))
    if found is None or not found["is_active"]:
        raise fault("quote_not_exists", resource)
    return found


def add(ctx: Call, quote_id: object, products: object, store: object = None) -> bool:
    cart = quote(ctx, quote_id, store, PRODUCT)
    if not isinstance(products, list) or not products:
        raise fault("invalid_product_data", PRODUCT)
    lines: list[JsonDict] = []
    errors: list[str] = []
    for item in products:
        try:
            lines.append(_line(ctx, cart, item if isinstance(item, Mapping) else {}, lines))
        except ValueError as error:
            errors.append(str(error))
    if errors:
        raise fault("add_product_fault", PRODUCT, "\n".join(errors))
    for line in lines:
        _merge(cart, line)
    return True


def _line(ctx: Call, cart: JsonDict, item: Mapping[str, Any], pending: list[JsonDict]) -> JsonDict:
    product = _product(ctx, item)
    parent = product if product.type_id == CONFIGURABLE else None
    sold = _child(ctx, product, item.get("super_attribute")) if parent else product
    qty = float(item.get("qty") or 1)
    if product.status != ENABLED or sold.status != ENABLED:
        raise ValueError("Product that you are trying to add is not available.")
    in_cart = sum(line["qty"] for line in [*cart["items"], *pending] if line["sku"] == sold.sku)
    if not inventory.level(ctx.world, sold)[1]:
        raise ValueError("This product is currently out of stock.")
    if not inventory.takes(ctx.world, sold, in_cart + qty):
        raise ValueError(f'The requested quantity for "{sold.name}" is not available.')
    return {"sku": sold.sku, "parent_sku": parent.sku if parent else None, "qty": qty, "request": dict(item)}


def _product(ctx: Call, item: Mapping[str, Any]) -> Product:
    catalog = ctx.world.catalog
    if "product_id" in item:
        text = str(item["product_id"])
        found = catalog.by_id.get(int(text)) if text.isdigit() else None
    elif "sku" in item:
        found = catalog.get(str(item["sku"]))
    else:
        raise ValueError("One item of products do not have identifier or sku")
    if found is None:
        raise ValueError("The product could not be found.")
    return found


def _child(ctx: Call, parent: Product, chosen: object) -> Product:
    """The child whose axis options are the ``super_attribute`` values (keys are attribute ids)."""
    picked = {str(k): str(v) for k, v in chosen.items()} if isinstance(chosen, Mapping) else {}
    wanted = {code: picked.get(str(attrs.BY_CODE[code].attribute_id)) for code in parent.axes}
    if any(value is None for value in wanted.values()):
        raise ValueError("Please specify the product's option(s).")
    for child in ctx.world.catalog.children(parent):
        if all(str(child.option(code)) == value for code, value in wanted.items()):
            return child
    raise ValueError("Please specify the product's option(s).")


def unit_price(product: Product) -> float:
    return product.special_price if product.special_price is not None else product.price


def line_price(ctx: Call, line: Mapping[str, Any]) -> float:
    """A configurable sells at its own price, not its child's (checked on a lab OpenMage 20.18: a child
    priced 99 under a parent priced 20 was ordered at 20); option price adjustments are not modelled. The
    shared demo catalog gives its configurables no price (Magento 2 prices them from their children): a
    configurable without a price of its own sells at its child's (a sandbox choice)."""
    catalog = ctx.world.catalog
    parent = catalog.get(line["parent_sku"]) if line["parent_sku"] else None
    sold = parent if parent is not None and parent.price else catalog.get(line["sku"])
    return unit_price(sold) if sold is not None else 0.0


def subtotal(ctx: Call, cart: JsonDict) -> float:
    return round(sum(line_price(ctx, line) * float(line["qty"]) for line in cart["items"]), 4)


def _merge(cart: JsonDict, line: JsonDict) -> None:
    """The same product with the same choice adds to its line; a child by its own SKU and the same child
    through its parent are two lines."""
    for existing in cart["items"]:
        if (existing["sku"], existing["parent_sku"]) == (line["sku"], line["parent_sku"]):
            existing["qty"] += line["qty"]
            return
    cart["items"].append(line)


def items(ctx: Call, quote_id: object, store: object = None) -> list[JsonDict]:
    """``cart_product.list``: each quote item's product row (``catalog_product.list``'s shape), the hidden
    child items too, without qty or price (recorded: ``second-store/cart_product.list.after_adds``). A
    configurable's item carries the child's SKU under the parent's id and name; its child's row follows."""
    cart = quote(ctx, quote_id, store, PRODUCT)
    catalog = ctx.world.catalog
    found = []
    for line in cart["items"]:
        sold = catalog.get(line["sku"])
        parent = catalog.get(line["parent_sku"]) if line["parent_sku"] else None
        if sold is None:
            continue
        if parent is not None:
            found.append({**row(parent), "sku": sold.sku})
        found.append(row(sold))
    return found


METHODS = {
    "cart.create": Method("cart", create),
    "cart_product.add": Method(PRODUCT, add),
    "cart_product.list": Method(PRODUCT, items),
}
