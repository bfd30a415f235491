"""The refresh's progress on CatalogState, for the Refresh catalog panel: its phases as they happen (one
update per page or SKU chunk), its outcome, its failure."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.catalog import selectors
from aliexpress_magento.catalog.models import CatalogProduct, CatalogState
from aliexpress_magento.catalog.services import progress, refresh
from aliexpress_magento.stores.model import StoreProduct

from .conftest import Shop

Seen = tuple[str, int, int | None]


class _Failing:
    """The shop's Store, failing after ``fail_after`` products (it is read on a thread: no database here)."""

    def __init__(self, store: Any, fail_after: int) -> None:
        self.store, self.fail_after = store, fail_after

    def products_changed_since(self, since: datetime, *, page_size: int = 100) -> Iterator[StoreProduct]:
        for n, product in enumerate(self.store.products_changed_since(since, page_size=page_size)):
            if n == self.fail_after:
                raise ConnectionError("the shop went away")
            yield product

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def __enter__(self) -> _Failing:
        self.store.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.__exit__(*exc)


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[Seen]:
    """Each progress update as the panel would read it right after (phase, done, total). Every update is
    made by the refresh's own thread (the Store is read on others), so it is watched there."""
    noted: list[Seen] = []
    real = progress._update

    def watched(account: Any, **fields: Any) -> None:
        real(account, **fields)
        state = CatalogState.objects.get(account=account)
        noted.append((state.refresh_phase, state.refresh_done, state.refresh_total))

    monkeypatch.setattr(progress, "_update", watched)
    monkeypatch.setattr(refresh, "PAGE_SIZE", 10)
    monkeypatch.setattr(refresh, "STOCK_CHUNK", 10)
    monkeypatch.setattr(refresh, "LIVE_CHUNK", 10)
    return noted


def test_the_progress_moves_page_by_page(shop: Shop, seen: list[Seen]) -> None:
    counts = refresh.refresh(shop.account, full=False)
    # The 30 products come in 3 pages of 10: the count (products and the children read inside their
    # configurable) moves once a page has been written. Their stock is asked beside the pages, so the
    # stock phase starts with all 30 live SKUs asked; it walks the live rows (3 chunks of 10) for any
    # product the pages did not meet.
    assert seen[0] == ("products", 0, None)
    pages = seen[1:4]
    assert [phase for phase, _, _ in pages] == ["products"] * 3
    done = [d for _, d, _ in pages]
    assert 10 <= done[0] < done[1] < done[2] == counts.read
    assert seen[4:] == [("stock", 30, 30)] * 4 + [("", 30, 30)]
    state = CatalogState.objects.get()
    assert state.refresh_started_at is not None and state.refresh_finished_at is not None
    assert state.refresh_started_at <= state.refresh_finished_at
    assert state.refresh_message.startswith(f"Done: read {counts.read}, created 30, changed ")
    assert selectors.refresh_status(shop.account).text == state.refresh_message


def test_the_stock_phase_moves_chunk_by_chunk_when_no_product_changed(shop: Shop, seen: list[Seen]) -> None:
    refresh.refresh(shop.account, full=True)
    CatalogState.objects.update(watermark=datetime(2999, 1, 1, tzinfo=UTC))  # nothing newer to read
    seen.clear()
    refresh.refresh(shop.account, full=False)
    assert seen == [
        ("products", 0, None),
        ("stock", 0, 30),
        ("stock", 10, 30),
        ("stock", 20, 30),
        ("stock", 30, 30),
        ("", 30, 30),
    ]


def test_progress_costs_one_update_per_page_and_per_chunk(shop: Shop, seen: list[Seen]) -> None:
    refresh.refresh(shop.account, full=True)
    with CaptureQueriesContext(connection) as queries:
        refresh.refresh(shop.account, full=False)
    progress_updates = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("UPDATE") and "catalog_catalogstate" in q["sql"] and "refresh_" in q["sql"]
    ]
    # start, 3 pages, the stock phase and its 3 chunks of live rows, the end
    assert len(progress_updates) == 1 + 3 + 1 + 3 + 1


def test_a_failed_refresh_ends_idle_with_its_error(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    real = api_clients.store
    monkeypatch.setattr(api_clients, "store", lambda account, **kw: _Failing(real(account, **kw), 5))
    with pytest.raises(ConnectionError):
        refresh.refresh(shop.account, full=True)
    state = CatalogState.objects.get()
    assert state.refresh_phase == ""
    assert state.refresh_message == (
        "Full catalog refresh failed: the shop went away. Rows already written are kept; nothing was removed."
    )
    assert selectors.refresh_status(shop.account).text == state.refresh_message


def test_the_panel_text_of_each_phase(shop: Shop) -> None:
    CatalogState.objects.create(account=shop.account)
    status = selectors.refresh_status(shop.account)
    assert (status.text, status.busy) == ("Not refreshed yet.", False)
    CatalogState.objects.update(refresh_phase="stock", refresh_done=500, refresh_total=1200)
    # A phase left behind by a worker that died (no lock held): the panel says it stopped.
    assert selectors.refresh_status(shop.account).text == (
        "Interrupted (Checking stock: 500 of 1,200 SKUs): the refresh stopped before its end; see Cron Logs."
    )
    assert CatalogProduct.objects.count() == 0
