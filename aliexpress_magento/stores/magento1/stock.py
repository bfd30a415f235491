"""Salable stock on Magento 1: what the store would sell, from what API v1 shows of it.

``cataloginventory_stock_item.list`` answers ``qty`` and ``is_in_stock`` only (OpenMage's
``Stock/Item/Api.php::items``); neither "Manage Stock" nor "Backorders" is readable through API v1
(``catalog_product.info`` carries no stock data, the connector module reads none). Its ``is_in_stock`` is
``Stock_Item::getIsInStock()``, which is what tells them apart from a plain item:

* stock not managed: ``getIsInStock()`` is true whatever is stored, ``checkQty`` lets any quantity
  through and orders never move ``qty``;
* backorders allowed: ``verifyStock`` keeps the item in stock at any quantity and orders take ``qty``
  below zero;
* managed without backorders: ``verifyStock`` puts the item out of stock when ``qty`` reaches the
  out-of-stock threshold, so "in stock with no quantity" cannot happen.

So (the README's "Salable quantity" table):

* disabled in the store view's website (``status`` 2): not salable, qty 0 (the cart refuses it);
* out of stock: not salable, qty 0;
* in stock with ``qty`` > 0: salable, that qty (``limited``: an item taking backorders, or not managed,
  with a positive qty looks the same, and is reported by its qty: the safe side);
* in stock with ``qty`` <= 0: salable, ``limited=False`` (not managed, or backorders), qty as counted (0,
  or negative: units already backordered);
* a configurable: salable when enabled, in stock and one of its enabled children is; qty the sum of its
  salable children's positive quantities, ``limited`` unless a salable child is not. Its children come from
  the connector module; without it (or without the grant), not salable, qty 0: the catalog reports such a
  configurable unavailable (``NEEDS_MODULE``) anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from aliexpress_magento.clients.magento1 import Magento1Client, condition, where
from aliexpress_magento.clients.magento1.inventory import StockItem

from ..convert import quantity
from ..model import SalableStock
from .catalog import CONFIGURABLE, Catalog

IN_CHUNK = 100  # SKUs per "in" filter or stock call
ENABLED = 1


class Stock:
    def __init__(self, client: Magento1Client, store_view_code: str, catalog: Catalog) -> None:
        self._client = client
        self._store_view = store_view_code
        self._catalog = catalog

    def salable(self, skus: Sequence[str]) -> dict[str, SalableStock]:
        """Unknown SKUs are left out. Three calls per 100 SKUs (stock, enabled rows, children) and two
        more when configurables are among them (their children's stock and status)."""
        found: dict[str, SalableStock] = {}
        for start in range(0, len(skus), IN_CHUNK):
            found.update(self._chunk(list(skus[start : start + IN_CHUNK])))
        return found

    def unit_for(self, sku: str) -> str | None:
        """The SKU a cart can take one unit of for ``sku``: itself when it is a salable simple, a salable
        configurable's first salable child; None when Magento would sell neither."""
        stock = self.salable([sku]).get(sku)
        if stock is None or not stock.is_salable:
            return None
        family = self._catalog.families([sku]).get(sku)  # None for a simple (children() leaves it out)
        if family is None:
            return sku
        kids = self._simples([c.sku for c in family.children])
        return next((c.sku for c in family.children if c.sku in kids and kids[c.sku].is_salable), None)

    def _chunk(self, skus: list[str]) -> dict[str, SalableStock]:
        items = {i.sku: i for i in self._client.inventory.items(skus)}
        enabled = self._enabled(list(items))
        parents = [sku for sku, kind in enabled.items() if kind == CONFIGURABLE]
        families = self._catalog.families(parents)
        kids = {sku: [c.sku for c in f.children] if f else [] for sku, f in families.items()}
        kid_stock = self._simples([k for family in kids.values() for k in family])
        return {
            sku: _parent(item, kids[sku], kid_stock) if sku in kids else _simple(item, sku in enabled)
            for sku, item in items.items()
        }

    def _simples(self, skus: list[str]) -> dict[str, SalableStock]:
        if not skus:
            return {}
        items = self._client.inventory.items(skus)
        enabled = self._enabled([i.sku for i in items])
        return {i.sku: _simple(i, i.sku in enabled) for i in items}

    def _enabled(self, skus: list[str]) -> dict[str, str]:
        """SKU → type of the products among ``skus`` enabled in the store view (status is website-scoped)."""
        if not skus:
            return {}
        filters = where(sku=condition(skus, "in"), status=ENABLED)
        return {r.sku: r.type for r in self._client.products.search(filters, self._store_view)}


def _simple(item: StockItem, enabled: bool) -> SalableStock:
    if not (enabled and item.is_in_stock):
        return SalableStock(item.sku, Decimal(0), False)
    return SalableStock(item.sku, quantity(item.qty), True, limited=item.qty > 0)


def _parent(item: StockItem, kids: list[str], stock: Mapping[str, SalableStock]) -> SalableStock:
    salable = [stock[k] for k in kids if k in stock and stock[k].is_salable]
    if not (item.is_in_stock and salable):
        return SalableStock(item.sku, Decimal(0), False)
    qty = sum((max(s.qty, Decimal(0)) for s in salable), Decimal(0))
    return SalableStock(item.sku, qty, True, limited=all(s.limited for s in salable))
