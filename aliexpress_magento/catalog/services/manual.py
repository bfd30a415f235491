"""The Refresh catalog button: queue the account's ``catalog.refresh`` job now, unless one is already
queued or running (a second would only wait for the first one's lock and then skip)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog import selectors
from aliexpress_magento.celery import app


@dataclass(frozen=True)
class Requested:
    queued: bool
    message: str


def request_refresh(
    account: Account, *, full: bool, user: AbstractBaseUser | AnonymousUser | None = None
) -> Requested:
    """Queue a refresh of ``account`` (``full``: read every product and find the deleted ones) once this
    transaction commits; it also mirrors the attributes and categories."""
    kind = "full" if full else "incremental"
    status = selectors.refresh_status(account)
    if status.busy:
        doing = "running" if status.running else "queued"
        return Requested(False, f"A catalog refresh of {account.name} is already {doing}: see its progress.")
    transaction.on_commit(partial(_queue, account.pk, full))
    record(
        Level.INFO,
        "catalog",
        f"{kind.capitalize()} catalog refresh requested.",
        sub_type="refresh_request",
        user=user,
        account_id=account.pk,
    )
    article = "A" if full else "An"
    return Requested(True, f"{article} {kind} catalog refresh of {account.name} is queued.")


def _queue(account_id: int, full: bool) -> None:
    # By name, through the task's own apply_async (eager mode included), like the scheduler tick.
    kwargs = {"account_id": account_id, "full": full, "taxonomy": True}
    app.signature(selectors.REFRESH_JOB, kwargs=kwargs).apply_async()
