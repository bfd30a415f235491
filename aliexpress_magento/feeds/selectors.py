"""Read-only questions about feeds: which are due for a query, how many count toward today's limit."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet

from aliexpress_magento.accounts.models import Account

from .models import AWAITING_RESULTS, UNFINISHED, Feed, FeedStatus

LIMIT_WINDOW = timedelta(hours=24)  # AliExpress's "every 24 hours", read as a rolling window
EXPIRY = timedelta(hours=24)  # an unfinished feed older than this will not finish: it expires
# A row still "submitting" this long after it was written lost its process between the call and the
# write of the answer (a worker killed mid-submit): the sync settles it as failed, outcome unknown.
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


def stale_submissions(account: Account, now: datetime) -> QuerySet[Feed]:
    return Feed.objects.filter(
        account=account, status=FeedStatus.SUBMITTING, created_at__lte=now - SUBMIT_GRACE
    )


def finished(feeds: QuerySet[Feed]) -> QuerySet[Feed]:
    """The feeds (of ``feeds``) nothing will write to any more: the ones Truncate and delete may remove."""
    return feeds.exclude(status__in=UNFINISHED)
