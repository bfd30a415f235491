"""Upkeep jobs of the two developer logs."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from aliexpress_magento.activity import services
from aliexpress_magento.activity.models import Level
from aliexpress_magento.jobs.runner import JobContext, job


@job("activity.purge_old_logs")
def purge_old_logs(run: JobContext) -> None:
    """Daily: keep the last LOG_RETENTION_DAYS days of activity and cron logs."""
    days = settings.LOG_RETENTION_DAYS
    result = services.purge_older_than(days)
    run.note(
        f"Kept the last {days} days: removed {result.activity_logs} activity log entries "
        f"and {result.job_runs} cron log rows."
    )
    services.record(
        Level.INFO,
        "cron",
        f"Log retention ({days} days): removed {result.activity_logs} activity log entries "
        f"and {result.job_runs} cron log rows.",
        sub_type="activity.purge_old_logs",
        related=run.run,
    )


@job("activity.close_stale_runs")
def close_stale_runs(run: JobContext) -> None:
    """Every 15 minutes: close runs that no worker will finish (see services.close_stale_runs)."""
    result = services.close_stale_runs(
        never_started_after=timedelta(hours=6),
        running_longer_than=timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 300),
    )
    run.note(f"{result.missed} never started, {result.lost} lost their worker.")
