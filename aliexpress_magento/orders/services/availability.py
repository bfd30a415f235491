"""Whether Magento can fill an order's lines, asked before the order is created: an unknown SKU, a
disabled product or one out of stock fails the order with a reason the merchant can act on, unless the
account's *Create Orders for Disabled / Out of Stock Products* allows it.

One :class:`Availability` serves one run. What Magento answered for a SKU (the product, its salable
quantity) is used again for :data:`FRESH_SECONDS`, less what the run's own orders took of it since: a
run of many orders on the same products asks Magento once a while, not twice an order (a quarter of the
Magento calls of an import). Within that time a sale made elsewhere is not seen; the quote method's
placement then still refuses a line Magento cannot fill (the order fails with Magento's words and is
retried), as it would have if that sale had come a moment after a fresh read. Subtracting the run's own
orders keeps the check at least as strict as a fresh read on a store that reserves stock at placement;
a direct order reserves nothing in Magento, and the check still counts it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.orders.mappers import UnusableOrder
from aliexpress_magento.stores.base import Store
from aliexpress_magento.stores.model import OrderToCreate, SalableStock, StoreProduct

FRESH_SECONDS = 30.0


@dataclass
class _Known:
    product: StoreProduct | None  # None: Magento has no such SKU
    stock: SalableStock | None  # None: not asked, or not answered
    read_at: float
    taken: Decimal = Decimal(0)  # ordered by this run's orders since the read


class Availability:
    def __init__(self, account: Account, store: Store, clock: Callable[[], float] = time.monotonic) -> None:
        self._account, self._store, self._clock = account, store, clock
        self._known: dict[str, _Known] = {}  # by SKU, lower case (Magento's SKUs are case-insensitive)

    def check(self, order: OrderToCreate, unknown_hint: str = "") -> None:
        """Raise :class:`UnusableOrder` naming every SKU at fault (``unknown_hint`` follows an unknown
        one's reason: where else the SKU was looked for)."""
        wanted = _wanted(order)
        known = self._read(list(wanted))
        products = {sku: known[sku.lower()].product for sku in wanted}
        unknown = [sku for sku, product in products.items() if product is None]
        if unknown:
            raise UnusableOrder(f"Unknown SKU in Magento: {', '.join(unknown)}.{unknown_hint}")
        disabled = [sku for sku, product in products.items() if product is not None and not product.enabled]
        if disabled and not self._account.create_orders_disabled:
            raise UnusableOrder(f"Disabled in Magento: {', '.join(disabled)}.")
        if self._account.create_orders_out_of_stock:
            return
        short = [_shortage(sku, qty, known[sku.lower()]) for sku, qty in wanted.items()]
        missing = [text for text in short if text]
        if missing:
            raise UnusableOrder(f"Out of stock in Magento: {', '.join(missing)}.")

    def took(self, order: OrderToCreate) -> None:
        """``order`` was created in Magento: its lines count against what was read."""
        for sku, qty in _wanted(order).items():
            entry = self._known.get(sku.lower())
            if entry is not None:
                entry.taken += qty

    def forget(self, order: OrderToCreate) -> None:
        """Magento refused ``order``: its SKUs are read again next time."""
        for sku in _wanted(order):
            self._known.pop(sku.lower(), None)

    def _read(self, skus: list[str]) -> dict[str, _Known]:
        now = self._clock()
        stale = [s for s in skus if self._stale(s.lower(), now)]
        if stale:
            products = {p.sku.lower(): p for p in self._store.products_by_sku(stale)}
            stock: dict[str, SalableStock] = {}
            if not self._account.create_orders_out_of_stock:
                stock = {s.lower(): v for s, v in self._store.salable_quantities(stale).items()}
            for sku in stale:
                key = sku.lower()
                self._known[key] = _Known(products.get(key), stock.get(key), now)
        return self._known

    def _stale(self, key: str, now: float) -> bool:
        entry = self._known.get(key)
        return entry is None or now - entry.read_at >= FRESH_SECONDS


def _wanted(order: OrderToCreate) -> Counter[str]:
    wanted = Counter[str]()
    for line in order.lines:
        wanted[line.sku] += line.qty
    return wanted


def _shortage(sku: str, qty: int, known: _Known) -> str:
    stock = known.stock
    if stock is None or not stock.is_salable:
        return f"{sku} (not salable, {qty} ordered)"
    left = stock.qty - known.taken
    if stock.limited and left < qty:
        return f"{sku} ({left:g} salable, {qty} ordered)"
    return ""
