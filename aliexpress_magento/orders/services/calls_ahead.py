"""AliExpress calls made on threads of their own while the run's thread creates Magento orders.

An order run waits on two remotes in turn: AliExpress (held to the account's call budget, 50 calls a
second) and Magento (a dozen calls an order). Made one after the other, the two waits add up; here the
AliExpress reads go out on threads of their own, and come back in the order they were submitted, while
the caller's thread writes the claim rows and imports the orders already read.

Only the caller's thread touches the database (Django connections are per thread, and on SQLite two
writers lock each other out); the threads make the calls they are given and nothing else. The caller bounds
the work: it submits one page's reads at a time, so what waits here is at most a page. Each call must be
safe to make from any of the threads (the AliExpress client is: one HTTP pool, one token refresh at a
time).

A call that raises is handed back in its turn, after the answers before it, and the calls queued behind
it are dropped, not sent. Leaving the ``with`` block stops the threads after at most the calls in progress.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

Tag = TypeVar("Tag")
Answer = tuple[int, Any, Any, BaseException | None]  # (turn, tag, result, failure)


class CallsAhead(Generic[Tag]):
    """``workers`` threads take the calls in turn; the answers come back in the order submitted. Two
    keep a call budget full when one call's round trip is longer than the budget's spacing (at 50 calls
    a second, a call answered in 25 ms would leave a fifth of the budget unused on one thread)."""

    def __init__(self, name: str = "aliexpress-calls", workers: int = 1) -> None:
        self._calls: queue.Queue[tuple[int, Tag, Callable[[], Any]] | None] = queue.Queue()
        self._answers: queue.Queue[Answer] = queue.Queue()
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._failed_at: int | None = None  # the turn of the first call that raised
        self._submitted = 0
        self._taken = 0  # answers handed to the caller, in turn
        self._early: dict[int, Answer] = {}  # answers in before their turn
        self._threads = [
            threading.Thread(target=self._run, name=f"{name}-{n}", daemon=True) for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def _run(self) -> None:
        while (call := self._calls.get()) is not None:
            turn, tag, make = call
            if self._dropped(turn):
                continue
            try:
                self._answers.put((turn, tag, make(), None))
            except BaseException as exc:  # handed to the caller, who raises it
                with self._lock:
                    self._failed_at = turn if self._failed_at is None else min(self._failed_at, turn)
                self._answers.put((turn, tag, None, exc))

    def _dropped(self, turn: int) -> bool:
        """Once the caller left, every call; after a failure, the calls behind it (a call before it,
        still to be made by another thread, is made: the caller waits for its answer first)."""
        with self._lock:
            return self._stopped.is_set() or (self._failed_at is not None and turn > self._failed_at)

    def submit(self, tag: Tag, make: Callable[[], Any]) -> None:
        """Queue ``make()``; its answer comes back from :meth:`answers` with ``tag``."""
        self._calls.put((self._submitted, tag, make))
        self._submitted += 1

    @property
    def pending(self) -> int:
        return self._submitted - self._taken

    def answers(self, *, block: bool) -> Iterator[tuple[Tag, Any]]:
        """The answers that are in, in the order submitted; with ``block``, waits for the next one
        (when any call is out). A failed call's exception is raised here, in its turn."""
        while self._taken < self._submitted:
            answer = self._early.pop(self._taken, None)
            if answer is None:
                try:
                    got = self._answers.get(block=block)
                except queue.Empty:
                    return
                self._early[got[0]] = got
                continue
            block = False
            self._taken += 1
            _, tag, result, failure = answer
            if failure is not None:
                raise failure
            yield tag, result

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stopped.set()  # the calls still queued are dropped
        for _ in self._threads:
            self._calls.put(None)
        for thread in self._threads:
            thread.join()
