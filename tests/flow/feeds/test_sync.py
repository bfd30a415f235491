"""Syncing feeds against the sandbox's processing delay: results recorded per item, feeds finished
when every item has one, exponential backoff between queries, expiry after 24 h (lost submissions:
test_lost_submissions.py)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog, Level
from aliexpress_magento.feeds.models import FeedItem, FeedStatus, ItemStatus
from aliexpress_magento.feeds.services.submission import submit
from aliexpress_magento.feeds.services.sync import ItemResult, item_results, sync
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.profiles.conftest import fail_every_call

from .conftest import QUERY, SandboxClock, product, without_brand


def test_a_feed_is_queried_with_backoff_until_every_item_has_its_result(
    account: Account, ae_sandbox: AliExpressSandbox, ae_clock: SandboxClock, ae_calls: Counter[str]
) -> None:
    ae_sandbox.knobs.feed_delay_seconds = 100  # queueing 50 s, then results arrive over 50 s
    t0 = timezone.now()
    (feed,) = submit(account, "PRODUCT_CREATE", [product(f"S{n}") for n in range(4)], now=t0)

    assert sync(account, now=t0 + timedelta(seconds=29)).queried == 0  # not due before 30 s
    assert ae_calls[QUERY] == 0

    first = sync(account, now=t0 + timedelta(seconds=30))  # the sandbox is still queueing the job
    feed.refresh_from_db()
    assert (first.queried, first.results, feed.status) == (1, [], FeedStatus.SUBMITTED)
    assert feed.query_attempts == 1
    assert feed.next_query_at == t0 + timedelta(seconds=30 + 60)

    ae_clock.advance(75)  # halfway through processing: 2 of 4 items are done
    second = sync(account, now=t0 + timedelta(seconds=90))
    feed.refresh_from_db()
    assert [(r.item_content_id, r.success) for r in second.results] == [("S0", True), ("S1", True)]
    assert (feed.status, feed.succeeded, feed.failed, feed.query_attempts) == (FeedStatus.PROCESSING, 2, 0, 2)
    assert feed.next_query_at == t0 + timedelta(seconds=90 + 120)

    ae_clock.advance(30)
    third = sync(account, now=t0 + timedelta(seconds=210))
    feed.refresh_from_db()
    assert [r.item_content_id for r in third.results] == ["S2", "S3"]  # each result reported once
    assert (feed.status, feed.succeeded, feed.finished_at, feed.next_query_at) == (
        FeedStatus.FINISHED,
        4,
        t0 + timedelta(seconds=210),
        None,
    )
    assert ae_calls[QUERY] == 3
    items = FeedItem.objects.filter(feed=feed).order_by("id")
    assert [i.status for i in items] == [ItemStatus.SUCCEEDED] * 4
    assert all(str(i.aliexpress_product_id).startswith("1005") for i in items)
    assert third.results[0] == ItemResult(
        feed.pk, "PRODUCT_CREATE", "S2", True, items[2].aliexpress_product_id, "", ""
    )
    assert sync(account, now=t0 + timedelta(hours=1)).queried == 0  # finished feeds are left alone
    logged = ActivityLog.objects.filter(log_sub_type="sync").order_by("id").last()
    assert logged is not None and logged.level == Level.SUCCESS
    assert logged.comment == (
        "Feeds sync: queried 1 feeds: 1 finished, 0 expired, 0 queries failed; items: 2 succeeded, 0 failed."
    )


def test_the_wait_between_queries_doubles_up_to_30_minutes(
    account: Account, ae_sandbox: AliExpressSandbox
) -> None:
    ae_sandbox.knobs.feed_delay_seconds = 7200
    now = timezone.now()
    (feed,) = submit(account, "PRODUCT_CREATE", [product("S")], now=now)
    waits = []
    for _ in range(8):
        now = feed.next_query_at
        sync(account, now=now)
        feed.refresh_from_db()
        waits.append(int((feed.next_query_at - now).total_seconds()))
    assert waits == [60, 120, 240, 480, 960, 1800, 1800, 1800]


def test_an_invalid_item_fails_with_aliexpress_code_and_message(account: Account) -> None:
    t0 = timezone.now()
    (feed,) = submit(account, "PRODUCT_CREATE", [product("GOOD"), without_brand("BAD")], now=t0)

    outcome = sync(account, now=t0 + timedelta(seconds=30))

    feed.refresh_from_db()
    assert (feed.status, feed.succeeded, feed.failed) == (FeedStatus.FINISHED, 1, 1)
    bad = FeedItem.objects.get(item_content_id="BAD")
    assert (bad.status, bad.error_code, bad.error_message, bad.aliexpress_product_id) == (
        ItemStatus.FAILED,
        "F00-00-10020-002",
        "#/category_attributes: required key [Brand Name] not found",
        None,
    )
    assert [(r.item_content_id, r.success, r.error_code) for r in outcome.results] == [
        ("GOOD", True, ""),
        ("BAD", False, "F00-00-10020-002"),
    ]
    rows = FeedItem.objects.select_related("feed").order_by("id")
    assert item_results(rows) == outcome.results  # the rows give the same results back
    assert ActivityLog.objects.get(log_sub_type="sync").level == Level.WARNING


def test_a_feed_unfinished_after_24_hours_expires_and_says_so(
    account: Account, ae_sandbox: AliExpressSandbox
) -> None:
    ae_sandbox.knobs.feed_delay_seconds = 10**6
    t0 = timezone.now()
    (feed,) = submit(account, "PRODUCT_CREATE", [product("A"), product("B")], now=t0)
    sync(account, now=t0 + timedelta(hours=23, minutes=59))
    feed.refresh_from_db()
    assert feed.status == FeedStatus.SUBMITTED

    outcome = sync(account, now=t0 + timedelta(hours=24))

    feed.refresh_from_db()
    assert (outcome.queried, outcome.expired, feed.status, feed.failed) == (1, 1, FeedStatus.EXPIRED, 2)
    assert feed.error == (
        "Expired: AliExpress had not finished this feed 24 hours after its submission; its 2 items without "
        "a result are marked failed."
    )
    assert [(r.item_content_id, r.success, r.error_code, r.error_message) for r in outcome.results] == [
        ("A", False, "EXPIRED", "AliExpress gave no result within 24 hours (feed expired)."),
        ("B", False, "EXPIRED", "AliExpress gave no result within 24 hours (feed expired)."),
    ]
    assert sync(account, now=t0 + timedelta(hours=25)).queried == 0


def test_a_failed_query_is_noted_and_tried_again_after_the_backoff(
    account: Account, ae_sandbox: AliExpressSandbox
) -> None:
    t0 = timezone.now()
    (feed,) = submit(account, "PRODUCT_CREATE", [product("A")], now=t0)
    fail_every_call(ae_sandbox)

    outcome = sync(account, now=t0 + timedelta(seconds=30))

    feed.refresh_from_db()
    assert (outcome.failed_queries, feed.status, feed.query_attempts) == (1, FeedStatus.SUBMITTED, 1)
    assert feed.error.startswith("The last query failed: ")
    assert feed.error.endswith(". It is tried again later.")
    ae_sandbox.knobs.update({"fault_rate": 0.0})
    sync(account, now=feed.next_query_at)
    feed.refresh_from_db()
    assert (feed.status, feed.error) == (FeedStatus.FINISHED, "")
