"""Whether Magento can fill an order's lines, asked before the order is created: an unknown SKU, a
disabled product or one out of stock fails the order with a reason the merchant can act on, unless the
account's *Create Orders for Disabled / Out of Stock Products* allows it."""

from __future__ import annotations

from collections import Counter

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.orders.mappers import UnusableOrder
from aliexpress_magento.stores.base import Store
from aliexpress_magento.stores.model import OrderToCreate, SalableStock


def check(account: Account, store: Store, order: OrderToCreate, unknown_hint: str = "") -> None:
    """Raise :class:`UnusableOrder` naming every SKU at fault (``unknown_hint`` follows an unknown one's
    reason: where else the SKU was looked for)."""
    wanted = Counter[str]()
    for line in order.lines:
        wanted[line.sku] += line.qty
    found = {p.sku.lower(): p for p in store.products_by_sku(list(wanted))}
    unknown = [sku for sku in wanted if sku.lower() not in found]
    if unknown:
        raise UnusableOrder(f"Unknown SKU in Magento: {', '.join(unknown)}.{unknown_hint}")
    disabled = [sku for sku in wanted if not found[sku.lower()].enabled]
    if disabled and not account.create_orders_disabled:
        raise UnusableOrder(f"Disabled in Magento: {', '.join(disabled)}.")
    if account.create_orders_out_of_stock:
        return
    stock = {s.lower(): v for s, v in store.salable_quantities(list(wanted)).items()}
    short = [_shortage(sku, qty, stock.get(sku.lower())) for sku, qty in wanted.items()]
    missing = [text for text in short if text]
    if missing:
        raise UnusableOrder(f"Out of stock in Magento: {', '.join(missing)}.")


def _shortage(sku: str, qty: int, stock: SalableStock | None) -> str:
    if stock is None or not stock.is_salable:
        return f"{sku} (not salable, {qty} ordered)"
    if stock.limited and stock.qty < qty:
        return f"{sku} ({stock.qty:g} salable, {qty} ordered)"
    return ""
