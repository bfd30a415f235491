"""The accounts' job: the token refresher."""

from __future__ import annotations

from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services import tokens
from aliexpress_magento.jobs import scheduling
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.jobs.locks import LockBusy
from aliexpress_magento.jobs.runner import JobContext


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
