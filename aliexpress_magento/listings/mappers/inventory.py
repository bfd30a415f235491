"""The stock AliExpress shows for a SKU, from Magento's salable quantity and the account's settings.

Order of the rules (M2E's and CedCommerce's newer connectors): whole units only (a fractional salable
quantity is rounded down: half a shirt cannot be sold), minus the buffer (kept back for other channels),
0 at or below the threshold (the quantity after the buffer: what buyers would see), capped at the
maximum, never below 0, never above AliExpress's 999,999.

Unlimited stock (not managed, or backorders allowed: ``SalableStock.limited`` False) has no quantity
to start from: it is sent as the maximum, or as :data:`UNLIMITED_DEFAULT` when no maximum is set — a
round figure that keeps selling without promising a warehouse the merchant does not have.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR

from aliexpress_magento.listings.mappers.inputs import ListingSettings, SalableStock

ALIEXPRESS_MAX = 999_999
UNLIMITED_DEFAULT = 100


def aliexpress_inventory(stock: SalableStock, settings: ListingSettings) -> int:
    cap = min(settings.stock_max, ALIEXPRESS_MAX) if settings.stock_max is not None else ALIEXPRESS_MAX
    if not stock.limited:
        return cap if settings.stock_max is not None else min(UNLIMITED_DEFAULT, cap)
    if not stock.is_salable:
        return 0
    whole = int(stock.qty.to_integral_value(rounding=ROUND_FLOOR))
    left = whole - settings.stock_buffer
    if left <= settings.stock_threshold:
        return 0
    return max(0, min(left, cap))
