"""A stock item's "Manage Stock" and "Backorders" options, as Magento 1's CatalogInventory applies them.

Read from ``Mage_CatalogInventory_Model_Stock_Item`` (OpenMage LTS), not recorded:

* **Manage Stock off**: ``getIsInStock()`` answers ``true`` whatever is stored, so
  ``cataloginventory_stock_item.list`` answers ``is_in_stock`` as the PHP boolean (XML-RPC
  ``<boolean>1</boolean>``, not the string ``"1"`` of a stored flag); ``checkQty`` lets any quantity
  through; ``canSubtractQty`` is false, so an order (or a cancel) never moves ``qty``.
* **Backorders on** (1 "Allow Qty Below 0", 2 "… and Notify Customer"): ``verifyStock`` keeps the item in
  stock at any ``qty``, ``checkQty`` lets any quantity through, and an order subtracts below zero (a
  negative ``qty`` in the stock list). The stored "Stock Availability" still counts: an item set out of
  stock by hand is refused ("This product is currently out of stock.").

Neither option is in the stock list's answer (``Stock/Item/Api.php::items`` returns ``product_id``, ``sku``,
``qty``, ``is_in_stock`` only), nor in ``catalog_product.info`` (stock data is not an attribute). Items
with no options kept here are managed, without backorders (the store defaults).
"""

from __future__ import annotations

from dataclasses import dataclass

from aliexpress_magento.sandbox.magento1.world import World

BACKORDERS_NO = 0


@dataclass(frozen=True)
class StockOptions:
    manage_stock: bool = True
    backorders: int = BACKORDERS_NO

    @property
    def counts(self) -> bool:
        """Whether Magento refuses a quantity above ``qty`` (managed, no backorders)."""
        return self.manage_stock and self.backorders == BACKORDERS_NO


def of(world: World, sku: str) -> StockOptions:
    kept = world.stock_options.get(sku, {})
    return StockOptions(bool(kept.get("manage_stock", True)), int(kept.get("backorders", BACKORDERS_NO)))


def set_options(
    world: World, sku: str, *, manage_stock: bool = True, backorders: int = BACKORDERS_NO
) -> None:
    if manage_stock and backorders == BACKORDERS_NO:
        world.stock_options.pop(sku, None)
    else:
        world.stock_options[sku] = {"manage_stock": manage_stock, "backorders": backorders}
