"""The stock sent to AliExpress: buffer, threshold, maximum, never below 0; unlimited stock."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aliexpress_magento.listings.mappers.inventory import (
    ALIEXPRESS_MAX,
    UNLIMITED_DEFAULT,
    aliexpress_inventory,
)
from aliexpress_magento.stores.model import SalableStock
from tests.unit.listings.shirts import settings


def _stock(qty: str, salable: bool = True, limited: bool = True) -> SalableStock:
    return SalableStock("SKU-1", Decimal(qty), salable, limited)


@pytest.mark.parametrize(
    ("qty", "buffer", "threshold", "maximum", "expected"),
    [
        ("12", 0, 0, None, 12),
        ("12", 2, 0, None, 10),
        ("12", 2, 10, None, 0),  # 10 left: at the threshold → 0
        ("12", 2, 9, None, 10),  # just above it
        ("12", 0, 0, 5, 5),  # capped
        ("1", 3, 0, None, 0),  # never below 0
        ("-4", 0, 0, None, 0),  # oversold
        ("7.9", 0, 0, None, 7),  # whole units only
        ("2000000", 0, 0, None, ALIEXPRESS_MAX),
        ("2000000", 0, 0, 2_000_000, ALIEXPRESS_MAX),
    ],
)
def test_limited_stock(qty: str, buffer: int, threshold: int, maximum: int | None, expected: int) -> None:
    chosen = settings(stock_buffer=buffer, stock_threshold=threshold, stock_max=maximum)
    assert aliexpress_inventory(_stock(qty), chosen) == expected


def test_not_salable_is_zero_whatever_the_quantity() -> None:
    assert aliexpress_inventory(_stock("12", salable=False), settings()) == 0


def test_unlimited_stock_is_the_maximum_or_the_default_cap() -> None:
    unlimited = _stock("-3", salable=True, limited=False)
    assert aliexpress_inventory(unlimited, settings(stock_max=40)) == 40
    assert aliexpress_inventory(unlimited, settings(stock_max=None)) == UNLIMITED_DEFAULT == 100
    assert aliexpress_inventory(unlimited, settings(stock_max=None, stock_buffer=5)) == 100
