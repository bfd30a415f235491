"""The accounts' jobs: the scheduler tick and the token refresher."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts import scheduling
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.runner import account_job
from aliexpress_magento.accounts.services import tokens
from aliexpress_magento.activity.runner import JobContext, job
from aliexpress_magento.celery import app
from aliexpress_magento.jobs.locks import LockBusy


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


@account_job(scheduling.TOKEN_JOB)
def refresh_token(run: JobContext, account: Account) -> None:
    """Refresh the access token ahead of its expiry; warn before the refresh token itself expires."""
    now = timezone.now()
    if not account.refresh_token:
        run.note(f"{account.name}: no refresh token (not authorized yet).")
        return
    try:
        token = tokens.refresh_if_due(account, now)
    except LockBusy as busy:
        run.note(f"{account.name}: skipped: {busy}.")
        return
    if token is not None:
        run.note(f"{account.name}: refreshed; expires {token.expire_time:%Y-%m-%d %H:%M:%S} UTC.")
    else:
        run.note(
            f"{account.name}: token valid until {account.access_token_expires_at:%Y-%m-%d %H:%M:%S} UTC."
        )
    if tokens.warn_if_refresh_token_expires(account, now):
        run.note(f"{account.name}: refresh token expires soon; warning e-mailed.")
