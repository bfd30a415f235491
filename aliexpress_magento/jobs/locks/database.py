"""The database kind: a ``JobLock`` row unique on (account, name); the insert is atomic on SQLite and
PostgreSQL alike, so no backend-specific code is needed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from ..models import JobLock
from .errors import STALE_AFTER, LockBusy, LockLost


@dataclass(frozen=True)
class AccountLock:
    account_id: int
    name: str
    owner: str

    def _rows(self) -> QuerySet[JobLock]:
        return JobLock.objects.filter(account_id=self.account_id, name=self.name, owner=self.owner)

    def beat(self) -> None:
        """Say this run is alive; raises LockLost if another run took the lock over meanwhile."""
        if not self._rows().update(heartbeat_at=timezone.now()):
            raise LockLost(f"the lock {self.name!r} of account {self.account_id} was taken over")

    def release(self) -> None:
        self._rows().delete()


def acquire(account_id: int, name: str, *, stale_after: int = STALE_AFTER) -> AccountLock:
    lock = AccountLock(account_id, name, uuid.uuid4().hex)
    for _ in range(2):  # a second pass when the holder released between our insert and our read
        if _insert(lock) or _take_over(lock, stale_after):
            return lock
        held = JobLock.objects.filter(account_id=account_id, name=name).first()
        if held is not None:
            raise LockBusy(name, held.acquired_at)
    raise LockBusy(name, timezone.now())


def _insert(lock: AccountLock) -> bool:
    now = timezone.now()
    try:
        with transaction.atomic():  # a savepoint: a failed insert must not spoil the caller's transaction
            JobLock.objects.create(
                account_id=lock.account_id,
                name=lock.name,
                owner=lock.owner,
                acquired_at=now,
                heartbeat_at=now,
            )
    except IntegrityError:
        return False
    return True


def _take_over(lock: AccountLock, stale_after: int) -> bool:
    """One conditional update: of two runs finding the same stale row, only one moves it."""
    now = timezone.now()
    stale = JobLock.objects.filter(
        account_id=lock.account_id, name=lock.name, heartbeat_at__lt=now - timedelta(seconds=stale_after)
    )
    return bool(stale.update(owner=lock.owner, acquired_at=now, heartbeat_at=now))


def holds(account_id: int, name: str, *, stale_after: int = STALE_AFTER) -> bool:
    fresh = timezone.now() - timedelta(seconds=stale_after)
    return JobLock.objects.filter(account_id=account_id, name=name, heartbeat_at__gte=fresh).exists()
