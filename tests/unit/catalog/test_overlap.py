"""The refresh's reading threads (catalog.services.overlap): what comes out, in which order, and what a
failure or an early exit does to the thread and to the Store's generator."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from decimal import Decimal

import pytest

from aliexpress_magento.catalog.services.overlap import ReadAhead, StockReader
from aliexpress_magento.stores.model import SalableStock


def _numbers(upto: int, closed: list[str], fail_at: int | None = None) -> Iterator[int]:
    try:
        for n in range(upto):
            if n == fail_at:
                raise ConnectionError(f"failed at {n}")
            yield n
    finally:
        closed.append(threading.current_thread().name)


def test_read_ahead_yields_every_item_in_order_and_closes_the_source() -> None:
    closed: list[str] = []
    with ReadAhead(_numbers(50, closed), depth=2) as items:
        assert list(items) == list(range(50))
    assert closed == ["catalog-read-ahead"]  # closed by its own thread, once


def test_read_ahead_raises_the_sources_failure_after_the_items_before_it() -> None:
    closed: list[str] = []
    got: list[int] = []
    with pytest.raises(ConnectionError, match="failed at 7"), ReadAhead(_numbers(50, closed, 7), 2) as items:
        got.extend(items)
    assert got == list(range(7))
    assert closed == ["catalog-read-ahead"]


def test_leaving_a_read_ahead_early_stops_its_thread_and_closes_the_source() -> None:
    closed: list[str] = []
    reader = ReadAhead(_numbers(10_000, closed), depth=2)
    with reader as items:
        assert next(iter(items)) == 0
    assert not reader.thread.is_alive()
    assert closed == ["catalog-read-ahead"]


class _Stock:
    """The salable quantities a Store would answer (qty = the SKU's number), failing on call ``fail_on``."""

    def __init__(self, fail_on: int | None = None) -> None:
        self.calls: list[list[str]] = []
        self.fail_on = fail_on

    def salable_quantities(self, skus: Sequence[str]) -> dict[str, SalableStock]:
        self.calls.append(list(skus))
        if len(self.calls) == self.fail_on:
            raise ConnectionError("stock went away")
        return {s: SalableStock(s, Decimal(s.removeprefix("S")), True) for s in skus if s != "S13"}


def _skus(start: int, stop: int) -> list[str]:
    return [f"S{n}" for n in range(start, stop)]


def test_stock_reader_asks_in_chunks_and_answers_in_order() -> None:
    store = _Stock()
    with StockReader(store, chunk=4, depth=1) as reader:  # type: ignore[arg-type]
        reader.submit(_skus(0, 6))
        reader.submit(_skus(6, 11))
        answers = list(reader.answers(wait=True))
    assert store.calls == [_skus(0, 4), _skus(4, 8), _skus(8, 11)]  # the rest went out with wait
    assert [skus for skus, _ in answers] == store.calls
    assert answers[0][1]["S3"] == SalableStock("S3", Decimal(3), True)
    assert "S13" not in answers[-1][1]


def test_stock_reader_raises_the_stores_failure_after_the_answers_before_it_and_drops_the_rest() -> None:
    store = _Stock(fail_on=2)
    taken: list[list[str]] = []
    with pytest.raises(ConnectionError, match="stock went away"), StockReader(store, 2, 1) as reader:  # type: ignore[arg-type]
        reader.submit(_skus(0, 10))
        taken.extend(skus for skus, _ in reader.answers(wait=True))
    assert taken == [_skus(0, 2)]
    assert store.calls == [_skus(0, 2), _skus(2, 4)]  # nothing asked after the failure
