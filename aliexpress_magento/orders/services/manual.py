"""The orders page's buttons: queue a job (never run it in the request), once the request commits.

Fetch latest Aliexpress Orders is not queued while a run of the account is queued or running (it would
only find the lock held and skip): the merchant is told so. Fetch one order by id and the import after
Retry now wait for the lock instead (their jobs re-queue themselves), so they are always queued."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.celery import app
from aliexpress_magento.orders import selectors
from aliexpress_magento.orders.models import OrderFetchState

User = AbstractBaseUser | AnonymousUser | None


@dataclass(frozen=True)
class Requested:
    queued: bool
    message: str


def request_fetch(account: Account, *, user: User = None) -> Requested:
    if stopped := _stopped(account):
        return stopped
    status = selectors.fetch_status(account)
    if status.busy:
        doing = "running" if status.running else "queued"
        return Requested(False, f"An order fetch of {account.name} is already {doing}: see its progress.")
    _queue(account, "orders.fetch", "Fetch latest Aliexpress Orders requested.", user)
    return Requested(True, f"Fetch latest Aliexpress Orders of {account.name} is queued.")


def request_fetch_one(account: Account, order_id: int, *, user: User = None) -> Requested:
    if stopped := _stopped(account):
        return stopped
    _queue(
        account,
        "orders.fetch_one",
        f"Fetch of AliExpress order {order_id} requested.",
        user,
        order_id=order_id,
    )
    return Requested(True, f"AliExpress order {order_id} of {account.name} is queued to be fetched.")


def request_import(account: Account, *, user: User = None) -> Requested:
    _queue(account, "orders.import", "Import of the due orders requested (Retry now).", user)
    return Requested(True, f"The import of {account.name}'s due orders is queued.")


def set_backfill_days(account: Account, days: int, *, user: User = None) -> None:
    state, _ = OrderFetchState.objects.get_or_create(account=account)
    before = state.backfill_days
    OrderFetchState.objects.filter(pk=state.pk).update(backfill_days=days)
    text = f"Back-fill window changed from {before} to {days} days."
    record(Level.INFO, "orders", text, sub_type="settings", user=user, account_id=account.pk)


def _stopped(account: Account) -> Requested | None:
    """The account's jobs skip a disabled or paused account: say so now rather than queue a no-op."""
    if not account.enabled:
        return Requested(False, f"{account.name} is disabled (Configuration → Enabled): nothing fetched.")
    if account.is_paused:
        return Requested(False, f"{account.name} is paused: {account.paused_reason} Nothing fetched.")
    return None


def _queue(account: Account, job: str, text: str, user: User, **options: Any) -> None:
    transaction.on_commit(partial(_send, job, {"account_id": account.pk, **options}))
    record(Level.INFO, "orders", text, sub_type="request", user=user, account_id=account.pk)


def _send(job: str, kwargs: dict[str, Any]) -> None:
    # By name, through the task's own apply_async (eager mode included), like the scheduler tick.
    app.signature(job, kwargs=kwargs).apply_async()
