"""Submitting items as feeds: split by the account's Feed Size, recorded before and after AliExpress
answers, within AliExpress's 150 feeds per operation type per 24 h."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog, Level
from aliexpress_magento.feeds.models import Feed, FeedItem, FeedStatus, ItemStatus
from aliexpress_magento.feeds.services.submission import (
    FeedLimitReached,
    SubmitFailed,
    feeds_left_today,
    submit,
)
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.profiles.conftest import fail_every_call

from .conftest import SUBMIT, product


def test_items_go_out_in_feeds_of_at_most_the_feed_size(account: Account, ae_calls: Counter[str]) -> None:
    Account.objects.filter(pk=account.pk).update(feed_size=2)
    account.refresh_from_db()
    now = timezone.now()

    feeds = submit(account, "PRODUCT_CREATE", [product(f"SKU-{n}") for n in range(5)], now=now)

    assert ae_calls[SUBMIT] == 3
    assert [(f.item_count, f.status, f.operation_type) for f in feeds] == [
        (2, FeedStatus.SUBMITTED, "PRODUCT_CREATE"),
        (2, FeedStatus.SUBMITTED, "PRODUCT_CREATE"),
        (1, FeedStatus.SUBMITTED, "PRODUCT_CREATE"),
    ]
    assert len({f.job_id for f in feeds}) == 3 and all(f.job_id and f.job_id > 2**53 for f in feeds)
    assert all(f.next_query_at == now + timedelta(seconds=30) for f in feeds)
    rows = FeedItem.objects.order_by("id")
    assert [(r.feed_id, r.item_content_id, r.status) for r in rows] == [
        (feeds[0].pk, "SKU-0", ItemStatus.PENDING),
        (feeds[0].pk, "SKU-1", ItemStatus.PENDING),
        (feeds[1].pk, "SKU-2", ItemStatus.PENDING),
        (feeds[1].pk, "SKU-3", ItemStatus.PENDING),
        (feeds[2].pk, "SKU-4", ItemStatus.PENDING),
    ]
    assert rows[0].item_content == dict(product("SKU-0").item_content)
    logged = ActivityLog.objects.get(log_type="feed", log_sub_type="submit")
    jobs = ", ".join(str(f.job_id) for f in feeds)
    assert logged.comment == f"Submitted 5 items of PRODUCT_CREATE in 3 feeds (job ids {jobs})."
    assert logged.account_id == account.pk


def test_a_feed_size_above_2000_is_held_to_2000(account: Account, ae_calls: Counter[str]) -> None:
    Account.objects.filter(pk=account.pk).update(feed_size=5000)
    account.refresh_from_db()
    items = [product(f"S{n}") for n in range(2001)]

    feeds = submit(account, "PRODUCT_CREATE", items)

    assert [f.item_count for f in feeds] == [2000, 1]
    assert ae_calls[SUBMIT] == 2


def _counted(account: Account, n: int, operation: str, when, **fields) -> None:  # type: ignore[no-untyped-def]
    Feed.objects.bulk_create(
        Feed(account=account, operation_type=operation, created_at=when, status=FeedStatus.FINISHED, **fields)
        for _ in range(n)
    )


def test_no_more_than_150_feeds_of_one_operation_type_in_24_hours(
    account: Account, ae_calls: Counter[str]
) -> None:
    now = timezone.now()
    Account.objects.filter(pk=account.pk).update(feed_size=2)
    account.refresh_from_db()
    _counted(account, 148, "PRODUCT_CREATE", now - timedelta(hours=23))
    _counted(account, 5, "PRODUCT_CREATE", now - timedelta(hours=24, seconds=1))  # out of the window
    _counted(account, 5, "PRODUCT_FULL_UPDATE", now)  # another operation type
    _counted(account, 5, "PRODUCT_CREATE", now, counts_toward_limit=False)  # refused: no feed was made
    assert feeds_left_today(account, "PRODUCT_CREATE", now=now) == 2
    assert feeds_left_today(account, "PRODUCT_FULL_UPDATE", now=now) == 145

    with pytest.raises(FeedLimitReached) as refused:
        submit(account, "PRODUCT_CREATE", [product(f"S{n}") for n in range(5)], now=now)

    message = (
        "Not sent: 5 items of PRODUCT_CREATE need 3 feeds, and only 2 of AliExpress's 150 feeds per "
        "operation type per 24 hours are left. Try again later or raise the Feed Size."
    )
    assert str(refused.value) == message
    assert ae_calls[SUBMIT] == 0
    assert not FeedItem.objects.exists()
    assert ActivityLog.objects.get(log_sub_type="limit").level == Level.WARNING

    submit(account, "PRODUCT_CREATE", [product(f"S{n}") for n in range(4)], now=now)
    assert feeds_left_today(account, "PRODUCT_CREATE", now=now) == 0
    assert feeds_left_today(account, "PRODUCT_CREATE", now=now + timedelta(hours=1, seconds=1)) == 148


def test_a_submission_whose_answer_is_lost_stays_submitting_and_still_counts(
    account: Account, ae_sandbox: AliExpressSandbox, ae_calls: Counter[str]
) -> None:
    fail_every_call(ae_sandbox)

    with pytest.raises(SubmitFailed) as failed:
        submit(account, "PRODUCT_CREATE", [product("A"), product("B")])

    (feed,) = failed.value.feeds
    feed.refresh_from_db()
    assert ae_calls[SUBMIT] == 1  # a feed is never sent twice
    assert failed.value.lost is True
    assert (feed.status, feed.job_id, feed.counts_toward_limit) == (FeedStatus.SUBMITTING, None, True)
    assert feed.next_query_at is not None  # the feeds sync looks for it at AliExpress
    assert feed.error.startswith(f"Feed {feed.pk}: AliExpress's answer to the submission was lost (")
    assert feed.error.endswith(
        "it may have created the feed. The feeds sync looks for it at AliExpress and attaches it; its "
        "products are not sent again meanwhile."
    )
    assert str(failed.value) == feed.error
    assert set(feed.items.values_list("status", flat=True)) == {ItemStatus.PENDING}
    assert feeds_left_today(account, "PRODUCT_CREATE") == 149
    assert ActivityLog.objects.get(log_sub_type="submit").level == Level.WARNING


def test_a_submission_aliexpress_refuses_fails_and_does_not_count(account: Account) -> None:
    with pytest.raises(SubmitFailed) as failed:
        submit(account, "PRODUCT_DELETE", [product("A")])  # type: ignore[arg-type]

    (feed,) = failed.value.feeds
    feed.refresh_from_db()
    assert failed.value.lost is False
    assert (feed.status, feed.counts_toward_limit) == (FeedStatus.FAILED, False)
    assert feed.error.startswith(f"Feed {feed.pk}: AliExpress did not accept the submission: ")
    assert "operation_type must be one of" in feed.error
    item = feed.items.get()
    assert (item.status, item.error_message) == (ItemStatus.FAILED, feed.error)
    assert feeds_left_today(account, "PRODUCT_DELETE") == 150


def test_item_ids_must_be_unique_in_one_submission(account: Account, ae_calls: Counter[str]) -> None:
    with pytest.raises(ValueError, match="item_content_id must be unique"):
        submit(account, "PRODUCT_CREATE", [product("A"), product("A")])
    assert ae_calls[SUBMIT] == 0
    assert not Feed.objects.exists()
