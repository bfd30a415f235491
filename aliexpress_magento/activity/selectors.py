from __future__ import annotations

from django.db.models import QuerySet

from aliexpress_magento.activity.models import JobRun, JobStatus

OPEN_STATUSES = (JobStatus.PENDING, JobStatus.RUNNING)


def finished_runs(runs: QuerySet[JobRun] | None = None) -> QuerySet[JobRun]:
    """Runs (of ``runs``, all by default) no worker reports to any more: the ones truncation and
    retention may remove."""
    return (JobRun.objects.all() if runs is None else runs).exclude(status__in=OPEN_STATUSES)
