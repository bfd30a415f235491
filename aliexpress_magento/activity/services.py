"""The one helper every app calls to write the activity log, and the log upkeep."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.db.models.functions import Concat
from django.utils import timezone

from aliexpress_magento.activity.models import ActivityLog, JobRun, JobStatus, Level
from aliexpress_magento.activity.selectors import finished_runs

logger = logging.getLogger("aliexpress_magento.activity")

MAX_COMMENT_CHARS = 20_000
_PY_LEVELS = {
    Level.INFO: logging.INFO,
    Level.SUCCESS: logging.INFO,
    Level.WARNING: logging.WARNING,
    Level.ERROR: logging.ERROR,
}


def record(
    level: Level,
    log_type: str,
    comment: str,
    *,
    sub_type: str = "",
    related: models.Model | None = None,
    user: AbstractBaseUser | AnonymousUser | None = None,
    account_id: int | None = None,
) -> ActivityLog:
    """Write one Activity Logs row (and the same line to the process log)."""
    if len(comment) > MAX_COMMENT_CHARS:
        comment = comment[:MAX_COMMENT_CHARS] + " … (cut)"
    entry = ActivityLog(
        level=level, log_type=log_type, log_sub_type=sub_type, comment=comment, account_id=account_id
    )
    if related is not None:
        entry.related_type = ContentType.objects.get_for_model(related)
        entry.related_id = str(related.pk)
        entry.related_repr = str(related)[:200]
    if user is not None and user.is_authenticated:
        entry.user_id = user.pk
    entry.save()
    logger.log(_PY_LEVELS[level], "%s/%s: %s", log_type, sub_type, comment)
    return entry


def truncate_activity_logs(
    entries: QuerySet[ActivityLog] | None = None, *, user: AbstractBaseUser | AnonymousUser | None = None
) -> int:
    """Remove the activity log entries (the manual's Truncate button): ``entries``, the ones the user
    sees, or every one by default; returns how many went.

    Nothing is written to the emptied grid itself; the process log keeps who did it.
    """
    deleted, _ = (ActivityLog.objects.all() if entries is None else entries).delete()
    logger.info("activity logs truncated by %s: %d rows removed", user or "system", deleted)
    return deleted


def truncate_cron_logs(
    runs: QuerySet[JobRun] | None = None, *, user: AbstractBaseUser | AnonymousUser | None = None
) -> int:
    """Remove the finished cron log rows (of ``runs``, the ones the user sees, or all by default);
    pending and running ones stay, their jobs still report to them."""
    deleted, _ = finished_runs(runs).delete()
    record(
        Level.INFO, "cron", f"Cron logs truncated: {deleted} rows removed.", sub_type="truncate", user=user
    )
    return deleted


@dataclass(frozen=True)
class PurgeResult:
    activity_logs: int
    job_runs: int


def purge_older_than(days: int) -> PurgeResult:
    """Keep the last ``days`` days of both logs."""
    cutoff = timezone.now() - timedelta(days=days)
    activity, _ = ActivityLog.objects.filter(log_date__lt=cutoff).delete()
    runs, _ = finished_runs().filter(created_at__lt=cutoff).delete()
    return PurgeResult(activity_logs=activity, job_runs=runs)


@dataclass(frozen=True)
class StaleResult:
    missed: int
    lost: int


def close_stale_runs(*, never_started_after: timedelta, running_longer_than: timedelta) -> StaleResult:
    """Close runs no worker will ever finish, so no job stays "running" in the grid for good.

    A pending row older than ``never_started_after`` was never picked up (broker wiped, worker down);
    a running row older than ``running_longer_than`` (past the hard time limit) lost its worker.
    """
    now = timezone.now()
    missed = JobRun.objects.filter(status=JobStatus.PENDING, created_at__lt=now - never_started_after).update(
        status=JobStatus.MISSED, finished_at=now, messages="No worker picked this job up."
    )
    lost = JobRun.objects.filter(status=JobStatus.RUNNING, executed_at__lt=now - running_longer_than).update(
        status=JobStatus.ERROR,
        finished_at=now,
        messages=Concat(
            "messages", models.Value("\nThe worker stopped before the job finished (killed or lost).")
        ),
    )
    if missed or lost:
        record(
            Level.WARNING,
            "cron",
            f"{missed} queued jobs never started and {lost} running jobs lost their worker; marked closed.",
            sub_type="stale",
        )
    return StaleResult(missed=missed, lost=lost)
