"""``@account_job``: a job of one account, run only while the account is enabled and not paused, and
paused (with the reason) when AliExpress refuses its credentials even after the client's own refresh, or
when Magento (1 or 2) refuses the connector's credentials or their permissions.

A writer job declared with ``lock=True`` runs under the account's lock named after the job
(``locks.account_lock``): a second run finds it held and ends noting so, and the job calls ``run.beat()``
between pages or items to keep it. A job whose lock depends on what it is asked to do (a mass action
that pushes prices shares the Price Cron's lock) passes ``lock=fn(account, options) -> name``; with
``wait=True`` a run that finds its lock held is re-queued (``bans.WaitForLock``) instead of skipped,
for a run a merchant asked for and would otherwise lose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from celery import Task

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services import tokens
from aliexpress_magento.clients import magento1, magento2
from aliexpress_magento.clients.aliexpress import AuthError
from aliexpress_magento.jobs.bans import LOCK_RETRIES, WaitForLock
from aliexpress_magento.jobs.locks import LockBusy, account_lock
from aliexpress_magento.jobs.runner import JobContext, job

AccountJob = Callable[..., None]  # fn(run, account, **options)
LockName = Callable[[Account, dict[str, Any]], str]  # (account, options) -> the lock's name
GaveUp = Callable[[Account, dict[str, Any], str], None]  # (account, options, why)


def account_job(
    code: str,
    *,
    lock: bool | LockName = False,
    wait: bool = False,
    gave_up: GaveUp | None = None,
    **task_options: Any,
) -> Callable[[AccountJob], Task]:
    """Register ``fn(run, account, **options)`` as the Celery task ``code`` taking ``account_id`` (and
    the job's own plain-value ``options``, e.g. a manual run's flags); with ``lock``, under the account's
    lock ``code`` (or the name ``lock(account, options)`` gives); with ``wait``, re-queued while it is
    held, up to ``bans.LOCK_RETRIES`` times, then skipped, telling ``gave_up(account, options, why)``
    (so that what the run was for, e.g. a mass action's row, does not wait for good)."""

    def decorate(fn: AccountJob) -> Task:
        def run(context: JobContext, *, account_id: int, **options: Any) -> None:
            account = Account.objects.filter(pk=account_id).first()
            if account is None:
                context.note(f"Account {account_id} no longer exists; nothing to do.")
                return
            if not account.enabled or account.is_paused:
                why = "disabled." if not account.enabled else f"paused: {account.paused_reason}"
                context.note(f"Skipped: account {account.name} is {why}")
                return
            if not lock:
                _guarded(fn, context, account, options)
                return
            name = lock(account, options) if callable(lock) else code
            try:
                with account_lock(account.pk, name) as held:
                    context.lock = held
                    _guarded(fn, context, account, options)
            except LockBusy as busy:
                if wait and context.retries < LOCK_RETRIES:
                    raise WaitForLock(f"{account.name}: {busy}") from busy
                if wait and gave_up is not None:
                    gave_up(account, options, f"Not run: it waited {LOCK_RETRIES} times in vain; {busy}.")
                context.note(f"{account.name}: skipped: {busy}.")
            finally:
                context.lock = None

        run.__doc__ = fn.__doc__
        return job(code, **task_options)(run)

    return decorate


def _guarded(fn: AccountJob, context: JobContext, account: Account, options: dict[str, Any]) -> None:
    """Run ``fn``; pause the account when a platform refuses its credentials for good."""
    started_with = account.refresh_token
    try:
        fn(context, account, **options)
    except tokens.RefreshedElsewhere:
        context.note(f"{account.name}: another worker refreshed the token meanwhile; nothing to do.")
    except AuthError as exc:
        if tokens.tokens_changed(account, started_with):
            # Another worker rotated the tokens while this job ran with the old ones: not a dead
            # authorization. The job fails and its next run uses the new tokens.
            raise
        if not account.is_paused:  # the job may have paused it already, with a closer reason
            tokens.pause(account, tokens.auth_failure_reason(exc))
        raise
    except (magento1.AuthError, magento2.AuthError) as exc:
        if isinstance(exc, magento1.SessionExpiredError):
            raise  # the client already logged in again once: a passing hiccup, not a dead login
        tokens.pause(account, tokens.magento_refused_reason(exc))
        raise
