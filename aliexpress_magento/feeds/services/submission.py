"""``submit``: send items to AliExpress in feeds of at most the account's Feed Size (≤ 2000), within
AliExpress's ~150 feeds per operation type per 24 h, and keep one Feed row (and one FeedItem per item)
for each.

Crash safety: each feed's row and its items are written and committed *before* the call, as
``submitting``; AliExpress's job id is written when it answers. When the answer is lost after the
request may have arrived (a timeout, a cut-off answer, a 5xx: ``RetryableError.maybe_processed``) or
the process is killed in between, the row stays ``submitting`` with its items pending, and the feeds
sync looks for the job at AliExpress (:mod:`.recovery`, ``feed.list.get``): found, it is attached and
queried like any feed; certainly not there, the items fail "not created" and may be sent again. The
listings stay in flight meanwhile, so nothing is sent twice. Call ``submit`` outside a transaction, or
the row is not committed before the call.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts import diagnosis
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.aliexpress import AliExpressError, RetryableError
from aliexpress_magento.clients.aliexpress.feeds import FEEDS_PER_DAY, FeedItem, OperationType
from aliexpress_magento.feeds import mappers, selectors
from aliexpress_magento.feeds.models import Feed, FeedStatus, ItemStatus
from aliexpress_magento.feeds.models import FeedItem as FeedItemRow

from . import client as clients

LOG_TYPE = "feed"
User = AbstractBaseUser | AnonymousUser | None


class FeedLimitReached(Exception):
    """Sending would pass AliExpress's daily feed limit; nothing was sent. ``str(exc)`` says so."""


class SubmitFailed(Exception):
    """A feed's submission failed; ``feeds`` are the rows written, the failed one last; the items of
    the parts after it were not sent. ``lost``: its answer was lost (the feed may exist at AliExpress;
    its items stay pending while the sync looks for it); else AliExpress refused it (items failed)."""

    def __init__(self, message: str, feeds: list[Feed], *, lost: bool = False) -> None:
        super().__init__(message)
        self.feeds, self.lost = feeds, lost


def feeds_left_today(account: Account, operation_type: str, *, now: datetime | None = None) -> int:
    """How many more feeds of ``operation_type`` the account may submit in the rolling 24 h."""
    since = (now or timezone.now()) - selectors.LIMIT_WINDOW
    return max(0, FEEDS_PER_DAY - selectors.counted_since(account, operation_type, since))


def submit(
    account: Account,
    operation_type: OperationType,
    items: Sequence[FeedItem],
    *,
    user: User = None,
    now: datetime | None = None,
) -> list[Feed]:
    """Submit ``items`` in as few feeds as the account's Feed Size allows; returns their rows, in order.

    Raises ``FeedLimitReached`` (nothing sent) when the feeds needed pass today's limit, and
    ``SubmitFailed`` when AliExpress refused one (or its answer was lost): the parts before it stay
    submitted. ``item_content_id`` must be unique among ``items``: it is how results come back."""
    now = now or timezone.now()
    _check_ids(items)
    parts = mappers.chunks(items, mappers.feed_size(account.feed_size))
    left = feeds_left_today(account, operation_type, now=now)
    if len(parts) > left:
        message = (
            f"Not sent: {len(items)} items of {operation_type} need {len(parts)} feeds, and only {left} of "
            f"AliExpress's {FEEDS_PER_DAY} feeds per operation type per 24 hours are left. Try again later "
            "or raise the Feed Size."
        )
        record(Level.WARNING, LOG_TYPE, message, sub_type="limit", user=user, account_id=account.pk)
        raise FeedLimitReached(message)
    feeds: list[Feed] = []
    with clients.aliexpress(account) as client:
        for part in parts:
            feed = _record_attempt(account, operation_type, part, now)
            feeds.append(feed)
            try:
                job_id = client.feeds.submit(operation_type, part)
            except AliExpressError as exc:
                lost = isinstance(exc, RetryableError) and exc.maybe_processed
                message = _record_lost(account, feed, exc) if lost else _record_failure(account, feed, exc)
                level = Level.WARNING if lost else Level.ERROR
                record(level, LOG_TYPE, message, sub_type="submit", user=user, account_id=account.pk)
                raise SubmitFailed(message, feeds, lost=lost) from exc
            _record_submitted(feed, job_id, now)
    jobs = ", ".join(str(feed.job_id) for feed in feeds)
    record(
        Level.SUCCESS,
        LOG_TYPE,
        f"Submitted {len(items)} items of {operation_type} in {len(feeds)} feeds (job ids {jobs}).",
        sub_type="submit",
        user=user,
        account_id=account.pk,
    )
    return feeds


def _check_ids(items: Sequence[FeedItem]) -> None:
    if not items:
        raise ValueError("nothing to submit")
    ids = [item.item_content_id for item in items]
    if len(set(ids)) != len(ids):
        raise ValueError("item_content_id must be unique among the items: results come back by it")


@transaction.atomic
def _record_attempt(account: Account, operation_type: str, part: Sequence[FeedItem], now: datetime) -> Feed:
    feed = Feed.objects.create(
        account=account,
        operation_type=operation_type,
        status=FeedStatus.SUBMITTING,
        item_count=len(part),
        created_at=now,
        updated_at=now,
    )
    rows = [
        FeedItemRow(feed=feed, item_content_id=item.item_content_id, item_content=dict(item.item_content))
        for item in part
    ]
    FeedItemRow.objects.bulk_create(rows, batch_size=500)
    return feed


def _record_submitted(feed: Feed, job_id: int, now: datetime) -> None:
    feed.job_id, feed.status = job_id, FeedStatus.SUBMITTED
    feed.next_query_at, feed.updated_at = now + mappers.query_wait(0), timezone.now()
    feed.save(update_fields=["job_id", "status", "next_query_at", "updated_at"])


def _record_lost(account: Account, feed: Feed, exc: AliExpressError) -> str:
    """Keep the feed ``submitting`` (items pending, counted toward the limit) for the sync to look for;
    returns the merchant-facing message."""
    reason = diagnosis.explain(exc, account.api_base_url).rstrip(".")
    message = (
        f"Feed {feed.pk}: AliExpress's answer to the submission was lost ({reason}); it may have created "
        "the feed. The feeds sync looks for it at AliExpress and attaches it; its products are not sent "
        "again meanwhile."
    )
    now = timezone.now()
    feed.error, feed.next_query_at, feed.updated_at = message, now + mappers.query_wait(0), now
    feed.save(update_fields=["error", "next_query_at", "updated_at"])
    return message


@transaction.atomic
def _record_failure(account: Account, feed: Feed, exc: AliExpressError) -> str:
    """AliExpress refused the call (or it never left): no feed. Fail it and its items with the reason,
    not counted toward the limit; returns the merchant-facing message."""
    reason = diagnosis.explain(exc, account.api_base_url).rstrip(".")
    message = f"Feed {feed.pk}: AliExpress did not accept the submission: {reason}."
    now = timezone.now()
    feed.status, feed.error, feed.counts_toward_limit = FeedStatus.FAILED, message, False
    feed.failed, feed.finished_at, feed.updated_at = feed.item_count, now, now
    feed.save()
    feed.items.update(
        status=ItemStatus.FAILED, error_code=exc.code or "SUBMIT_FAILED", error_message=message, result_at=now
    )
    return message
