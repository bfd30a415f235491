"""Per-account job locks: one holder at a time, a heartbeat that keeps the lock, and a takeover of a
lock whose holder died (no heartbeat for ``stale_after`` seconds)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from aliexpress_magento.jobs.locks import LockBusy, LockLost, account_lock, holds
from aliexpress_magento.jobs.models import JobLock
from tests.support.accounts import make_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def account_id() -> int:
    return make_account("https://ae.sandbox.test", "https://shop.sandbox.test").pk


def _dead_worker_lock(account_id: int, seconds_ago: int) -> JobLock:
    then = timezone.now() - timedelta(seconds=seconds_ago)
    return JobLock.objects.create(
        account_id=account_id, name="orders.fetch", owner="dead-worker", acquired_at=then, heartbeat_at=then
    )


def test_a_second_holder_is_refused_with_the_time_the_first_took_it(account_id) -> None:
    with account_lock(account_id, "orders.fetch"):
        held = JobLock.objects.get()
        with pytest.raises(LockBusy) as busy, account_lock(account_id, "orders.fetch"):
            raise AssertionError("two holders")
        assert str(busy.value) == (
            f"another run holds the lock 'orders.fetch' since {held.acquired_at:%Y-%m-%d %H:%M:%S} UTC"
        )
        with account_lock(account_id, "orders.sync_status"):  # another name is another lock
            assert JobLock.objects.count() == 2
    assert JobLock.objects.count() == 0  # released on exit


def test_a_lock_held_by_a_dead_worker_is_taken_over_after_the_timeout(account_id) -> None:
    _dead_worker_lock(account_id, seconds_ago=901)
    assert not holds(account_id, "orders.fetch")
    with account_lock(account_id, "orders.fetch", stale_after=900) as lock:
        row = JobLock.objects.get()
        assert row.owner == lock.owner != "dead-worker"
        assert timezone.now() - row.heartbeat_at < timedelta(seconds=5)
        assert holds(account_id, "orders.fetch")
    assert not JobLock.objects.exists()


def test_a_fresh_lock_is_not_taken_over(account_id) -> None:
    row = _dead_worker_lock(account_id, seconds_ago=600)
    with pytest.raises(LockBusy), account_lock(account_id, "orders.fetch", stale_after=900):
        raise AssertionError("took over a live lock")
    assert JobLock.objects.get().owner == row.owner == "dead-worker"  # left as it was


def test_a_heartbeat_keeps_the_lock_and_a_taken_over_holder_learns_it(account_id) -> None:
    with account_lock(account_id, "orders.fetch") as lock:
        JobLock.objects.update(heartbeat_at=timezone.now() - timedelta(seconds=800))
        lock.beat()
        assert timezone.now() - JobLock.objects.get().heartbeat_at < timedelta(seconds=5)
        JobLock.objects.update(owner="another-worker")  # taken over while this run stalled
        with pytest.raises(LockLost):
            lock.beat()
    assert JobLock.objects.get().owner == "another-worker"  # the exit does not release another's lock
