"""AliExpress calls made on a thread of their own while the run's thread creates Magento orders.

An order run waits on two remotes in turn: AliExpress (held to the account's call budget, 50 calls a
second) and Magento (a dozen calls an order). Made one after the other, the two waits add up; here the
AliExpress reads go out on one thread, in the order they were submitted, while the caller's thread
writes the claim rows and imports the orders already read.

Only the caller's thread touches the database (Django connections are per thread, and on SQLite two
writers lock each other out); the thread makes the calls it is given and nothing else. The caller bounds
the work: it submits one page's reads at a time, so what waits here is at most a page.

A call that raises is handed back in its turn, after the answers before it, and the calls queued behind
it are dropped, not sent. Leaving the ``with`` block stops the thread after at most the call in progress.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

Tag = TypeVar("Tag")
Answer = tuple[Any, Any, BaseException | None]  # (tag, result, failure)


class CallsAhead(Generic[Tag]):
    def __init__(self, name: str = "aliexpress-calls") -> None:
        self._calls: queue.Queue[tuple[Tag, Callable[[], Any]] | None] = queue.Queue()
        self._answers: queue.Queue[Answer] = queue.Queue()
        self._stopped = threading.Event()
        self._out = 0  # submitted calls whose answers the caller has not taken
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        failed = False
        while (call := self._calls.get()) is not None:
            tag, make = call
            if failed or self._stopped.is_set():
                continue  # dropped: the caller raises the failure, or has left
            try:
                self._answers.put((tag, make(), None))
            except BaseException as exc:  # handed to the caller, who raises it
                self._answers.put((tag, None, exc))
                failed = True

    def submit(self, tag: Tag, make: Callable[[], Any]) -> None:
        """Queue ``make()``; its answer comes back from :meth:`answers` with ``tag``."""
        self._calls.put((tag, make))
        self._out += 1

    @property
    def pending(self) -> int:
        return self._out

    def answers(self, *, block: bool) -> Iterator[tuple[Tag, Any]]:
        """The answers that are in, in the order submitted; with ``block``, waits for the first one
        (when any call is out). A failed call's exception is raised here, in its turn."""
        while self._out:
            try:
                tag, result, failure = self._answers.get(block=block)
            except queue.Empty:
                return
            block = False
            self._out -= 1
            if failure is not None:
                raise failure
            yield tag, result

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stopped.set()  # the calls still queued are dropped
        self._calls.put(None)
        self._thread.join()
