"""Per-account job locks, on each kind: one holder at a time, a heartbeat that keeps the lock, and a
takeover of a lock whose holder died (no heartbeat for ``stale_after`` seconds). The Redis kind runs
where the suite has a Redis (the PostgreSQL + Redis pass of .ci/run)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from django.conf import settings as project_settings
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.jobs.locks import LockBusy, LockLost, account_lock, holds, redis_kind
from aliexpress_magento.jobs.models import JobLock
from aliexpress_magento.jobs.runner import JobContext
from tests.support.accounts import make_account

pytestmark = pytest.mark.django_db

REDIS_URL = (
    str(project_settings.CELERY_BROKER_URL) if project_settings.CELERY_BROKER_URL.startswith("redis") else ""
)
KINDS = ["database", *(["redis"] if REDIS_URL else [])]
NAME = "orders.fetch"


class Planted:
    """A lock written as a worker that is now dead left it, in the kind under test."""

    def __init__(self, kind: str, account_id: int) -> None:
        self.kind, self.account_id = kind, account_id

    def plant(self, *, beat_seconds_ago: int, stale_after: int = 900) -> datetime:
        then = timezone.now() - timedelta(seconds=beat_seconds_ago)
        if self.kind == "database":
            JobLock.objects.create(
                account_id=self.account_id,
                name=NAME,
                owner="dead-worker",
                acquired_at=then,
                heartbeat_at=then,
            )
        else:  # a Redis lock lives stale_after seconds past its last heartbeat
            left_ms = (stale_after - beat_seconds_ago) * 1000
            key = redis_kind.key(self.account_id, NAME)
            redis_kind.client().set(key, f"dead-worker {then.isoformat()}", px=max(left_ms, 1))
            while left_ms <= 0 and redis_kind.client().exists(key):
                pass  # Redis expires it within the millisecond
        return then

    def owner(self) -> str | None:
        if self.kind == "database":
            row = JobLock.objects.filter(account_id=self.account_id, name=NAME).first()
            return row.owner if row else None
        value = redis_kind.client().get(redis_kind.key(self.account_id, NAME))
        return value.decode().split(" ")[0] if value else None

    def steal(self) -> None:
        """Another run takes the lock over while the holder stalls."""
        if self.kind == "database":
            JobLock.objects.update(owner="another-worker")
        else:
            redis_kind.client().set(redis_kind.key(self.account_id, NAME), "another-worker x", ex=900)

    def age_heartbeat(self, seconds: int) -> None:
        if self.kind == "database":
            JobLock.objects.update(heartbeat_at=timezone.now() - timedelta(seconds=seconds))
        else:
            redis_kind.client().expire(redis_kind.key(self.account_id, NAME), 900 - seconds)

    def fresh(self) -> bool:
        """Whether the heartbeat is recent (within 5 s)."""
        if self.kind == "database":
            return timezone.now() - JobLock.objects.get().heartbeat_at < timedelta(seconds=5)
        return redis_kind.client().ttl(redis_kind.key(self.account_id, NAME)) > 895


@pytest.fixture(params=KINDS)
def lock_kind(request: pytest.FixtureRequest, settings) -> Iterator[Planted]:  # type: ignore[no-untyped-def]
    settings.JOB_LOCKS, settings.JOB_LOCKS_REDIS_URL = request.param, REDIS_URL
    account_id = make_account("https://ae.sandbox.test", "https://shop.sandbox.test").pk
    yield Planted(request.param, account_id)
    if request.param == "redis":  # account ids repeat across rolled-back tests
        redis_kind.client().delete(*(redis_kind.key(account_id, n) for n in (NAME, "orders.sync_status")))


def test_a_second_holder_is_refused_with_the_time_the_first_took_it(lock_kind) -> None:
    account_id = lock_kind.account_id
    before = timezone.now().replace(microsecond=0)
    with account_lock(account_id, NAME):
        with pytest.raises(LockBusy) as busy, account_lock(account_id, NAME):
            raise AssertionError("two holders")
        assert before <= busy.value.since <= timezone.now()
        assert str(busy.value) == (
            f"another run holds the lock 'orders.fetch' since {busy.value.since:%Y-%m-%d %H:%M:%S} UTC"
        )
        with account_lock(account_id, "orders.sync_status"):  # another name is another lock
            assert holds(account_id, NAME) and holds(account_id, "orders.sync_status")
    assert not holds(account_id, NAME) and not holds(account_id, "orders.sync_status")  # released


def test_a_lock_held_by_a_dead_worker_is_taken_over_after_the_timeout(lock_kind) -> None:
    lock_kind.plant(beat_seconds_ago=901)
    assert not holds(lock_kind.account_id, NAME)
    with account_lock(lock_kind.account_id, NAME, stale_after=900):
        assert lock_kind.owner() not in (None, "dead-worker")
        assert lock_kind.fresh() and holds(lock_kind.account_id, NAME)
    assert lock_kind.owner() is None


def test_a_fresh_lock_is_not_taken_over(lock_kind) -> None:
    then = lock_kind.plant(beat_seconds_ago=600)
    with pytest.raises(LockBusy) as busy, account_lock(lock_kind.account_id, NAME, stale_after=900):
        raise AssertionError("took over a live lock")
    assert busy.value.since == then
    assert lock_kind.owner() == "dead-worker"  # left as it was


def test_a_heartbeat_keeps_the_lock_and_a_taken_over_holder_learns_it(lock_kind) -> None:
    with account_lock(lock_kind.account_id, NAME) as lock:
        lock_kind.age_heartbeat(800)
        lock.beat()
        assert lock_kind.fresh()
        lock_kind.steal()
        with pytest.raises(LockLost):
            lock.beat()
    assert lock_kind.owner() == "another-worker"  # the exit does not release another's lock


@account_job("tests.jobs.locked_writer", lock=True)
def locked_writer(run: JobContext, account: Account) -> None:
    assert holds(account.pk, "tests.jobs.locked_writer")
    JobLock.objects.update(heartbeat_at=timezone.now() - timedelta(seconds=800))
    run.beat()  # between two pages
    run.note(f"heartbeat {timezone.now() - JobLock.objects.get().heartbeat_at < timedelta(seconds=5)}")


def test_a_writer_job_runs_under_its_lock_and_a_second_run_skips() -> None:
    account = make_account("https://ae.sandbox.test", "https://shop.sandbox.test")
    locked_writer.apply(kwargs={"account_id": account.pk})
    first = JobRun.objects.get(job_code="tests.jobs.locked_writer")
    assert (first.status, first.messages) == (JobStatus.SUCCESS, "heartbeat True")
    assert not JobLock.objects.exists()  # released
    with account_lock(account.pk, "tests.jobs.locked_writer"):  # a run still going on another worker
        held = JobLock.objects.get()
        locked_writer.apply(kwargs={"account_id": account.pk})
    second = JobRun.objects.filter(job_code="tests.jobs.locked_writer").latest("id")
    assert (second.status, second.messages) == (
        JobStatus.SUCCESS,
        f"{account.name}: skipped: another run holds the lock 'tests.jobs.locked_writer' since "
        f"{held.acquired_at:%Y-%m-%d %H:%M:%S} UTC.",
    )
