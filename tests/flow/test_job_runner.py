"""The job wrapper: every run, manual or scheduled, leaves a Cron Logs row."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from aliexpress_magento.activity.models import ActivityLog, JobRun
from aliexpress_magento.activity.tasks import purge_old_logs
from aliexpress_magento.jobs.runner import JobContext, job, record_queued

pytestmark = pytest.mark.django_db


@job("tests.flaky")
def flaky(run: JobContext, *, fail: bool) -> None:
    run.note("started")
    if fail:
        raise RuntimeError("Magento answered 503")
    run.note("all done")


def test_a_successful_run_records_its_times_and_messages() -> None:
    before = timezone.now()
    result = flaky.delay(fail=False)

    run = JobRun.objects.get(task_id=result.id)
    assert run.job_code == "tests.flaky"
    assert run.status == "success"
    assert run.messages == "started\nall done"
    assert before <= run.created_at <= run.executed_at <= run.finished_at <= timezone.now()
    assert run.scheduled_at == run.created_at


def test_a_failed_run_is_marked_error_logged_and_raised() -> None:
    with pytest.raises(RuntimeError, match="Magento answered 503"):
        flaky.delay(fail=True)

    run = JobRun.objects.get()
    assert run.status == "error"
    assert run.messages == "started\nRuntimeError: Magento answered 503"
    assert run.finished_at is not None
    entry = ActivityLog.objects.get()
    assert (entry.level, entry.log_type, entry.log_sub_type) == ("error", "cron", "tests.flaky")
    assert entry.comment == "Job tests.flaky failed: RuntimeError: Magento answered 503"
    assert entry.related == run


def test_queueing_writes_a_pending_row_that_the_run_then_completes() -> None:
    eta = timezone.now() + timedelta(minutes=5)
    record_queued("tests.flaky", {"id": "task-1", "eta": eta.isoformat()}, {})

    queued = JobRun.objects.get(task_id="task-1")
    assert (queued.status, queued.job_code, queued.scheduled_at) == ("pending", "tests.flaky", eta)
    assert queued.executed_at is None

    flaky.apply(kwargs={"fail": False}, task_id="task-1")

    run = JobRun.objects.get(task_id="task-1")
    assert run.pk == queued.pk
    assert run.status == "success"
    assert run.created_at == queued.created_at
    assert run.executed_at is not None


def test_a_republished_retry_resets_the_same_row_to_pending() -> None:
    record_queued("tests.flaky", {"id": "task-2", "eta": None}, {})
    JobRun.objects.filter(task_id="task-2").update(status="error")

    record_queued("tests.flaky", {"id": "task-2", "eta": None}, {})

    assert list(JobRun.objects.values_list("task_id", "status")) == [("task-2", "pending")]


@job("tests.deletes_own_row")
def deletes_own_row(run: JobContext) -> None:
    JobRun.objects.filter(pk=run.run.pk).delete()  # what a merchant's mass delete does mid-run
    run.note("done")


def test_a_run_whose_row_was_deleted_meanwhile_still_succeeds() -> None:
    result = deletes_own_row.delay()
    assert result.successful()
    assert JobRun.objects.count() == 0


def test_celery_housekeeping_tasks_are_not_recorded() -> None:
    record_queued("celery.backend_cleanup", {"id": "task-3", "eta": None}, {})
    assert JobRun.objects.count() == 0


def test_log_retention_job_reports_what_it_removed(settings) -> None:
    settings.LOG_RETENTION_DAYS = 7
    JobRun.objects.create(job_code="old", status="success", created_at=timezone.now() - timedelta(days=8))

    result = purge_old_logs.delay()

    run = JobRun.objects.get(task_id=result.id)
    assert run.messages == "Kept the last 7 days: removed 0 activity log entries and 1 cron log rows."
    assert ActivityLog.objects.get().comment == (
        "Log retention (7 days): removed 0 activity log entries and 1 cron log rows."
    )
