"""The token lifecycle: store what AliExpress grants, refresh ahead of expiry, warn before the refresh
token dies, pause the account when no refresh can cure an auth failure (DESIGN.md §5)."""

from __future__ import annotations

import queue
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.aliexpress import AliExpressClient, AliExpressError, AuthError, Token
from aliexpress_magento.jobs import scheduling
from aliexpress_magento.jobs.locks import account_lock

from . import notify

# Refresh this long before the access token expires (tokens last 30 days; a worker may be down a while).
REFRESH_AHEAD = timedelta(days=3)
# Warn this long before the refresh token itself expires: only a new Get Code can help then.
WARN_AHEAD = timedelta(days=7)


def store_token(account: Account, token: Token) -> None:
    """Keep the whole answer: a refresh may rotate both tokens."""
    account.access_token = token.access_token
    account.refresh_token = token.refresh_token
    account.access_token_expires_at = token.expire_time
    account.refresh_token_expires_at = token.refresh_token_valid_time
    account.seller_id = token.seller_id or account.seller_id
    account.seller_login = token.account or token.user_nick or account.seller_login
    fields = [
        "access_token",
        "refresh_token",
        "access_token_expires_at",
        "refresh_token_expires_at",
        "seller_id",
        "seller_login",
        "updated_at",
    ]
    if account.is_paused:
        account.paused_reason, account.paused_at = "", None
        fields += ["paused_reason", "paused_at"]
    account.save(update_fields=fields)


def persist_refreshed(account: Account) -> api_clients.TokenSink:
    """The client's ``on_token_refreshed``: write the rotated tokens at once, in their own transaction."""

    def sink(token: Token) -> None:
        with transaction.atomic():
            store_token(account, token)
        record(
            Level.INFO,
            "token",
            "Access token refreshed after AliExpress refused the old one.",
            account_id=account.pk,
        )

    return sink


def aliexpress_client(account: Account) -> AliExpressClient:
    """The account's client, storing any token it rotates on its own."""
    return api_clients.aliexpress(account, on_token_refreshed=persist_refreshed(account))


class HandOver:
    """The token sink of a client used on another thread (an order run's AliExpress reads): the thread
    hands a rotated token over, and the run's own thread stores it at its next :meth:`flush` (it does at
    every turn of its loop, and once more when the run ends, however it ends). The database is written
    only from the run's thread: Django connections are per thread, and on SQLite a second writer would
    wait on the first. The rotated token lives in memory from AliExpress's answer to that flush, about
    one Magento order's import, as it does between the answer and the commit on one thread."""

    def __init__(self, account: Account) -> None:
        self._store = persist_refreshed(account)
        self._tokens: queue.SimpleQueue[Token] = queue.SimpleQueue()

    def __call__(self, token: Token) -> None:
        self._tokens.put(token)

    def flush(self) -> None:
        while True:
            try:
                token = self._tokens.get_nowait()
            except queue.Empty:
                return
            self._store(token)


def threaded_aliexpress_client(account: Account) -> tuple[AliExpressClient, HandOver]:
    """The account's client for use on a thread of its own, and the hand-over its tokens go through."""
    handover = HandOver(account)
    return api_clients.aliexpress(account, on_token_refreshed=handover), handover


def needs_refresh(account: Account, now: datetime) -> bool:
    expires = account.access_token_expires_at
    return bool(account.refresh_token) and (expires is None or expires - now <= REFRESH_AHEAD)


# The lock every scheduled refresh of one account takes: AliExpress rotates the refresh token on use, so
# of two refreshes sent at once one is refused, and that refusal would pause the account.
# The job's own name: the scheduler does not queue a job whose lock (by its name) is held.
TOKEN_LOCK = scheduling.TOKEN_JOB


def refresh_if_due(account: Account, now: datetime) -> Token | None:
    """Refresh under the account's token lock, if still due once the lock is held (re-read: another
    run may have refreshed meanwhile); None when not due. Raises LockBusy while another run refreshes."""
    with account_lock(account.pk, TOKEN_LOCK):
        account.refresh_from_db()
        if not needs_refresh(account, now):
            return None
        return refresh(account)


class RefreshedElsewhere(Exception):
    """Another worker refreshed first: the refresh token this one sent had already been rotated."""


def refresh(account: Account) -> Token:
    """Refresh now. A refused refresh token pauses the account (only Get Code can cure it), unless
    another worker rotated it meanwhile (then RefreshedElsewhere: nothing is wrong)."""
    client = api_clients.aliexpress(account)
    sent = account.refresh_token
    try:
        token = client.oauth.refresh_token(sent)
    except AuthError as exc:
        if tokens_changed(account, sent):
            raise RefreshedElsewhere("the token was refreshed by another worker meanwhile") from exc
        pause(
            account,
            f"AliExpress refused the refresh token ({exc.code}: {exc.message}). "
            "Use Get Code to authorize again.",
        )
        raise
    finally:
        client.close()
    store_token(account, token)
    record(
        Level.SUCCESS,
        "token",
        f"Access token refreshed; it expires {token.expire_time:%Y-%m-%d %H:%M:%S} UTC.",
        account_id=account.pk,
    )
    return token


def tokens_changed(account: Account, refresh_token_used: str) -> bool:
    """Whether the stored tokens are no longer those a failed call used (re-read from the database):
    then the failure is a race between workers, not a dead authorization."""
    current = Account.objects.filter(pk=account.pk).first()
    if current is None or current.refresh_token == refresh_token_used:
        return False
    account.access_token, account.refresh_token = current.access_token, current.refresh_token
    account.access_token_expires_at = current.access_token_expires_at
    account.refresh_token_expires_at = current.refresh_token_expires_at
    return True


def warn_if_refresh_token_expires(account: Account, now: datetime) -> bool:
    """E-mail once per refresh-token expiry, WARN_AHEAD before it; the dashboard warns from the same rule."""
    expires = account.refresh_token_expires_at
    if (
        expires is None
        or not refresh_token_expiring(account, now)
        or account.refresh_warning_sent_for == expires
    ):
        return False
    message = (
        f"The AliExpress refresh token of account {account.name} expires {expires:%Y-%m-%d %H:%M:%S} UTC. "
        "After that no job can reach AliExpress until someone clicks Get Code on the configuration page."
    )
    record(Level.WARNING, "token", message, account_id=account.pk)
    notify.critical(account, "AliExpress authorization expires soon", message)
    account.refresh_warning_sent_for = expires
    account.save(update_fields=["refresh_warning_sent_for"])
    return True


def refresh_token_expiring(account: Account, now: datetime | None = None) -> bool:
    expires = account.refresh_token_expires_at
    return expires is not None and expires - (now or timezone.now()) <= WARN_AHEAD


def pause(account: Account, reason: str) -> None:
    """Stop the account's scheduled jobs and say why, on the dashboard, the log and by e-mail."""
    account.paused_reason, account.paused_at = reason, timezone.now()
    Account.objects.filter(pk=account.pk).update(paused_reason=reason, paused_at=account.paused_at)
    record(Level.ERROR, "account", f"Account paused: {reason}", account_id=account.pk)
    notify.critical(
        account, "jobs paused", f"The scheduled jobs of account {account.name} are paused.\n\n{reason}"
    )


# How a pause for Magento's refusal starts: a successful Magento connection test lifts only such a pause.
MAGENTO_REFUSED = "Magento refused the connector's credentials"


def magento_refused_reason(exc: Exception) -> str:
    return (
        f"{MAGENTO_REFUSED} ({exc}). Check the Magento API user / integration and its role's permissions, "
        "fix them on the configuration page and press Test connection: a successful test resumes the jobs."
    )


def resume_after_magento_fix(account: Account) -> bool:
    """Lift a pause that Magento's refusal caused (the caller has just reached Magento successfully)."""
    if not account.paused_reason.startswith(MAGENTO_REFUSED):
        return False
    account.paused_reason, account.paused_at = "", None
    Account.objects.filter(pk=account.pk).update(paused_reason="", paused_at=None)
    record(Level.INFO, "account", "Account resumed: Magento accepted the credentials.", account_id=account.pk)
    return True


def auth_failure_reason(exc: AliExpressError) -> str:
    return (
        f"AliExpress refused the credentials even after a token refresh ({exc.code}: {exc.message}). "
        "Use Get Code to authorize again."
    )
