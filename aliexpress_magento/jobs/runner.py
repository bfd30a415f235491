"""The one wrapper every scheduled or manual job runs in: it keeps the job's JobRun row.

A job is a function ``fn(run: JobContext, **kwargs)`` registered with ``@job("app.code")``; it becomes
a Celery task of that name. A job of one account takes ``account_id=…``: its row is filed under that
account. The row is written when the task is queued (``record_queued``, called from
Celery's publish hook, so beat's runs get one too) or, when nothing queued it (eager mode, a direct
call), when it starts. Tasks take ids and plain values only, so they stay idempotent and serialisable.

A rate-limit ban is not a failure: the run notes it, goes back to pending and Celery re-queues it with
the ban's countdown (``bans``), at most ``BAN_RETRIES`` times. A run that must wait for its account
lock (``bans.WaitForLock``) is re-queued the same way, a minute later, at most ``LOCK_RETRIES`` times.

A ``quiet`` job (the minute scheduler tick) keeps its row only when the run has something to say (it
noted a line, or failed): 1,440 rows a day saying "nothing to do" would bury the Cron Logs grid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from celery import Task
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from aliexpress_magento.activity.models import JobRun, JobStatus, Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.celery import app

from .bans import Postponed, requeue
from .locks.errors import HeldLock


@dataclass
class JobContext:
    """What a running job can tell the Cron Logs grid."""

    run: JobRun
    messages: list[str] = field(default_factory=list)
    lock: HeldLock | None = None  # the account lock of an ``@account_job(lock=True)`` while it runs
    retries: int = 0  # how many times Celery re-queued this run already

    def note(self, message: str) -> None:
        """Add a line to the run's Messages column (saved when the job ends)."""
        self.messages.append(message)

    def beat(self) -> None:
        """Between pages or items of a long job: keep its lock (LockLost if it was taken over)."""
        if self.lock is not None:
            self.lock.beat()


def job(code: str, *, quiet: bool = False, **task_options: Any) -> Callable[[Callable[..., None]], Task]:
    """Register ``fn`` as the Celery task ``code``; every run leaves a JobRun row (a quiet job's run,
    only when it noted something or failed)."""

    def decorate(fn: Callable[..., None]) -> Task:
        # Not functools.wraps: Celery reads the wrapper's signature to check the arguments it is sent.
        # ``quiet`` becomes an attribute of the task class, which the publish hook reads.
        @app.task(name=code, bind=True, quiet=quiet, **task_options)
        def task(self: Task, **kwargs: Any) -> None:
            try:
                execute(code, self.request.id, fn, kwargs, quiet=quiet, retries=self.request.retries or 0)
            except Postponed as later:
                wait, limit = later.seconds, later.max_retries
                raise self.retry(countdown=wait, max_retries=limit, exc=later.error) from None

        task.__doc__ = fn.__doc__
        return task

    return decorate


def record_queued(task_name: str, headers: Mapping[str, Any], kwargs: Mapping[str, Any]) -> None:
    """Write (or, on a retry, reset) the pending row of a job being published."""
    if task_name.startswith("celery."):
        return  # Celery's own housekeeping tasks are not jobs
    if getattr(app.tasks.get(task_name), "quiet", False):
        return  # its row, if it keeps one, is written when it runs
    now = timezone.now()
    eta = parse_datetime(headers["eta"]) if headers.get("eta") else None
    fields = {
        "job_code": task_name,
        "status": JobStatus.PENDING,
        "scheduled_at": eta or now,
        "account_id": _account_id(kwargs),
    }
    JobRun.objects.update_or_create(
        task_id=headers["id"], defaults=fields, create_defaults={**fields, "created_at": now}
    )


def _account_id(kwargs: Mapping[str, Any]) -> int | None:
    value = kwargs.get("account_id")
    return value if isinstance(value, int) else None


def execute(
    code: str,
    task_id: str | None,
    fn: Callable[..., None],
    kwargs: dict[str, Any],
    *,
    quiet: bool = False,
    retries: int = 0,
) -> None:
    """Run ``fn`` and keep its row; ``retries``: how many times Celery re-queued this run already."""
    run = _start(code, task_id, _account_id(kwargs))
    # A re-queued run keeps the lines of its earlier attempts (why it was re-queued).
    context = JobContext(run=run, messages=run.messages.splitlines(), retries=retries)
    try:
        fn(context, **kwargs)
    except Exception as exc:
        _postpone_if_due(context, exc, retries)
        context.note(f"{type(exc).__name__}: {exc}")
        _finish(context, JobStatus.ERROR)
        record(
            Level.ERROR,
            "cron",
            f"Job {code} failed: {type(exc).__name__}: {exc}",
            sub_type=code,
            related=context.run,
            account_id=context.run.account_id,
        )
        raise
    if quiet and not context.messages:
        JobRun.objects.filter(pk=context.run.pk).delete()  # nothing to say: no row
        return
    _finish(context, JobStatus.SUCCESS)


def _postpone_if_due(context: JobContext, exc: Exception, retries: int) -> None:
    """Raise Postponed (the run back to pending, due after the countdown) when a ban or a busy lock
    stopped the job and re-queues are left; return otherwise."""
    due = requeue(exc)
    if due is None or retries >= due[1]:
        return
    countdown, allowed, why = due
    context.note(f"{why}: re-queued to run in {countdown} s (retry {retries + 1} of {allowed}).")
    run = context.run
    run.status, run.finished_at = JobStatus.PENDING, None
    run.scheduled_at = timezone.now() + timedelta(seconds=countdown)
    run.messages = "\n".join(context.messages)
    JobRun.objects.filter(pk=run.pk).update(
        status=run.status, finished_at=None, scheduled_at=run.scheduled_at, messages=run.messages
    )
    raise Postponed(countdown, exc, allowed) from exc


def _start(code: str, task_id: str | None, account_id: int | None) -> JobRun:
    now = timezone.now()
    run = JobRun.objects.filter(task_id=task_id).first() if task_id else None
    if run is None:
        run = JobRun(job_code=code, task_id=task_id, created_at=now, scheduled_at=now, account_id=account_id)
    run.status = JobStatus.RUNNING
    run.executed_at = now
    run.finished_at = None
    run.save()
    return run


def _finish(context: JobContext, status: JobStatus) -> None:
    run = context.run
    run.status = status
    run.finished_at = timezone.now()
    run.messages = "\n".join(context.messages)
    # An update, not save(): a merchant may have deleted the row from the grid meanwhile, and the
    # job's own outcome must not turn into an error because its log line is gone.
    JobRun.objects.filter(pk=run.pk).update(
        status=run.status, finished_at=run.finished_at, messages=run.messages
    )
