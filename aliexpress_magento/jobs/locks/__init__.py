"""Per-account single-writer locks for jobs, with heartbeat and stale takeover (DESIGN.md §7).

One API, ``account_lock(account_id, name, stale_after=900)``, over the kind ``settings.JOB_LOCKS``
names: ``database`` (the default: a row unique on (account, name), the same on SQLite and PostgreSQL,
nothing more to run) or ``redis`` (a key with a time-to-live, for sites that keep the database for data
only). A holder that dies (killed worker, lost machine) cannot release its lock, so a lock whose
heartbeat is older than ``stale_after`` seconds (M2E Pro's 900) is taken over by the next run. A long job
calls ``beat()`` between pages or items to show it is alive.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from django.conf import settings

from . import database, redis_kind
from .errors import STALE_AFTER, HeldLock, LockBusy, LockLost

__all__ = ["STALE_AFTER", "HeldLock", "LockBusy", "LockLost", "account_lock", "holds"]


def _kind() -> ModuleType:
    return redis_kind if settings.JOB_LOCKS == "redis" else database


@contextmanager
def account_lock(account_id: int, name: str, *, stale_after: int = STALE_AFTER) -> Iterator[HeldLock]:
    """Hold ``name`` for ``account_id`` while the block runs; LockBusy if a live run holds it."""
    lock: HeldLock = _kind().acquire(account_id, name, stale_after=stale_after)
    try:
        yield lock
    finally:
        lock.release()


def holds(account_id: int, name: str, *, stale_after: int = STALE_AFTER) -> bool:
    """Whether a live run holds the lock now (the scheduler does not queue a job still running)."""
    return bool(_kind().holds(account_id, name, stale_after=stale_after))
