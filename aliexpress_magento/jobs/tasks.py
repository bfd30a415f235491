"""The jobs app's own job: the minute scheduler tick (its task name predates the app: beat uses it)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone

from aliexpress_magento.celery import app

from . import scheduling
from .runner import JobContext, job


@job("accounts.schedule_tick", quiet=True)
def schedule_tick(run: JobContext) -> None:
    """Every minute: queue each account's due jobs (Cron Settings), after this transaction commits.
    Quiet: a Cron Logs row only for a tick that queued something (it lists what)."""
    now = timezone.now()
    for account, schedule in scheduling.due(now):
        if not scheduling.claim(account, schedule, now):
            continue  # another tick queued it meanwhile
        transaction.on_commit(partial(_queue, schedule.job_code, account.pk))
        run.note(f"Queued {schedule.job_code} for {account.name}.")


def _queue(job_code: str, account_id: int) -> None:
    # A signature, not send_task: it goes through the task's own apply_async (eager mode included).
    app.signature(job_code, kwargs={"account_id": account_id}).apply_async()
