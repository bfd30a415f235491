"""``sync``: query the account's feeds that await results, record each item's result, finish the feeds
every item of which has one, back off between queries of the others, and expire what is still
unfinished 24 h after its submission.

Submissions whose answer was lost are looked for first (:mod:`.recovery`): a job found is attached and
queried in the same run; one certainly not created fails its items "not created" (they may be sent
again); one still unproven is looked for again after a backoff, until it expires.

The listing engine's interface is the return value: ``SyncOutcome.results``, one ``ItemResult`` per item
result recorded by this call (success with the AliExpress product id, or failure with AliExpress's code
and message; expired, not created and unfound submissions come as failures too). Each item's result is
reported once: the call that recorded it returns it. The FeedItem rows keep every result for good, so a
consumer that crashed after ``sync`` can read them back with ``item_results(rows)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from aliexpress_magento.accounts import diagnosis
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.aliexpress import (
    AliExpressClient,
    AliExpressError,
    AuthError,
    RateLimitedError,
)
from aliexpress_magento.clients.aliexpress.feeds import FeedJob
from aliexpress_magento.feeds import mappers, selectors
from aliexpress_magento.feeds.models import Feed, FeedItem, FeedStatus, ItemStatus

from . import client as clients
from . import recovery

LOG_TYPE = "feed"
EXPIRED_CODE = "EXPIRED"
UNKNOWN_CODE = "OUTCOME_UNKNOWN"
NOT_CREATED_CODE = "NOT_CREATED"
NO_RESULT_CODE = "NO_RESULT"
NO_RESULT_MESSAGE = "AliExpress finished the feed without a result for this item."


@dataclass(frozen=True)
class ItemResult:
    """One item's result, for the listing engine: live with ``product_id`` when ``success``, else error
    with ``error_code`` / ``error_message`` (AliExpress's, or ours for an expired or lost feed)."""

    feed_id: int
    operation_type: str
    item_content_id: str
    success: bool
    product_id: int | None
    error_code: str
    error_message: str


@dataclass
class SyncOutcome:
    queried: int = 0
    finished: int = 0
    expired: int = 0
    failed_queries: int = 0
    settled: int = 0  # submissions whose answer was lost, settled as failed (not created, or unfound)
    recovered: int = 0  # submissions whose answer was lost, their job found at AliExpress
    results: list[ItemResult] = field(default_factory=list)

    @property
    def succeeded(self) -> int:
        return sum(r.success for r in self.results)

    @property
    def failed(self) -> int:
        return len(self.results) - self.succeeded

    @property
    def did_anything(self) -> bool:
        return bool(self.queried or self.settled or self.recovered)

    def summary(self) -> str:
        text = (
            f"queried {self.queried} feeds: {self.finished} finished, {self.expired} expired, "
            f"{self.failed_queries} queries failed; items: {self.succeeded} succeeded, {self.failed} failed."
        )
        if self.recovered:
            text += f" {self.recovered} submissions whose answer was lost found at AliExpress."
        if self.settled:
            text += f" {self.settled} submissions whose answer was lost marked failed."
        return text


def sync(
    account: Account,
    *,
    now: datetime | None = None,
    everything: bool = False,
    beat: Callable[[], None] = lambda: None,
) -> SyncOutcome:
    """Query the due feeds (``everything``: every feed awaiting results, as the Sync Feeds button asks)
    and record what AliExpress answered; returns the item results recorded. A rate-limit ban or a refused
    authorization ends the call (what was recorded stays); any other failure of one query is noted on
    its feed, which is tried again after its backoff."""
    now = now or timezone.now()
    outcome = SyncOutcome()
    lost = list(selectors.lost_submissions(account, now, everything=everything))
    if lost:
        with clients.aliexpress(account) as client:
            for feed in lost:
                beat()
                _recover(client, account, feed, now, outcome)
    chosen = selectors.awaiting_results(account) if everything else selectors.due_for_query(account, now)
    feeds = list(chosen)
    if feeds:
        with clients.aliexpress(account) as client:
            for feed in feeds:
                beat()
                try:
                    job: FeedJob | None = client.feeds.query(_job_id(feed))
                except (RateLimitedError, AuthError):
                    raise  # the whole run stops: the job runner re-queues it or pauses the account
                except AliExpressError as exc:
                    job = None
                    _note_query_failure(account, feed, exc, outcome)
                outcome.queried += 1
                outcome.results += _record(feed, job, now, outcome)
    if outcome.did_anything:
        troubled = outcome.failed or outcome.expired or outcome.failed_queries
        level = Level.WARNING if troubled else Level.SUCCESS
        record(level, LOG_TYPE, f"Feeds sync: {outcome.summary()}", sub_type="sync", account_id=account.pk)
    return outcome


def _job_id(feed: Feed) -> int:
    assert feed.job_id is not None  # awaiting results: AliExpress answered one
    return feed.job_id


def _note_query_failure(account: Account, feed: Feed, exc: AliExpressError, outcome: SyncOutcome) -> None:
    outcome.failed_queries += 1
    reason = diagnosis.explain(exc, account.api_base_url).rstrip(".")
    feed.error = f"The last query failed: {reason}. It is tried again later."


@transaction.atomic
def _record(feed: Feed, job: FeedJob | None, now: datetime, outcome: SyncOutcome) -> list[ItemResult]:
    """Write the query's new item results on the feed's rows, then move the feed on: finished, expired,
    or queried again after its backoff."""
    results = _write_results(feed, job, now) if job is not None else []
    pending = feed.items.filter(status=ItemStatus.PENDING)
    if job is not None:
        feed.error = ""
        if job.finished and pending.exists():
            # AliExpress says done, yet some item of ours has no result: it never will.
            results += _fail_pending(feed, NO_RESULT_CODE, NO_RESULT_MESSAGE, now)
    if job is not None and not pending.exists():
        feed.status, feed.finished_at, feed.next_query_at = FeedStatus.FINISHED, now, None
        outcome.finished += 1
    elif feed.created_at <= now - selectors.EXPIRY:
        results += _expire(feed, now)
        outcome.expired += 1
    else:
        feed.query_attempts += 1
        feed.next_query_at = now + mappers.query_wait(feed.query_attempts)
        if feed.items.exclude(status=ItemStatus.PENDING).exists():
            feed.status = FeedStatus.PROCESSING
    _save_counts(feed, now)
    return results


def _write_results(feed: Feed, job: FeedJob, now: datetime) -> list[ItemResult]:
    pending = dict(feed.items.filter(status=ItemStatus.PENDING).values_list("item_content_id", "pk"))
    rows, results = [], []
    for result in job.results:
        pk = pending.pop(result.item_content_id, None)
        if pk is None:
            continue  # recorded by an earlier query (results are cumulative), or not one of ours
        fields = mappers.result_fields(result)
        rows.append(
            FeedItem(
                pk=pk,
                status=ItemStatus.SUCCEEDED if fields.succeeded else ItemStatus.FAILED,
                aliexpress_product_id=fields.product_id,
                error_code=fields.error_code,
                error_message=fields.error_message,
                result_at=now,
            )
        )
        results.append(
            ItemResult(
                feed.pk,
                feed.operation_type,
                result.item_content_id,
                fields.succeeded,
                fields.product_id,
                fields.error_code,
                fields.error_message,
            )
        )
    FeedItem.objects.bulk_update(
        rows, ["status", "aliexpress_product_id", "error_code", "error_message", "result_at"], batch_size=500
    )
    return results


def _expire(feed: Feed, now: datetime) -> list[ItemResult]:
    waiting = feed.items.filter(status=ItemStatus.PENDING).count()
    feed.status, feed.finished_at, feed.next_query_at = FeedStatus.EXPIRED, now, None
    feed.error = (
        f"Expired: AliExpress had not finished this feed 24 hours after its submission; its {waiting} items "
        "without a result are marked failed."
    )
    return _fail_pending(feed, EXPIRED_CODE, "AliExpress gave no result within 24 hours (feed expired).", now)


def _recover(
    client: AliExpressClient, account: Account, feed: Feed, now: datetime, outcome: SyncOutcome
) -> None:
    """Look for a lost submission's job at AliExpress and move its row on (see the module doc)."""
    try:
        found = recovery.look_up(client, feed, selectors.held_job_ids(account, feed.created_at))
    except (RateLimitedError, AuthError):
        raise
    except AliExpressError as exc:
        reason = diagnosis.explain(exc, account.api_base_url).rstrip(".")
        found = recovery.UNDECIDED
        feed.error = f"Its answer was lost, and looking for it at AliExpress failed: {reason}."
    if isinstance(found, recovery.Found):
        _attach(feed, found.job_id, now)
        outcome.recovered += 1
    elif found == recovery.NOT_FOUND and feed.created_at <= now - selectors.SUBMIT_GRACE:
        outcome.results += _settle_lost(feed, NOT_CREATED_CODE, NOT_CREATED_MESSAGE, now, counted=False)
        outcome.settled += 1
    elif feed.created_at <= now - selectors.EXPIRY:
        outcome.results += _settle_lost(feed, UNKNOWN_CODE, UNFOUND_MESSAGE, now, counted=True)
        outcome.settled += 1
    else:
        feed.query_attempts += 1
        feed.next_query_at = now + mappers.query_wait(feed.query_attempts)
        feed.updated_at = now
        feed.save(update_fields=["error", "query_attempts", "next_query_at", "updated_at"])


def _attach(feed: Feed, job_id: int, now: datetime) -> None:
    """The job found is the feed's: queried from now on like any submitted feed."""
    feed.job_id, feed.status, feed.next_query_at, feed.updated_at = job_id, FeedStatus.SUBMITTED, now, now
    feed.query_attempts = 0
    feed.error = f"Its answer was lost; job {job_id} was found at AliExpress and attached."
    feed.save(update_fields=["job_id", "status", "next_query_at", "updated_at", "query_attempts", "error"])


NOT_CREATED_MESSAGE = (
    "AliExpress's answer to this submission was lost, and AliExpress shows no feed of it: it was not "
    "created. The products can be sent again."
)
UNFOUND_MESSAGE = (
    "AliExpress's answer to this submission was lost, and no feed of AliExpress could be proven to be it "
    "within 24 hours: AliExpress may have created it. Check these products on AliExpress before sending "
    "them again."
)


@transaction.atomic
def _settle_lost(feed: Feed, code: str, message: str, now: datetime, *, counted: bool) -> list[ItemResult]:
    feed.status, feed.finished_at, feed.next_query_at = FeedStatus.FAILED, now, None
    feed.error, feed.counts_toward_limit = message, counted
    results = _fail_pending(feed, code, message, now)
    _save_counts(feed, now)
    return results


def _fail_pending(feed: Feed, code: str, message: str, now: datetime) -> list[ItemResult]:
    pending = feed.items.filter(status=ItemStatus.PENDING)
    ids = list(pending.values_list("item_content_id", flat=True))
    pending.update(status=ItemStatus.FAILED, error_code=code, error_message=message, result_at=now)
    return [ItemResult(feed.pk, feed.operation_type, i, False, None, code, message) for i in ids]


def _save_counts(feed: Feed, now: datetime) -> None:
    counts = feed.items.aggregate(
        succeeded=Count("pk", filter=Q(status=ItemStatus.SUCCEEDED)),
        failed=Count("pk", filter=Q(status=ItemStatus.FAILED)),
    )
    feed.succeeded, feed.failed, feed.updated_at = counts["succeeded"], counts["failed"], now
    feed.save()


def item_results(rows: Iterable[FeedItem]) -> list[ItemResult]:
    """The results kept on FeedItem rows (with their feed selected), in the shape ``sync`` returns:
    for a consumer reading back what an earlier sync recorded. Pending rows are left out."""
    return [
        ItemResult(
            row.feed_id,
            row.feed.operation_type,
            row.item_content_id,
            row.status == ItemStatus.SUCCEEDED,
            row.aliexpress_product_id,
            row.error_code,
            row.error_message,
        )
        for row in rows
        if row.status != ItemStatus.PENDING
    ]
