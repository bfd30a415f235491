"""The special price's from/to days in the catalog mirror, on both Magento sandboxes: read from each
platform's answer, mirrored per product, and a changed day (set through the sandbox's control endpoint,
as a merchant's save would) is a change the next incremental refresh writes."""

from __future__ import annotations

from datetime import date

import httpx

from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.sandbox.catalog.model import Product

from .conftest import Shop


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text[:10])


def _windows() -> dict[str, tuple[date | None, date | None]]:
    rows = CatalogProduct.objects.values_list("sku", "special_price_from", "special_price_to")
    return {sku: (starts, ends) for sku, starts, ends in rows}


def _with_window(shop: Shop) -> Product:
    """The small demo catalog's product whose special price has both days (a configurable's child)."""
    [product] = [p for p in shop.sandbox.world.catalog.products if p.special_to_date is not None]
    return product


def _edit(shop: Shop, body: dict[str, object]) -> None:
    with httpx.Client(transport=httpx.WSGITransport(app=shop.sandbox), base_url="http://sandbox") as http:
        answer = http.post("/_sandbox/products", json=body)
    assert answer.status_code == 200, answer.text


def test_every_product_is_mirrored_with_its_special_price_days(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    products = shop.sandbox.world.catalog.products
    expected = {p.sku: (_day(p.special_from_date), _day(p.special_to_date)) for p in products}
    assert _windows() == expected
    # the small catalog has each case: both days, a from day only, a special price without days
    assert {
        (p.special_from_date is None, p.special_to_date is None) for p in products if p.special_price
    } == {
        (False, False),
        (False, True),
        (True, True),
    }
    assert _windows()[_with_window(shop).sku] == (date(2025, 11, 1), date(2025, 12, 31))


def test_a_changed_special_to_day_is_mirrored_by_an_incremental_refresh(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    before = _windows()
    sku = _with_window(shop).sku
    _edit(shop, {"sku": sku, "special_to_date": "2026-03-31"})
    counts = refresh.refresh(shop.account)
    assert (counts.created, counts.changed, counts.removed) == (0, 1, 0)
    assert _windows() == {**before, sku: (date(2025, 11, 1), date(2026, 3, 31))}


def test_a_cleared_special_to_day_is_mirrored_as_open(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    sku = _with_window(shop).sku
    _edit(shop, {"sku": sku, "special_to_date": None})
    counts = refresh.refresh(shop.account)
    assert counts.changed == 1
    assert _windows()[sku] == (date(2025, 11, 1), None)
