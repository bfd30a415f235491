"""The feeds.sync job through the jobs runner: a Cron Logs row when it had something to do, none
otherwise, and its Cron Settings schedule."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.feeds.models import FeedStatus
from aliexpress_magento.feeds.services.submission import submit
from aliexpress_magento.feeds.tasks import sync_feeds
from aliexpress_magento.jobs import scheduling

from .conftest import product


def test_the_job_syncs_due_feeds_and_leaves_a_row_only_when_it_did_something(account: Account) -> None:
    sync_feeds.apply(kwargs={"account_id": account.pk})
    assert not JobRun.objects.exists()  # nothing to query: quiet

    (feed,) = submit(account, "PRODUCT_CREATE", [product("A")], now=timezone.now() - timedelta(minutes=1))
    sync_feeds.apply(kwargs={"account_id": account.pk})

    run = JobRun.objects.get(job_code="feeds.sync")
    assert (run.status, run.account_id) == (JobStatus.SUCCESS, account.pk)
    assert run.messages == (
        "Demo shop: queried 1 feeds: 1 finished, 0 expired, 0 queries failed; items: 1 succeeded, 0 failed."
    )
    feed.refresh_from_db()
    assert feed.status == FeedStatus.FINISHED


def test_everything_queries_feeds_before_their_backoff_is_due(account: Account) -> None:
    (feed,) = submit(account, "PRODUCT_CREATE", [product("A")])  # next query in 30 s
    sync_feeds.apply(kwargs={"account_id": account.pk})
    feed.refresh_from_db()
    assert feed.status == FeedStatus.SUBMITTED

    sync_feeds.apply(kwargs={"account_id": account.pk, "everything": True})
    feed.refresh_from_db()
    assert feed.status == FeedStatus.FINISHED


def test_the_job_is_scheduled_by_its_cron_settings_every_5_minutes_by_default(account: Account) -> None:
    (schedule,) = [s for s in scheduling.schedules() if s.job_code == "feeds.sync"]
    shown = (schedule.title, schedule.enabled(account), schedule.minutes(account))
    assert shown == ("Feed Sync Cron", True, 5)
    Account.objects.filter(pk=account.pk).update(
        cron_override=True, feed_sync_cron_enabled=False, feed_sync_cron_minutes=2
    )
    account.refresh_from_db()
    assert (schedule.enabled(account), schedule.minutes(account)) == (False, 2)
