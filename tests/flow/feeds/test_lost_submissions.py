"""Submissions whose answer was lost (issue 13): the sandbox's fault injection cuts the answer after the
feed was created (``truncated_json``) or answers a 504 without creating it (``timeout``), and a killed
worker leaves a row ``submitting``. The feeds sync looks for the job with ``feed.list.get``: found, it
is attached and its results recorded; certainly absent, the items fail "not created"; a job not proven
to be ours (no results yet) is waited for, never attached on a guess."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.feeds.models import Feed, FeedItem, FeedStatus, ItemStatus
from aliexpress_magento.feeds.services.submission import SubmitFailed, feeds_left_today, submit
from aliexpress_magento.feeds.services.sync import NOT_CREATED_MESSAGE, sync
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox

from .conftest import QUERY, SUBMIT, SandboxClock, product

LIST_GET = "aliexpress.solution.feed.list.get"


def _lose_the_answer(sandbox: AliExpressSandbox, kind: str, account: Account) -> Feed:
    """Submit two items while every answer suffers the fault ``kind``; faults off again after."""
    sandbox.knobs.update({"fault_rate": 1.0, "fault_kinds": [kind]})
    try:
        with pytest.raises(SubmitFailed) as failed:
            submit(account, "PRODUCT_CREATE", [product("A"), product("B")])
    finally:
        sandbox.knobs.update({"fault_rate": 0.0})
    assert failed.value.lost
    (feed,) = failed.value.feeds
    return feed


def _results(feed: Feed) -> list[tuple[str, str, bool]]:
    rows = FeedItem.objects.filter(feed=feed).order_by("item_content_id")
    return [(r.item_content_id, r.status, r.aliexpress_product_id is not None) for r in rows]


def test_a_cut_off_answer_is_found_at_aliexpress_and_its_results_recorded(
    account: Account, ae_sandbox: AliExpressSandbox, ae_calls: Counter[str]
) -> None:
    feed = _lose_the_answer(ae_sandbox, "truncated_json", account)
    (job,) = ae_sandbox.world.feeds.jobs.values()  # AliExpress created it
    feed.refresh_from_db()
    assert (feed.status, feed.job_id) == (FeedStatus.SUBMITTING, None)

    outcome = sync(account, everything=True)

    feed.refresh_from_db()
    assert (outcome.recovered, outcome.settled, outcome.finished) == (1, 0, 1)
    assert (feed.job_id, feed.status) == (job.job_id, FeedStatus.FINISHED)
    assert feed.error == ""  # the note of its attachment is cleared by its first answered query
    assert _results(feed) == [("A", ItemStatus.SUCCEEDED, True), ("B", ItemStatus.SUCCEEDED, True)]
    assert sorted((r.item_content_id, r.success) for r in outcome.results) == [("A", True), ("B", True)]
    assert (ae_calls[SUBMIT], len(ae_sandbox.world.feeds.jobs)) == (1, 1)  # never sent again
    assert ae_calls[LIST_GET] == 1
    assert outcome.summary().endswith(" 1 submissions whose answer was lost found at AliExpress.")


def test_a_timeout_that_created_nothing_fails_its_items_not_created_after_the_grace(
    account: Account, ae_sandbox: AliExpressSandbox
) -> None:
    feed = _lose_the_answer(ae_sandbox, "timeout", account)
    assert ae_sandbox.world.feeds.jobs == {}

    early = sync(account, everything=True)  # AliExpress may list it late: not settled yet
    feed.refresh_from_db()
    assert (early.settled, feed.status, feed.query_attempts) == (0, FeedStatus.SUBMITTING, 1)

    later = sync(account, now=timezone.now() + timedelta(minutes=11), everything=True)

    feed.refresh_from_db()
    assert (later.settled, feed.status, feed.counts_toward_limit) == (1, FeedStatus.FAILED, False)
    assert feed.error == NOT_CREATED_MESSAGE
    assert [(r.item_content_id, r.error_code) for r in later.results] == [
        ("A", "NOT_CREATED"),
        ("B", "NOT_CREATED"),
    ]
    assert feeds_left_today(account, "PRODUCT_CREATE") == 150  # it never counted at AliExpress


def test_a_job_without_results_yet_is_not_attached_on_a_guess(
    account: Account, ae_sandbox: AliExpressSandbox, ae_clock: SandboxClock, ae_calls: Counter[str]
) -> None:
    ae_sandbox.knobs.feed_delay_seconds = 600  # queued for five minutes, then processed
    feed = _lose_the_answer(ae_sandbox, "truncated_json", account)
    (job,) = ae_sandbox.world.feeds.jobs.values()

    waiting = sync(account, everything=True)

    feed.refresh_from_db()
    assert (waiting.recovered, feed.status, feed.job_id) == (0, FeedStatus.SUBMITTING, None)
    assert ae_calls[QUERY] == 1  # the candidate was asked, and showed no item to prove it ours
    ae_clock.advance(600)

    found = sync(account, everything=True)

    feed.refresh_from_db()
    assert (found.recovered, feed.job_id, feed.status) == (1, job.job_id, FeedStatus.FINISHED)


def test_a_row_left_submitting_by_a_killed_worker_is_found_or_not_created(
    account: Account, ae_sandbox: AliExpressSandbox
) -> None:
    now = timezone.now()
    with api_clients.aliexpress(account) as client:  # the call went out; the worker died before writing
        job_id = client.feeds.submit("PRODUCT_CREATE", [product("A")])
    orphan = Feed.objects.create(
        account=account, operation_type="PRODUCT_CREATE", item_count=1, created_at=now - timedelta(minutes=10)
    )
    FeedItem.objects.create(feed=orphan, item_content_id="A")
    nothing = Feed.objects.create(
        account=account, operation_type="PRODUCT_CREATE", item_count=1, created_at=now - timedelta(minutes=10)
    )
    FeedItem.objects.create(feed=nothing, item_content_id="Z")
    recent = Feed.objects.create(account=account, operation_type="PRODUCT_CREATE", created_at=now)

    outcome = sync(account, now=now)

    orphan.refresh_from_db()
    nothing.refresh_from_db()
    recent.refresh_from_db()
    assert (orphan.job_id, orphan.status) == (job_id, FeedStatus.FINISHED)
    assert (nothing.status, nothing.error) == (FeedStatus.FAILED, NOT_CREATED_MESSAGE)
    assert recent.status == FeedStatus.SUBMITTING  # its submitting process may still await the answer
    assert (outcome.recovered, outcome.settled) == (1, 1)
    assert sorted((r.item_content_id, r.success, r.error_code) for r in outcome.results) == [
        ("A", True, ""),
        ("Z", False, "NOT_CREATED"),
    ]
