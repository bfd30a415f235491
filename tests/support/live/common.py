"""What the live backends of both platforms share: the store's clock, paced product edits, and the
suite's order ids made unique per run.

A real store keeps everything earlier runs did: the shared suite's fixed external ids (``AE-quote-1`` …)
would find the previous run's orders, and two product edits in one second share an ``updated_at``. A
sandbox starts fresh for each test and never meets either.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx

from aliexpress_magento.stores import (
    Address,
    AvailableMethods,
    CreatedOrder,
    OrderToCreate,
    PlacementJournal,
    SalableStock,
    Store,
    StoreAttribute,
    StoreCategory,
    StoreProduct,
    StoreShipment,
)
from aliexpress_magento.stores.model import OrderMethod, StoreView

DISCOVERY_LIMIT = 60  # candidates examined one call at a time before giving up (a test store is small)
MIN_STOCK = 20.0  # a run orders up to 10 units of the simple; keep room for a rerun
T = TypeVar("T")


def store_time(stamp: str) -> datetime:
    """Magento's ``YYYY-MM-DD HH:MM:SS`` (UTC in the database and in API v1/REST answers)."""
    return datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


def with_image_first(fits: Sequence[T], has_image: Callable[[T], bool], stocked: str) -> T:
    """The first fitting simple with an image; else the first without one (the one test about images then
    fails, telling what the store lacks, instead of every test)."""
    if not fits:
        raise AssertionError(
            f"no enabled, visible simple without special price and {MIN_STOCK:.0f}+ {stocked} among the "
            f"first {DISCOVERY_LIMIT}: create one or set LIVE_SIMPLE_SKU"
        )
    return next((fit for fit in fits if has_image(fit)), fits[0])


class DateRecorder(httpx.BaseTransport):
    """The HTTP transport of a backend's client, keeping the ``Date`` header of the last answer: the
    store's clock as its web server reads it, to the second. ``None`` until an answer carried one."""

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.last: datetime | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        header = response.headers.get("date")
        if header:
            self.last = parsedate_to_datetime(header).astimezone(UTC)
        return response

    def close(self) -> None:
        self.inner.close()


def clock_of(recorder: DateRecorder, ask: Callable[[], object]) -> datetime:
    """The store's time now: a cheap call, then its answer's ``Date``. Without one (a server that sends
    none), this machine's clock — unsure on a store whose clock differs."""
    ask()
    return recorder.last if recorder.last is not None else datetime.now(UTC).replace(microsecond=0)


class PacedTouch:
    """Saves a product until the ``updated_at`` read back is later than the product's own before the save
    and than every earlier touch of the run: the suite expects each touched product alone at its second."""

    def __init__(self, save: Callable[[str], None], stamp: Callable[[str], datetime], tries: int = 5) -> None:
        self.save, self.stamp, self.tries = save, stamp, tries
        self.last = datetime.min.replace(tzinfo=UTC)

    def __call__(self, sku: str) -> datetime:
        before = self.stamp(sku)
        for _ in range(self.tries):
            self.save(sku)
            after = self.stamp(sku)
            if after > max(before, self.last):
                self.last = after
                return after
            time.sleep(1.0)  # updated_at has whole seconds: the next save lands in a later one
        raise AssertionError(
            f"saving {sku} through the API left its updated_at at {after:%Y-%m-%d %H:%M:%S} "
            f"(before: {before:%Y-%m-%d %H:%M:%S}): the store does not stamp product saves"
        )


class ScopedJournal:
    """The test's journal, seen by the Store with the run's ids."""

    def __init__(self, inner: PlacementJournal, unscope: Callable[[str], str]) -> None:
        self.inner, self.unscope = inner, unscope

    def recall(self, external_id: str) -> str | None:
        return self.inner.recall(self.unscope(external_id))

    def remember(self, external_id: str, cart_ref: str) -> None:
        self.inner.remember(self.unscope(external_id), cart_ref)


class RunScopedStore:
    """The Store under test, with every external id (and direct order number) the suite passes suffixed
    by ``-<tag>`` and the suffix taken off what comes back; everything else is passed through untouched.

    A value the Store answers without the suffix is returned as it is, so a wrong answer still fails."""

    def __init__(self, store: Store, tag: str) -> None:
        self.store, self.suffix = store, f"-{tag}"

    def scoped(self, value: str) -> str:
        return value + self.suffix

    def unscoped(self, value: str) -> str:
        return value.removesuffix(self.suffix)

    def _back(self, order: CreatedOrder) -> CreatedOrder:
        return replace(
            order, external_id=self.unscoped(order.external_id), number=self.unscoped(order.number)
        )

    def find_order(self, external_id: str) -> CreatedOrder | None:
        found = self.store.find_order(self.scoped(external_id))
        return self._back(found) if found is not None else None

    def create_order(
        self, order: OrderToCreate, method: OrderMethod = "quote", *, journal: PlacementJournal | None = None
    ) -> CreatedOrder:
        increment = self.scoped(order.increment_id) if order.increment_id else order.increment_id
        scoped = replace(order, external_id=self.scoped(order.external_id), increment_id=increment)
        kept = ScopedJournal(journal, self.unscoped) if journal is not None else None
        return self._back(self.store.create_order(scoped, method, journal=kept))

    # --- passed through ------------------------------------------------------------------------------
    def products_changed_since(self, since: datetime, *, page_size: int = 100) -> Iterator[StoreProduct]:
        return self.store.products_changed_since(since, page_size=page_size)

    def products_by_sku(self, skus: Sequence[str]) -> list[StoreProduct]:
        return self.store.products_by_sku(skus)

    def salable_quantities(self, skus: Sequence[str]) -> dict[str, SalableStock]:
        return self.store.salable_quantities(skus)

    def attributes(self) -> list[StoreAttribute]:
        return self.store.attributes()

    def category_tree(self) -> StoreCategory:
        return self.store.category_tree()

    def available_methods(self, sku: str, address: Address) -> AvailableMethods:
        return self.store.available_methods(sku, address)

    def add_order_comment(self, order_id: int, comment: str) -> None:
        self.store.add_order_comment(order_id, comment)

    def cancel_order(self, order_id: int) -> bool:
        return self.store.cancel_order(order_id)

    def shipments_since(self, since: datetime) -> Iterator[StoreShipment]:
        return self.store.shipments_since(since)

    def store_views(self) -> list[StoreView]:
        return self.store.store_views()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> RunScopedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.close()

    def __getattr__(self, name: str) -> Any:
        """A Store method added after this class was written reaches the adapter untouched."""
        return getattr(self.store, name)


def run_tag(kind: str) -> str:
    """Short (external ids and increment ids are 32 characters at most), unique per run and target."""
    n, digits = int(time.time()), "0123456789abcdefghijklmnopqrstuvwxyz"
    tag = ""
    while n:
        n, r = divmod(n, 36)
        tag = digits[r] + tag
    return f"{kind[:1]}{tag}"
