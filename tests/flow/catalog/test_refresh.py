"""The catalog mirror's refresh on both Magento sandboxes: what it mirrors, what an incremental read
changes, the stock pass, safe removal after a complete full read only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.activity.models import ActivityLog, Level
from aliexpress_magento.catalog.models import CatalogProduct, CatalogState
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.sandbox.catalog.model import DISABLED
from aliexpress_magento.stores.model import StoreProduct
from tests.stores.store_contract import order_for

from .conftest import Shop


def _rows() -> dict[str, CatalogProduct]:
    return {row.sku: row for row in CatalogProduct.objects.all()}


def _product_writes(queries: list[dict[str, Any]]) -> list[str]:
    """Statements writing product rows; one executed for many rows is logged as ``N times: INSERT …``."""
    return [
        q["sql"]
        for q in queries
        if re.match(r"(\d+ times: )?(INSERT|UPDATE)", q["sql"]) and "catalog_catalogproduct" in q["sql"]
    ]


class _Wrapper:
    """A Store that hides one SKU from the product read and, optionally, fails after ``fail_after``
    products (a read cut halfway)."""

    def __init__(self, store: Any, hide: str = "", fail_after: int | None = None) -> None:
        self.store, self.hide, self.fail_after = store, hide, fail_after

    def products_changed_since(self, since: datetime, *, page_size: int = 100) -> Iterator[StoreProduct]:
        for n, product in enumerate(self.store.products_changed_since(since, page_size=page_size)):
            if self.fail_after is not None and n == self.fail_after:
                raise ConnectionError("the shop went away")
            if product.sku != self.hide:
                yield product

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def __enter__(self) -> _Wrapper:
        self.store.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.__exit__(*exc)


def _wrap(monkeypatch: pytest.MonkeyPatch, **options: Any) -> None:
    real = api_clients.store
    monkeypatch.setattr(api_clients, "store", lambda account, **kw: _Wrapper(real(account, **kw), **options))


@pytest.mark.parametrize("catalog_size", [None])  # the full demo catalog
def test_the_demo_catalog_is_mirrored_with_configurable_children_linked(shop: Shop) -> None:
    counts = refresh.refresh(shop.account, full=True)
    catalog = shop.sandbox.world.catalog
    children = {(p.id, p.parent_id) for p in catalog.products if p.parent_id}
    assert (len(catalog.products), len(children)) == (301, 201)
    # (a child read on its own before its configurable is written again once linked: ``changed``)
    assert (counts.created, counts.removed) == (301, 0)
    assert CatalogProduct.objects.count() == 301
    linked = CatalogProduct.objects.filter(parent__isnull=False)
    assert {(c.entity_id, c.parent.entity_id) for c in linked.select_related("parent")} == children
    assert all(c.axis_values for c in linked)
    configurable = next(p for p in catalog.products if p.type_id == "configurable")
    assert CatalogProduct.objects.get(entity_id=configurable.id).axes == list(configurable.axes)


def test_an_incremental_refresh_writes_exactly_the_changed_price(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    before = _rows()
    sku = shop.sellable_simple().sku
    shop.sandbox.update_product(sku, price=123.45)
    counts = refresh.refresh(shop.account)
    after = _rows()
    assert (counts.created, counts.changed, counts.removed) == (0, 1, 0)
    assert after[sku].price == Decimal("123.45")
    assert [s for s in after if after[s].mirrored_at != before[s].mirrored_at] == [sku]


def test_a_disabled_product_is_mirrored_disabled(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    sku = shop.sellable_simple().sku
    assert _rows()[sku].enabled is True
    shop.sandbox.update_product(sku, status=DISABLED)
    refresh.refresh(shop.account)
    assert _rows()[sku].enabled is False


def test_a_stock_change_by_an_order_is_picked_up_by_the_stock_pass(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    product = shop.sellable_simple()
    before = Decimal(str(shop.sandbox.salable_qty(product.sku)))
    assert _rows()[product.sku].salable_qty == before
    with api_clients.store(shop.account) as store:
        store.create_order(order_for(product.sku, Decimal("9.99"), "8100000000000777", qty=2))
    counts = refresh.refresh(shop.account)
    assert (counts.changed, counts.stock_updated) == (0, 1)
    assert _rows()[product.sku].salable_qty == before - 2


def test_a_no_change_refresh_writes_no_product_row(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    for full in (False, True):
        with CaptureQueriesContext(connection) as queries:
            counts = refresh.refresh(shop.account, full=full)
        assert (counts.created, counts.changed, counts.removed, counts.stock_updated) == (0, 0, 0, 0)
        assert counts.unchanged > 0
        assert _product_writes(queries.captured_queries) == []


def test_a_vanished_product_is_removed_by_a_full_refresh_only(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh.refresh(shop.account, full=True)
    sku = shop.sellable_simple().sku
    shop.sandbox.update_product(sku, name="Touched")  # so that the incremental read would meet it
    _wrap(monkeypatch, hide=sku)
    assert refresh.refresh(shop.account).removed == 0
    assert _rows()[sku].removed_at is None
    counts = refresh.refresh(shop.account, full=True)
    assert counts.removed == 1
    rows = _rows()
    assert rows[sku].removed_at is not None
    assert [s for s in rows if rows[s].removed_at is not None] == [sku]
    assert CatalogProduct.objects.count() == 30  # the row is kept


def test_a_full_read_that_fails_halfway_removes_nothing(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    refresh.refresh(shop.account, full=True)
    sku = shop.sellable_simple().sku
    monkeypatch.setattr(refresh, "PAGE_SIZE", 5)
    _wrap(monkeypatch, hide=sku, fail_after=20)
    with pytest.raises(ConnectionError):
        refresh.refresh(shop.account, full=True)
    assert CatalogProduct.objects.filter(removed_at__isnull=False).count() == 0
    failed = ActivityLog.objects.filter(log_type="catalog", level=Level.ERROR).get()
    assert failed.comment == (
        "Full catalog refresh failed: the shop went away. Rows already written are kept; nothing was removed."
    )


def test_the_watermark_moves_to_the_newest_committed_product(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    newest = max(p.updated_at for p in CatalogProduct.objects.all())
    assert CatalogState.objects.get(account=shop.account).watermark == newest
