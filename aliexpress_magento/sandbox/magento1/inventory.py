"""``cataloginventory_stock_item.list`` and the stock moves of orders: legacy CatalogInventory, one stock.

Magento 1 decrements ``qty`` when an order is placed (``sales_model_service_quote_submit_before``) and
gives it back when the order is canceled; an item reaching 0 becomes out of stock. A configurable has
no quantity of its own.
"""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.magento1.context import Ctx, Method
from aliexpress_magento.sandbox.magento1.values import decimal4
from aliexpress_magento.sandbox.magento1.world import World
from aliexpress_magento.sandbox.magento2.catalog.model import CONFIGURABLE, Product

RESOURCE = "cataloginventory_stock_item"


def level(world: World, product: Product) -> tuple[float, bool]:
    if product.type_id == CONFIGURABLE:
        return 0.0, True
    qty, in_stock = world.stock.get(product.sku, [0.0, 0.0])
    return float(qty), bool(in_stock)


def salable(world: World, product: Product) -> float:
    qty, in_stock = level(world, product)
    return qty if in_stock else 0.0


def move(world: World, sku: str, delta: float) -> None:
    qty = world.stock.get(sku, [0.0, 0.0])[0]
    # An order taking the last unit puts the item out of stock; a cancel giving units back restores it.
    world.stock[sku] = [qty + delta, 1.0 if qty + delta > 0 else 0.0]


def items(ctx: Ctx, product_ids: object) -> list[dict[str, Any]]:
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
        flag = "1" if in_stock else "0"
        found.append(
            {"product_id": str(product.id), "sku": product.sku, "qty": decimal4(qty), "is_in_stock": flag}
        )
    return found


METHODS = {f"{RESOURCE}.list": Method(RESOURCE, items)}
