"""The order run's AliExpress thread: calls made in the order submitted, a failure raised in its turn
and the calls behind it dropped, the thread stopped when the caller leaves."""

from __future__ import annotations

import threading
from functools import partial

import pytest

from aliexpress_magento.orders.services.calls_ahead import CallsAhead


def test_answers_come_in_the_order_submitted_on_another_thread() -> None:
    threads: list[str] = []

    def call(n: int) -> int:
        threads.append(threading.current_thread().name)
        return n * n

    with CallsAhead[int]() as calls:
        for n in range(5):
            calls.submit(n, partial(call, n))
        taken: list[tuple[int, int]] = []
        while calls.pending:
            taken.extend(calls.answers(block=True))

    assert taken == [(0, 0), (1, 1), (2, 4), (3, 9), (4, 16)]
    assert set(threads) == {"aliexpress-calls-0"}


def test_a_failure_is_raised_after_the_answers_before_it_and_the_calls_behind_it_are_not_made() -> None:
    made: list[int] = []
    gate = threading.Event()

    def call(n: int) -> int:
        if n == 0:
            gate.wait(5)  # every call is queued before the first one ends
        made.append(n)
        if n == 1:
            raise LookupError("gone")
        return n

    with CallsAhead[int]() as calls:
        for n in range(4):
            calls.submit(n, partial(call, n))
        gate.set()
        taken: list[int] = []
        with pytest.raises(LookupError, match="gone"):
            while calls.pending:
                taken.extend(tag for tag, _ in calls.answers(block=True))

    assert taken == [0]
    assert made == [0, 1]


def test_leaving_early_stops_the_thread_without_making_the_queued_calls() -> None:
    made: list[int] = []
    started = threading.Event()

    with pytest.raises(RuntimeError), CallsAhead[int]() as calls:

        def call(n: int) -> None:
            started.set()
            calls._stopped.wait(5)  # the first call is in progress when the caller leaves
            made.append(n)

        for n in range(3):
            calls.submit(n, partial(call, n))
        started.wait(5)
        raise RuntimeError("the caller failed")

    assert made == [0]


def test_with_two_threads_a_call_answered_first_still_comes_in_its_turn() -> None:
    second_done = threading.Event()

    def first() -> str:
        assert second_done.wait(5)  # the second call (on the other thread) ends before this one
        return "first"

    def second() -> str:
        second_done.set()
        return "second"

    with CallsAhead[int](workers=2) as calls:
        calls.submit(0, first)
        calls.submit(1, second)
        taken: list[tuple[int, str]] = []
        while calls.pending:
            taken.extend(calls.answers(block=True))

    assert taken == [(0, "first"), (1, "second")]


def test_with_two_threads_a_failure_comes_after_the_slower_call_before_it() -> None:
    failed = threading.Event()

    def slow() -> str:
        assert failed.wait(5)  # the call behind it fails first, on the other thread
        return "slow"

    def failing() -> str:
        failed.set()
        raise LookupError("gone")

    with CallsAhead[int](workers=2) as calls:
        calls.submit(0, slow)
        calls.submit(1, failing)
        taken: list[int] = []
        with pytest.raises(LookupError, match="gone"):
            while calls.pending:
                taken.extend(tag for tag, _ in calls.answers(block=True))

    assert taken == [0]
