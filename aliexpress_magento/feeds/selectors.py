"""Read-only questions about feeds: which are due for a query, how many count toward today's limit."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet

from aliexpress_magento.accounts.models import Account

from .models import AWAITING_RESULTS, UNFINISHED, Feed, FeedStatus

LIMIT_WINDOW = timedelta(hours=24)  # AliExpress's "every 24 hours", read as a rolling window
EXPIRY = timedelta(hours=24)  # an unfinished feed older than this will not finish: it expires
# A row still "submitting" this long after it was written lost its process between the call and the
# write of the answer (a worker killed mid-submit): the sync looks for its job at AliExpress. A lost
# submission that AliExpress still shows no job for this long after it was sent was not created.
SUBMIT_GRACE = timedelta(minutes=10)


def counted_since(account: Account, operation_type: str, since: datetime) -> int:
    """Feeds of ``operation_type`` submitted since ``since`` that AliExpress may have received."""
    return Feed.objects.filter(
        account=account, operation_type=operation_type, created_at__gt=since, counts_toward_limit=True
    ).count()


def due_for_query(account: Account, now: datetime) -> QuerySet[Feed]:
    """Feeds awaiting results whose next query is due, or which are old enough to expire."""
    due = Q(next_query_at__isnull=True) | Q(next_query_at__lte=now) | Q(created_at__lte=now - EXPIRY)
    return Feed.objects.filter(account=account, status__in=AWAITING_RESULTS).filter(due).order_by("id")


def awaiting_results(account: Account) -> QuerySet[Feed]:
    return Feed.objects.filter(account=account, status__in=AWAITING_RESULTS).order_by("id")


def lost_submissions(account: Account, now: datetime, *, everything: bool = False) -> QuerySet[Feed]:
    """Submissions whose answer is lost, due for a look at AliExpress (``everything``: all of them): the
    ones the submit marked lost (``next_query_at`` set), and the ones left ``submitting`` past the grace
    by a killed process. A fresh row without ``next_query_at`` is a call still waiting for its answer."""
    marked = Q(next_query_at__isnull=False) if everything else Q(next_query_at__lte=now)
    stale = Q(next_query_at__isnull=True, created_at__lte=now - SUBMIT_GRACE)
    rows = Feed.objects.filter(account=account, status=FeedStatus.SUBMITTING)
    return rows.filter(marked | stale).order_by("id")


def held_job_ids(account: Account, around: datetime) -> set[int]:
    """The AliExpress job ids the account's Feed rows of the day around ``around`` hold (a found job must
    be no other row's)."""
    rows = Feed.objects.filter(
        account=account, job_id__isnull=False, created_at__range=(around - EXPIRY, around + EXPIRY)
    )
    held = rows.values_list("job_id", flat=True)
    return {job_id for job_id in held if job_id is not None}


def finished(feeds: QuerySet[Feed]) -> QuerySet[Feed]:
    """The feeds (of ``feeds``) nothing will write to any more: the ones Truncate and delete may remove."""
    return feeds.exclude(status__in=UNFINISHED)
