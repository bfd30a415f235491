"""The token lifecycle: refreshed ahead of expiry by the scheduled job, rotated tokens stored at once,
a warning e-mail before the refresh token dies, and a paused account when nothing but Get Code helps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account, ScheduledJob
from aliexpress_magento.accounts.services import oauth, tokens
from aliexpress_magento.accounts.tasks import refresh_token
from aliexpress_magento.activity.models import ActivityLog, JobRun, JobStatus, Level
from aliexpress_magento.jobs import scheduling
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.jobs.tasks import schedule_tick

from .conftest import authorize


@pytest.fixture
def _only_the_token_job(account: Account) -> None:
    """The tick tests here follow the token job alone: the account's other built jobs (the catalog
    refresh, the feed sync, the price, inventory and product syncs, the order fetch, the shipment sync) are
    switched off in its Cron Settings."""
    Account.objects.filter(pk=account.pk).update(
        cron_override=True,
        order_cron_enabled=False,
        shipment_cron_enabled=False,
        catalog_cron_enabled=False,
        feed_sync_cron_enabled=False,
        price_cron_enabled=False,
        inventory_cron_enabled=False,
        product_cron_enabled=False,
    )
    account.refresh_from_db()


def _run_refresh(account: Account) -> JobRun:
    refresh_token.apply(kwargs={"account_id": account.pk}, throw=False)
    return JobRun.objects.filter(job_code="accounts.refresh_token").latest("id")


def test_a_token_near_expiry_is_refreshed_and_both_tokens_rotate(account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    old_access, old_refresh = account.access_token, account.refresh_token
    Account.objects.filter(pk=account.pk).update(access_token_expires_at=timezone.now() + timedelta(days=1))
    run = _run_refresh(account)
    account.refresh_from_db()
    assert (run.status, run.account_id) == (JobStatus.SUCCESS, account.pk)
    assert account.access_token != old_access and account.refresh_token != old_refresh
    assert account.access_token_expires_at > timezone.now() + timedelta(days=29)
    assert run.messages.startswith(f"{account.name}: refreshed; expires ")
    # The old refresh token was spent: only the stored new one works from now on.
    with api_clients.aliexpress(account) as client:
        assert client.merchant.profile_get().shop_name


def test_a_token_far_from_expiry_is_left_alone(account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    before = account.access_token
    run = _run_refresh(account)
    account.refresh_from_db()
    assert account.access_token == before
    assert run.messages.startswith(f"{account.name}: token valid until ")


def test_a_refused_refresh_pauses_the_account_and_tells_the_owner(account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    Account.objects.filter(pk=account.pk).update(
        refresh_token="50001-revoked", access_token_expires_at=timezone.now() + timedelta(hours=1)
    )
    run = _run_refresh(account)
    account.refresh_from_db()
    assert run.status == JobStatus.ERROR
    assert account.paused_reason == (
        "AliExpress refused the refresh token (IllegalRefreshToken: The specified refresh token is "
        "invalid or expired). Use Get Code to authorize again."
    )
    paused = ActivityLog.objects.get(log_type="account")
    assert (paused.level, paused.account_id) == (Level.ERROR, account.pk)
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]
    assert mail.outbox[0].subject == f"[AliExpress connector] {account.name}: jobs paused"
    # Paused: the next run does nothing; a new Get Code resumes the account.
    assert (
        _run_refresh(account).messages
        == f"Skipped: account {account.name} is paused: {account.paused_reason}"
    )
    oauth.exchange(account, ae_sandbox.grant_code("https://console.test/aliexpress/callback/"))
    account.refresh_from_db()
    assert (account.paused_reason, account.paused_at) == ("", None)


def test_an_expired_session_during_a_call_refreshes_once_and_stores_the_new_tokens(
    account, ae_sandbox
) -> None:
    ae_sandbox.knobs.access_token_ttl_seconds = 0  # the first token is born expired
    authorize(ae_sandbox, account)
    ae_sandbox.knobs.access_token_ttl_seconds = 30 * 86400
    expired = account.access_token
    with tokens.aliexpress_client(account) as client:
        assert client.merchant.profile_get().shop_name
    account.refresh_from_db()
    assert account.access_token != expired
    assert (
        ActivityLog.objects.filter(log_type="token", comment__startswith="Access token refreshed").count()
        == 1
    )


def test_the_owner_is_warned_once_before_the_refresh_token_expires(account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    soon = timezone.now() + timedelta(days=5)
    Account.objects.filter(pk=account.pk).update(refresh_token_expires_at=soon)
    _run_refresh(account)
    _run_refresh(account)
    assert len(mail.outbox) == 1
    assert (
        mail.outbox[0].subject
        == f"[AliExpress connector] {account.name}: AliExpress authorization expires soon"
    )
    assert f"expires {soon:%Y-%m-%d %H:%M:%S} UTC" in mail.outbox[0].body
    assert ActivityLog.objects.filter(log_type="token", level=Level.WARNING).count() == 1


@pytest.mark.usefixtures("_only_the_token_job")
def test_the_tick_queues_due_jobs_once_per_interval(
    account, ae_sandbox, django_capture_on_commit_callbacks
) -> None:
    authorize(ae_sandbox, account)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_tick.apply()
    assert ScheduledJob.objects.get(account=account).job_code == "accounts.refresh_token"
    runs = JobRun.objects.filter(job_code="accounts.refresh_token", account=account)
    assert runs.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        schedule_tick.apply()  # within the hour: nothing new
    assert runs.count() == 1
    ScheduledJob.objects.update(last_queued_at=timezone.now() - timedelta(minutes=61))
    with django_capture_on_commit_callbacks(execute=True):
        schedule_tick.apply()
    assert runs.count() == 2


@pytest.mark.usefixtures("_only_the_token_job")
def test_the_tick_skips_disabled_and_paused_accounts(account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    now = timezone.now()
    assert [(a.pk, s.job_code) for a, s in scheduling.due(now)] == [(account.pk, "accounts.refresh_token")]
    Account.objects.filter(pk=account.pk).update(enabled=False)
    assert scheduling.due(now) == []
    Account.objects.filter(pk=account.pk).update(enabled=True, paused_reason="test")
    assert scheduling.due(now) == []


def _schedule(code: str) -> scheduling.Schedule:
    return next(s for s in scheduling.SCHEDULES if s.job_code == code)


def test_cron_settings_apply_only_with_the_override(account) -> None:
    schedule = _schedule("orders.sync_status")
    account.order_status_cron_enabled, account.order_status_cron_minutes = True, 5
    assert (schedule.enabled(account), schedule.minutes(account)) == (False, 30)  # the defaults
    account.cron_override = True
    assert (schedule.enabled(account), schedule.minutes(account)) == (True, 5)


def test_a_queued_account_job_is_filed_under_its_account(account) -> None:
    from aliexpress_magento.jobs.runner import record_queued

    record_queued("accounts.refresh_token", {"id": "task-acc-1", "eta": None}, {"account_id": account.pk})
    record_queued("activity.purge_old_logs", {"id": "task-acc-2", "eta": None}, {})
    rows = dict(JobRun.objects.values_list("task_id", "account_id"))
    assert rows == {"task-acc-1": account.pk, "task-acc-2": None}


def test_two_workers_refreshing_at_once_do_not_pause_the_account(account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    first, second = Account.objects.get(pk=account.pk), Account.objects.get(pk=account.pk)
    winner = tokens.refresh(first)
    try:
        tokens.refresh(second)  # sends the refresh token the first worker just spent
    except tokens.RefreshedElsewhere:
        pass
    else:
        raise AssertionError("the stale refresh should have been recognised")
    account.refresh_from_db()
    assert (account.paused_reason, account.access_token) == ("", winner.access_token)
    assert second.access_token == winner.access_token  # the loser now holds the stored tokens
    assert mail.outbox == []


@account_job("tests.accounts.race")
def _racing_job(run, account: Account) -> None:  # type: ignore[no-untyped-def]
    tokens.refresh(Account.objects.get(pk=account.pk))  # another worker refreshes meanwhile
    tokens.refresh(account)  # this job still holds the old refresh token


def test_a_job_that_loses_the_refresh_race_ends_quietly(account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    _racing_job.apply(kwargs={"account_id": account.pk})
    run = JobRun.objects.get(job_code="tests.accounts.race")
    assert (run.status, run.messages) == (
        JobStatus.SUCCESS,
        f"{account.name}: another worker refreshed the token meanwhile; nothing to do.",
    )
    account.refresh_from_db()
    assert account.paused_reason == ""


def test_a_built_cron_job_follows_the_accounts_cron_settings(account, monkeypatch) -> None:
    monkeypatch.setattr(scheduling, "is_built", lambda code: code == "orders.sync_status")
    (schedule,) = scheduling.schedules()
    assert schedule.title == "Order Status Sync Cron"
    now = timezone.now()
    assert scheduling.due(now) == []  # off by default
    Account.objects.filter(pk=account.pk).update(
        cron_override=True, order_status_cron_enabled=True, order_status_cron_minutes=5
    )
    assert [(a.pk, s.job_code) for a, s in scheduling.due(now)] == [(account.pk, "orders.sync_status")]
    assert scheduling.claim(Account.objects.get(pk=account.pk), schedule, now)
    assert scheduling.due(now + timedelta(minutes=4)) == []
    assert len(scheduling.due(now + timedelta(minutes=5))) == 1


def test_two_ticks_sharing_a_stale_read_queue_a_job_once(
    account, ae_sandbox, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    authorize(ae_sandbox, account)
    stale = scheduling.due(timezone.now())  # the second tick read the schedule before the first wrote
    with django_capture_on_commit_callbacks(execute=True):
        schedule_tick.apply()
    monkeypatch.setattr(scheduling, "due", lambda now: stale)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_tick.apply()
    assert JobRun.objects.filter(job_code="accounts.refresh_token", account=account).count() == 1


@pytest.mark.usefixtures("_only_the_token_job")
def test_a_job_still_queued_running_or_locked_is_not_queued_again(account, ae_sandbox) -> None:
    from aliexpress_magento.jobs.locks import account_lock

    authorize(ae_sandbox, account)
    now = timezone.now()
    run = JobRun.objects.create(job_code="accounts.refresh_token", account=account, status=JobStatus.RUNNING)
    assert scheduling.due(now) == []
    run.status = JobStatus.PENDING
    run.save()
    assert scheduling.due(now) == []
    run.status = JobStatus.SUCCESS
    run.save()
    with account_lock(account.pk, "accounts.refresh_token"):  # a run started by hand holds the lock
        assert scheduling.due(now) == []
    assert [(a.pk, s.job_code) for a, s in scheduling.due(now)] == [(account.pk, "accounts.refresh_token")]


@pytest.mark.usefixtures("_only_the_token_job")
def test_a_tick_leaves_a_cron_log_row_only_when_it_queued_something(
    account, ae_sandbox, django_capture_on_commit_callbacks
) -> None:
    from aliexpress_magento.jobs.runner import record_queued

    ticks = JobRun.objects.filter(job_code="accounts.schedule_tick")
    schedule_tick.apply()  # not authorized yet: no token job is due
    assert not ticks.exists()
    record_queued("accounts.schedule_tick", {"id": "beat-tick-1", "eta": None}, {})  # beat publishes it
    assert not ticks.exists()
    authorize(ae_sandbox, account)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_tick.apply()
    (tick,) = ticks
    assert (tick.status, tick.messages) == (
        JobStatus.SUCCESS,
        f"Queued accounts.refresh_token for {account.name}.",
    )
