"""A rate-limit ban that reaches a job re-queues it with the ban's countdown (Celery's retry), instead
of failing it or sleeping in the worker; a ban that outlasts the bounded retries fails the run."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone

from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.celery import app as celery_app
from aliexpress_magento.clients.aliexpress import RateLimitedError
from aliexpress_magento.clients.aliexpress.errors import ErrorFields
from aliexpress_magento.jobs.bans import BAN_RETRIES
from aliexpress_magento.jobs.runner import JobContext, job

pytestmark = pytest.mark.django_db

BAN = ErrorFields(
    code="ApiCallLimit", message="The request has exceeded the limit, this ban will last 120 seconds"
)
NOTE = (
    "AliExpress rate limit (ApiCallLimit / The request has exceeded the limit, this ban will last 120 "
    "seconds): re-queued to run in 120 s (retry {n} of 5)."
)
attempts: list[int] = []


@job("tests.jobs.banned")
def banned(run: JobContext, *, bans: int) -> None:
    attempts.append(len(attempts) + 1)
    if len(attempts) <= bans:
        raise RateLimitedError(BAN, ban_seconds=120.0)
    run.note("done")


@pytest.fixture
def countdowns(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The countdown of every retry the job asked Celery for. Eager errors do not propagate here, so that
    eager mode applies a retry at once, as a worker would after the countdown."""
    attempts.clear()
    asked: list[int] = []
    original = banned.retry

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(kwargs["countdown"])
        return original(*args, **kwargs)

    monkeypatch.setattr(banned, "retry", spy)
    celery_app.conf.task_eager_propagates = False
    try:
        yield asked
    finally:
        celery_app.conf.task_eager_propagates = True  # as tests/conftest.py sets it


def test_a_ban_re_queues_the_run_with_the_bans_countdown(countdowns) -> None:
    before = timezone.now()
    banned.apply(kwargs={"bans": 1})
    assert (attempts, countdowns) == ([1, 2], [120])
    run = JobRun.objects.get(job_code="tests.jobs.banned")  # one row for the run and its retry
    assert run.status == JobStatus.SUCCESS
    assert run.messages == NOTE.format(n=1) + "\ndone"
    assert run.scheduled_at >= before + timedelta(seconds=120)  # the grid shows when it was due again


def test_a_ban_that_outlasts_the_retries_fails_the_run(countdowns) -> None:
    banned.apply(kwargs={"bans": 99})
    assert len(attempts) == BAN_RETRIES + 1 and countdowns == [120] * BAN_RETRIES
    run = JobRun.objects.get(job_code="tests.jobs.banned")
    assert run.status == JobStatus.ERROR
    assert run.messages.splitlines() == [
        *(NOTE.format(n=n) for n in range(1, BAN_RETRIES + 1)),
        "RateLimitedError: ApiCallLimit / The request has exceeded the limit, this ban will last 120 seconds",
    ]
