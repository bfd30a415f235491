"""``cataloginventory_stock_item.list`` and the stock moves of orders: legacy CatalogInventory, one stock.

Magento 1 decrements ``qty`` when an order is placed (``sales_model_service_quote_submit_before``) and
gives it back when the order is canceled; an item reaching 0 becomes out of stock. A configurable has
no quantity of its own. An item whose stock is not managed, or which takes backorders, follows
``stock_options.py`` (never out of stock by quantity; not managed: ``qty`` never moves).
"""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, Product
from aliexpress_magento.sandbox.magento1 import stock_options
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.values import decimal4
from aliexpress_magento.sandbox.magento1.world import World

RESOURCE = "cataloginventory_stock_item"


def level(world: World, product: Product) -> tuple[float, bool]:
    """``qty`` and ``getIsInStock()``: always in stock when the stock is not managed."""
    if product.type_id == CONFIGURABLE:
        return 0.0, True
    qty, in_stock = world.stock.get(product.sku, [0.0, 0.0])
    return float(qty), bool(in_stock) or not stock_options.of(world, product.sku).manage_stock


def salable(world: World, product: Product) -> float:
    qty, in_stock = level(world, product)
    return qty if in_stock else 0.0


def takes(world: World, product: Product, qty: float) -> bool:
    """``checkQty``: whether Magento lets ``qty`` units through (any, when it does not count them)."""
    left, in_stock = level(world, product)
    return in_stock and (qty <= left or not stock_options.of(world, product.sku).counts)


def move(world: World, sku: str, delta: float) -> None:
    options = stock_options.of(world, sku)
    if not options.manage_stock:
        return  # canSubtractQty() is false: nothing moves
    qty, in_stock = world.stock.get(sku, [0.0, 0.0])
    if options.backorders != stock_options.BACKORDERS_NO:
        world.stock[sku] = [qty + delta, in_stock]  # verifyStock() keeps it as it is, below 0 too
        return
    # An order taking the last unit puts the item out of stock; a cancel giving units back restores it.
    world.stock[sku] = [qty + delta, 1.0 if qty + delta > 0 else 0.0]


def items(ctx: Call, product_ids: object) -> list[dict[str, Any]]:
    """Ids or SKUs (``is_numeric`` decides); unknown ones are left out, not faulted."""
    wanted = product_ids if isinstance(product_ids, list) else [product_ids]
    catalog = ctx.world.catalog
    found: list[dict[str, Any]] = []
    for identifier in wanted:
        text = str(identifier)
        product = catalog.by_id.get(int(text)) if text.isdigit() else catalog.get(text)
        if product is None:
            continue
        qty, in_stock = level(ctx.world, product)
        found.append(
            {
                "product_id": str(product.id),
                "sku": product.sku,
                "qty": decimal4(qty),
                "is_in_stock": _flag(ctx.world, product, in_stock),
            }
        )
    return found


def _flag(world: World, product: Product, in_stock: bool) -> str | bool:
    """The stored flag as a string; ``getIsInStock()``'s PHP ``true`` when the stock is not managed."""
    if product.type_id != CONFIGURABLE and not stock_options.of(world, product.sku).manage_stock:
        return True
    return "1" if in_stock else "0"


METHODS = {f"{RESOURCE}.list": Method(RESOURCE, items)}
