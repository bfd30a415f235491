"""The refresh reads the stock beside the product read, on a thread with a second Store: the rows are
those a plain sequential stock read gives, and a Store failure on that thread fails the refresh cleanly."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.activity.models import ActivityLog, Level
from aliexpress_magento.catalog.models import CatalogProduct, CatalogState
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.stores.model import SalableStock

from .conftest import Shop


class _Counting:
    """A Store that notes every SKU asked for stock and fails on salable-quantity call ``fail_on``."""

    asked: Counter[str] = Counter()
    calls = 0

    def __init__(self, store: Any, fail_on: int | None) -> None:
        self.store, self.fail_on = store, fail_on

    def salable_quantities(self, skus: Sequence[str]) -> dict[str, SalableStock]:
        _Counting.calls += 1
        if _Counting.calls == self.fail_on:
            raise ConnectionError("the stock read went away")
        _Counting.asked.update(skus)
        return dict(self.store.salable_quantities(skus))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def __enter__(self) -> _Counting:
        self.store.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.__exit__(*exc)


def _count(monkeypatch: pytest.MonkeyPatch, fail_on: int | None = None) -> None:
    _Counting.asked, _Counting.calls = Counter(), 0
    real = api_clients.store
    monkeypatch.setattr(api_clients, "store", lambda account, **kw: _Counting(real(account, **kw), fail_on))


def _stock(rows: Any) -> dict[str, tuple[Any, ...]]:
    return {r.sku: (r.salable_qty, r.is_salable, r.limited) for r in rows}


@pytest.mark.parametrize("catalog_size", [None])  # the full demo catalog: 301 products, 5 stock calls
def test_the_stock_read_beside_the_product_read_gives_the_sequential_reads_rows(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(refresh, "PAGE_SIZE", 20)  # many pages, so stock calls go out between them
    monkeypatch.setattr(refresh, "STOCK_CHUNK", 70)
    _count(monkeypatch)
    counts = refresh.refresh(shop.account, full=True)
    live = list(CatalogProduct.objects.filter(removed_at__isnull=True))
    assert len(live) == counts.created == 301
    # every live SKU asked once (a child met alone and in its configurable's page too)
    assert _Counting.asked == Counter({r.sku: 1 for r in live})
    with api_clients.store(shop.account) as store:
        sequential = store.salable_quantities([r.sku for r in live])
    assert _stock(live) == {s: (v.qty, v.is_salable, v.limited) for s, v in sequential.items()}
    assert counts.stock_updated == 301  # every new row's stock was written once
    with api_clients.store(shop.account) as store:
        assert refresh.refresh_stock(shop.account, store) == 0  # a sequential pass finds nothing to change


def test_a_failing_stock_read_fails_the_refresh_removes_nothing_and_keeps_the_committed_watermark(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh.refresh(shop.account, full=True)
    assert CatalogProduct.objects.count() == 30
    before = CatalogState.objects.get(account=shop.account)
    sku = shop.sellable_simple().sku
    shop.sandbox.update_product(sku, name="Touched after the first refresh")  # the newest product now
    monkeypatch.setattr(refresh, "PAGE_SIZE", 5)
    monkeypatch.setattr(refresh, "STOCK_CHUNK", 5)
    _count(monkeypatch, fail_on=2)  # the second stock call, while products are still being read
    with pytest.raises(ConnectionError, match="the stock read went away"):
        refresh.refresh(shop.account, full=True)
    assert CatalogProduct.objects.filter(removed_at__isnull=False).count() == 0
    state = CatalogState.objects.get(account=shop.account)
    # the page of the touched product (read last: the newest) was not reached, so neither was the end
    assert (state.watermark, state.full_read_at) == (before.watermark, before.full_read_at)
    assert CatalogProduct.objects.get(sku=sku).name != "Touched after the first refresh"
    failed = ActivityLog.objects.filter(log_type="catalog", level=Level.ERROR).get()
    assert failed.comment == (
        "Full catalog refresh failed: the stock read went away. Rows already written are kept; "
        "nothing was removed."
    )


def test_a_stock_read_of_a_selection_asks_for_those_products_and_their_children_only(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh.refresh(shop.account, full=True)
    configurable = CatalogProduct.objects.filter(type="configurable", children__isnull=False).first()
    simple = CatalogProduct.objects.filter(type="simple", parent__isnull=True).first()
    assert configurable is not None and simple is not None
    _count(monkeypatch)
    with api_clients.store(shop.account) as store:
        refresh.refresh_stock(shop.account, store, product_ids=[configurable.pk, simple.pk])
    expected = {simple.sku, configurable.sku, *configurable.children.values_list("sku", flat=True)}
    assert _Counting.asked == Counter({sku: 1 for sku in expected})
