"""``submit``: send items to AliExpress in feeds of at most the account's Feed Size (≤ 2000), within
AliExpress's ~150 feeds per operation type per 24 h, and keep one Feed row (and one FeedItem per item)
for each.

Crash safety: each feed's row and its items are written and committed *before* the call, as
``submitting``; AliExpress's job id is written when it answers. A process killed in between leaves a
``submitting`` row the merchant sees; the next sync settles it as failed, "outcome unknown", since
AliExpress may have created the feed. Call ``submit`` outside a transaction, or the row is not
committed before the call.

What is left: such a row could be reconciled instead of failed — ``feed.list.get`` lists the jobs of
its operation type submitted around its ``created_at``; a job id no Feed row holds, whose
``feed.query`` results carry this row's ``item_content_id``s, is the lost answer. Not built: a lost
answer needs a worker killed inside one call, and the merchant is told to check before re-sending.
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
    """A feed's submission failed; ``feeds`` are the rows written, the failed one last (its items are
    failed with the reason); the items of the parts after it were not sent."""

    def __init__(self, message: str, feeds: list[Feed]) -> None:
        super().__init__(message)
        self.feeds = feeds


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
                message = _record_failure(account, feed, exc)
                record(Level.ERROR, LOG_TYPE, message, sub_type="submit", user=user, account_id=account.pk)
                raise SubmitFailed(message, feeds) from exc
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


@transaction.atomic
def _record_failure(account: Account, feed: Feed, exc: AliExpressError) -> str:
    """Fail the feed and its items with the reason; returns the merchant-facing message."""
    reason = diagnosis.explain(exc, account.api_base_url).rstrip(".")
    # A retryable failure after the request may have arrived (a timeout, a 5xx) leaves the outcome
    # unknown: AliExpress may have created the feed. Anything else: it created none.
    unknown = isinstance(exc, RetryableError) and exc.maybe_processed
    if unknown:
        message = (
            f"Feed {feed.pk}: the submission's outcome is unknown ({reason}). AliExpress may have created "
            "the feed: check these products on AliExpress before sending them again."
        )
    else:
        message = f"Feed {feed.pk}: AliExpress did not accept the submission: {reason}."
    now = timezone.now()
    feed.status, feed.error, feed.counts_toward_limit = FeedStatus.FAILED, message, unknown
    feed.failed, feed.finished_at, feed.updated_at = feed.item_count, now, now
    feed.save()
    feed.items.update(
        status=ItemStatus.FAILED,
        error_code=exc.code or ("OUTCOME_UNKNOWN" if unknown else "SUBMIT_FAILED"),
        error_message=message,
        result_at=now,
    )
    return message
