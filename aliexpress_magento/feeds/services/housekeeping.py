"""The Api Feeds grid's buttons: Sync Feeds (queue the sync of each account now), Truncate and mass
delete (finished feeds only: a feed still awaiting results keeps its rows, or its results would have
nowhere to go)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import QuerySet

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.celery import app
from aliexpress_magento.feeds import selectors
from aliexpress_magento.feeds.models import UNFINISHED, Feed

SYNC_JOB = "feeds.sync"
LOG_TYPE = "feed"
User = AbstractBaseUser | AnonymousUser | None


@dataclass(frozen=True)
class Removed:
    removed: int  # feeds deleted (their items with them)
    kept: int  # unfinished feeds left in place


def request_sync(accounts: QuerySet[Account], *, user: User = None) -> list[Account]:
    """Queue, once this transaction commits, a sync of every feed awaiting results of each account that
    has one; returns those accounts. The job, not the request, makes the calls: a big upload leaves
    dozens of 2,000-item feeds, too many queries and rows for a page to wait on, and the job runs under
    the account's lock, so it never overlaps the scheduled sync."""
    waiting = accounts.filter(feeds__status__in=UNFINISHED).distinct().order_by("name")
    queued = list(waiting)
    for account in queued:
        transaction.on_commit(partial(_queue, account.pk))
        note = "Feeds sync requested."
        record(Level.INFO, LOG_TYPE, note, sub_type="sync_request", user=user, account_id=account.pk)
    return queued


def _queue(account_id: int) -> None:
    # By name, through the task's own apply_async (eager mode included), like the scheduler tick.
    app.signature(SYNC_JOB, kwargs={"account_id": account_id, "everything": True}).apply_async()


def truncate(feeds: QuerySet[Feed], *, user: User = None) -> Removed:
    """Remove the finished, expired and failed feeds of ``feeds`` (the ones the user sees)."""
    return _remove(feeds, user, "truncate", "Api feeds truncated")


def delete(feeds: QuerySet[Feed], *, user: User = None) -> Removed:
    """Remove the selected feeds that are no longer awaiting results; the others stay."""
    return _remove(feeds, user, "delete", "Api feeds deleted")


def _remove(feeds: QuerySet[Feed], user: User, sub_type: str, what: str) -> Removed:
    with transaction.atomic():
        kept = feeds.filter(status__in=UNFINISHED).count()
        # The items go with their feed in one DELETE (no signal or further relation to collect).
        _, per_model = selectors.finished(feeds).delete()
    removed = per_model.get(Feed._meta.label, 0)
    message = f"{what}: {removed} removed, {kept} unfinished kept."
    record(Level.INFO, LOG_TYPE, message, sub_type=sub_type, user=user)
    return Removed(removed, kept)
