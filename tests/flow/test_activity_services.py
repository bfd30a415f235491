from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from aliexpress_magento.activity import services
from aliexpress_magento.activity.models import ActivityLog, JobRun, JobStatus, Level

pytestmark = pytest.mark.django_db


def test_record_writes_one_row_with_the_related_object_and_user(merchant) -> None:
    run = JobRun.objects.create(job_code="orders.fetch", status=JobStatus.SUCCESS)

    entry = services.record(
        Level.WARNING,
        "order",
        "Order 8183 skipped: SKU X-1 unknown",
        sub_type="import",
        related=run,
        user=merchant,
    )

    stored = ActivityLog.objects.get()
    assert stored.pk == entry.pk
    assert (stored.level, stored.log_type, stored.log_sub_type) == ("warning", "order", "import")
    assert stored.comment == "Order 8183 skipped: SKU X-1 unknown"
    assert stored.related == run
    assert stored.related_repr == f"orders.fetch #{run.pk} (success)"
    assert stored.user == merchant


def test_record_cuts_a_huge_comment() -> None:
    services.record(Level.ERROR, "feed", "x" * (services.MAX_COMMENT_CHARS + 500))
    comment = ActivityLog.objects.get().comment
    assert comment == "x" * services.MAX_COMMENT_CHARS + " … (cut)"


def test_truncate_activity_logs_removes_every_row() -> None:
    for n in range(3):
        services.record(Level.INFO, "product", f"entry {n}")
    assert services.truncate_activity_logs() == 3
    assert ActivityLog.objects.count() == 0


def test_truncate_cron_logs_keeps_runs_still_in_progress_and_says_so() -> None:
    for status in (
        JobStatus.SUCCESS,
        JobStatus.ERROR,
        JobStatus.MISSED,
        JobStatus.PENDING,
        JobStatus.RUNNING,
    ):
        JobRun.objects.create(job_code="price.sync", status=status)

    assert services.truncate_cron_logs() == 3

    assert sorted(JobRun.objects.values_list("status", flat=True)) == ["pending", "running"]
    assert ActivityLog.objects.get().comment == "Cron logs truncated: 3 rows removed."


def test_purge_keeps_the_last_days_only() -> None:
    now = timezone.now()
    old, recent = now - timedelta(days=31), now - timedelta(days=29)
    services.record(Level.INFO, "cron", "old")
    ActivityLog.objects.update(log_date=old)
    services.record(Level.INFO, "cron", "recent")
    ActivityLog.objects.filter(comment="recent").update(log_date=recent)
    JobRun.objects.create(job_code="a", status=JobStatus.SUCCESS, created_at=old)
    JobRun.objects.create(job_code="b", status=JobStatus.SUCCESS, created_at=recent)
    JobRun.objects.create(job_code="c", status=JobStatus.RUNNING, created_at=old)

    result = services.purge_older_than(30)

    assert result == services.PurgeResult(activity_logs=1, job_runs=1)
    assert list(ActivityLog.objects.values_list("comment", flat=True)) == ["recent"]
    assert sorted(JobRun.objects.values_list("job_code", flat=True)) == ["b", "c"]


def test_close_stale_runs_marks_never_started_and_lost_runs() -> None:
    now = timezone.now()
    JobRun.objects.create(job_code="queued-long-ago", created_at=now - timedelta(hours=7))
    JobRun.objects.create(job_code="queued-now", created_at=now)
    JobRun.objects.create(
        job_code="lost",
        status=JobStatus.RUNNING,
        messages="fetched page 1",
        executed_at=now - timedelta(hours=3),
    )
    JobRun.objects.create(job_code="busy", status=JobStatus.RUNNING, executed_at=now - timedelta(minutes=5))

    result = services.close_stale_runs(
        never_started_after=timedelta(hours=6), running_longer_than=timedelta(hours=2)
    )

    assert result == services.StaleResult(missed=1, lost=1)
    statuses = dict(JobRun.objects.values_list("job_code", "status"))
    assert statuses == {
        "queued-long-ago": "missed",
        "queued-now": "pending",
        "lost": "error",
        "busy": "running",
    }
    lost = JobRun.objects.get(job_code="lost")
    assert lost.messages == "fetched page 1\nThe worker stopped before the job finished (killed or lost)."
    assert lost.finished_at is not None
    warning = ActivityLog.objects.get()
    assert (warning.level, warning.log_sub_type) == ("warning", "stale")
