"""The refresh's progress on CatalogState, for the Refresh catalog panel: its phases as they happen (one
update per page or SKU chunk), its outcome, its failure."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.catalog import selectors
from aliexpress_magento.catalog.models import CatalogProduct, CatalogState
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.stores.model import SalableStock, StoreProduct

from .conftest import Shop

Seen = tuple[str, int, int | None]


class _Watching:
    """The shop's Store, noting the refresh's progress (phase, done, total) each time the refresh asks it
    for the next product or for a chunk of stock; optionally failing after ``fail_after`` products."""

    def __init__(self, store: Any, seen: list[Seen], fail_after: int | None = None) -> None:
        self.store, self.seen, self.fail_after = store, seen, fail_after

    def _note(self) -> None:
        state = CatalogState.objects.get()
        self.seen.append((state.refresh_phase, state.refresh_done, state.refresh_total))

    def products_changed_since(self, since: datetime, *, page_size: int = 100) -> Iterator[StoreProduct]:
        for n, product in enumerate(self.store.products_changed_since(since, page_size=page_size)):
            if n == self.fail_after:
                raise ConnectionError("the shop went away")
            self._note()
            yield product

    def salable_quantities(self, skus: Sequence[str]) -> dict[str, SalableStock]:
        self._note()
        return dict(self.store.salable_quantities(skus))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def __enter__(self) -> _Watching:
        self.store.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.__exit__(*exc)


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[Seen]:
    noted: list[Seen] = []
    real = api_clients.store
    monkeypatch.setattr(api_clients, "store", lambda account, **kw: _Watching(real(account, **kw), noted))
    monkeypatch.setattr(refresh, "PAGE_SIZE", 10)
    monkeypatch.setattr(refresh, "STOCK_CHUNK", 10)
    return noted


def test_the_progress_moves_page_by_page_then_chunk_by_chunk(shop: Shop, seen: list[Seen]) -> None:
    counts = refresh.refresh(shop.account, full=False)
    # The 30 products come in 3 pages of 10: the count (products and the children read inside their
    # configurable) moves once a page has been written, not in between.
    assert {phase for phase, _, _ in seen[:30]} == {"products"}
    done = [d for _, d, _ in seen[:30]]
    assert done[:10] == [0] * 10 and done[10:20] == [done[10]] * 10 and done[20:] == [done[20]] * 10
    assert 10 <= done[10] < done[20] < counts.read
    # Then the 30 live SKUs in chunks of 10.
    assert seen[30:] == [("stock", 0, 30), ("stock", 10, 30), ("stock", 20, 30)]
    state = CatalogState.objects.get()
    assert (state.refresh_phase, state.refresh_done, state.refresh_total) == ("", 30, 30)
    assert state.refresh_started_at is not None and state.refresh_finished_at is not None
    assert state.refresh_started_at <= state.refresh_finished_at
    assert state.refresh_message.startswith(f"Done: read {counts.read}, created 30, changed ")
    assert selectors.refresh_status(shop.account).text == state.refresh_message


def test_progress_costs_one_update_per_page_and_per_chunk(shop: Shop, seen: list[Seen]) -> None:
    refresh.refresh(shop.account, full=True)
    with CaptureQueriesContext(connection) as queries:
        refresh.refresh(shop.account, full=False)
    progress = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("UPDATE") and "catalog_catalogstate" in q["sql"] and "refresh_" in q["sql"]
    ]
    # start, 3 pages, the stock phase and its 3 chunks, the end
    assert len(progress) == 1 + 3 + 1 + 3 + 1


def test_a_failed_refresh_ends_idle_with_its_error(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    real = api_clients.store
    monkeypatch.setattr(api_clients, "store", lambda account, **kw: _Watching(real(account, **kw), [], 5))
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
