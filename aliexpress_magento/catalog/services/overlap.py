"""Store reads on threads while the refresh writes: the product pages read ahead of the writer, and the
salable quantities read beside both.

A refresh spends most of its time waiting: on Magento for the next page or the next stock answer, or on
its own database writes. Each wait here runs on a thread of its own, so Magento answers while the rows of
the last answer are written. Only the caller's thread touches the database (Django connections are per
thread); a thread touches only its own Store (no Store is shared between threads: a Magento 1 session or
an HTTP pool is not made for it). Queues are bounded, so memory stays flat whatever the catalog's size:
a reader that runs ahead waits for the writer.

A failure on a thread is raised in the caller's thread at its next exchange with the reader, as the
exception the Store raised, after the answers that came before it; closing a reader that the caller
leaves early (an exception, a failed write) stops its thread after at most the Store call in progress.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Generic, Self, TypeVar

from aliexpress_magento.stores.base import Store
from aliexpress_magento.stores.model import SalableStock

T = TypeVar("T")
# How long a thread blocked on a full queue waits before it looks whether the caller gave up (seconds).
POLL = 0.05


class _Thread:
    """A daemon thread with a stop flag: its ``put`` gives up once the caller closed it."""

    def __init__(self, name: str) -> None:
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, name=name, daemon=True)

    def run(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def put(self, into: queue.Queue[T], item: T) -> bool:
        """Put ``item``, waiting for room; False (dropped) once the caller closed the reader."""
        while not self.stopped.is_set():
            try:
                into.put(item, timeout=POLL)
                return True
            except queue.Full:
                continue
        return False

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join()


class ReadAhead(_Thread, Generic[T]):
    """The items of ``source`` read on a thread, at most ``depth`` of them waiting for the caller.

    Iterate it once (in the caller's thread); use it as a context manager, so that leaving the block
    early stops the thread (and closes ``source``, a Store's generator) before the Store is closed."""

    def __init__(self, source: Iterable[T], depth: int) -> None:
        super().__init__("catalog-read-ahead")
        self._source = source
        self._items: queue.Queue[tuple[bool, T | None, BaseException | None]] = queue.Queue(depth)
        self.thread.start()

    def run(self) -> None:
        iterator = iter(self._source)
        try:
            for item in iterator:
                if not self.put(self._items, (False, item, None)):
                    return  # the caller gave up
            self.put(self._items, (True, None, None))
        except BaseException as exc:  # handed to the caller, who raises it
            self.put(self._items, (True, None, exc))
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    def __iter__(self) -> Iterator[T]:
        while True:
            end, item, failure = self._items.get()
            if failure is not None:
                raise failure
            if end:
                return
            yield item  # type: ignore[misc]  # not None unless ``end``

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


Answer = tuple[list[str], dict[str, SalableStock]]  # the SKUs asked and what the Store said of them


class StockReader(_Thread):
    """Salable quantities read on a thread with its own ``store``: ``submit`` SKUs (they go out in calls
    of ``chunk``), take the answers that are in with ``answers`` (all of them with ``wait``). At most
    ``depth`` calls wait for the thread; ``submit`` then waits too."""

    def __init__(self, store: Store, chunk: int, depth: int) -> None:
        super().__init__("catalog-stock-reader")
        self._store = store
        self._chunk = chunk
        self._pending: list[str] = []  # SKUs not yet handed over (less than a chunk)
        self._asked: queue.Queue[list[str] | None] = queue.Queue(depth)
        # Unbounded, yet small: the caller takes the answers after every page it writes.
        self._answers: queue.Queue[Answer | BaseException] = queue.Queue()
        self._out = 0  # calls handed over whose answers the caller has not taken
        self.thread.start()

    def run(self) -> None:
        failed = False
        while (skus := self._asked.get()) is not None:
            if failed or self.stopped.is_set():
                continue  # after a failure the remaining calls are dropped, not sent
            try:
                self._answers.put((skus, self._store.salable_quantities(skus)))
            except BaseException as exc:  # handed to the caller, who raises it
                self._answers.put(exc)
                failed = True

    def submit(self, skus: Iterable[str]) -> None:
        self._pending.extend(skus)
        while len(self._pending) >= self._chunk:
            self._hand(self._pending[: self._chunk])
            del self._pending[: self._chunk]

    def answers(self, *, wait: bool = False) -> Iterator[Answer]:
        """The answers that are in, in the order asked; with ``wait``, the SKUs still pending are asked
        and every answer is waited for. A Store failure is raised here, after the answers before it."""
        if wait and self._pending:
            self._hand(self._pending)
            self._pending = []
        while self._out:
            try:
                answer = self._answers.get(block=wait)
            except queue.Empty:
                return
            self._out -= 1
            if isinstance(answer, BaseException):
                raise answer
            yield answer

    def _hand(self, skus: list[str]) -> None:
        self._asked.put(skus)  # the thread takes calls until it is stopped: this wait ends
        self._out += 1

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is not None:
            self.stopped.set()  # the calls still queued are dropped
        self._asked.put(None)
        self.thread.join()
