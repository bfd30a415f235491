"""What every lock kind raises, and what a held lock offers."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

STALE_AFTER = 900  # seconds without a heartbeat before a lock counts as abandoned (M2E Pro's value)


class LockBusy(Exception):
    """Another live run holds the lock: the job skips this run (its next tick tries again)."""

    def __init__(self, name: str, since: datetime) -> None:
        self.name, self.since = name, since
        super().__init__(f"another run holds the lock {name!r} since {since:%Y-%m-%d %H:%M:%S} UTC")


class LockLost(Exception):
    """The lock was taken over (this run stopped beating for longer than ``stale_after``)."""


class HeldLock(Protocol):
    def beat(self) -> None:
        """Say this run is alive; raises LockLost if another run took the lock over meanwhile."""

    def release(self) -> None:
        """Give the lock up, unless another run took it over."""
