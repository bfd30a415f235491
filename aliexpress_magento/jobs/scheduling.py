"""Each account's own schedule (the manual's Cron Settings): a tick every minute queues the jobs that
are enabled for the account and due by their interval. Beat's own schedule stays fixed; this is how
per-account flags and intervals take effect without restarting anything.

``SCHEDULES`` is the one list of per-account scheduled jobs. A job in it is *available* once its Celery
task exists: ``JobsConfig.ready()`` imports every app's ``tasks`` module, so the web process (the
dashboard) and the worker (the tick) agree on which jobs are built. Cron Settings of jobs not built yet
are kept and take effect when their task lands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction

from aliexpress_magento.accounts.models import Account, ScheduledJob
from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.celery import app

from .locks import holds


@dataclass(frozen=True)
class Schedule:
    job_code: str  # the Celery task name, also the name of the job's account lock
    title: str
    enabled: Callable[[Account], bool]
    minutes: Callable[[Account], int]


@dataclass(frozen=True)
class CronSetting:
    """One job of the manual's Cron Settings: its name there and its two fields on the account."""

    title: str
    enabled_field: str
    minutes_field: str


def cron_setting(account: Account, setting: CronSetting) -> tuple[bool, int]:
    """(enabled, minutes) of one Cron Settings job: the account's own with the override on, else the
    defaults."""
    source = account if account.cron_override else Account()  # an unsaved account holds the defaults
    return bool(getattr(source, setting.enabled_field)), int(getattr(source, setting.minutes_field))


def cron(job_code: str, title: str, enabled_field: str, minutes_field: str) -> Schedule:
    """A job driven by its Cron Settings fields on the account."""
    setting = CronSetting(title, enabled_field, minutes_field)
    return Schedule(
        job_code,
        title,
        enabled=lambda a: cron_setting(a, setting)[0],
        minutes=lambda a: cron_setting(a, setting)[1],
    )


TOKEN_JOB = "accounts.refresh_token"  # noqa: S105 - a job name, not a secret

# Every per-account scheduled job. Adding one: its entry here (and, for a Cron Settings job, its two
# fields on Account and the form), then its ``@account_job(code)`` in the feature's tasks.py.
SCHEDULES: tuple[Schedule, ...] = (
    # Hourly: cheap (no call unless a refresh is due) and soon enough for a token refreshed days ahead.
    Schedule(TOKEN_JOB, "Token refresh", enabled=lambda a: bool(a.refresh_token), minutes=lambda a: 60),
    cron("orders.fetch", "Order Cron", "order_cron_enabled", "order_cron_minutes"),
    cron(
        "orders.sync_status",
        "Order Status Sync Cron",
        "order_status_cron_enabled",
        "order_status_cron_minutes",
    ),
    cron("orders.sync_shipments", "Shipment Sync Cron", "shipment_cron_enabled", "shipment_cron_minutes"),
    cron("listings.sync_inventory", "Inventory Cron", "inventory_cron_enabled", "inventory_cron_minutes"),
    cron("listings.sync_price", "Price Cron", "price_cron_enabled", "price_cron_minutes"),
    cron("listings.sync_products", "Product Cron", "product_cron_enabled", "product_cron_minutes"),
    cron("catalog.refresh", "Catalog Refresh Cron", "catalog_cron_enabled", "catalog_cron_minutes"),
    cron("feeds.sync", "Feed Sync Cron", "feed_sync_cron_enabled", "feed_sync_cron_minutes"),
)


def is_built(job_code: str) -> bool:
    """Whether the job's task exists in this process (every app's tasks module is imported at start)."""
    return job_code in app.tasks


def schedules() -> list[Schedule]:
    """The available jobs: in SCHEDULES and built."""
    return [s for s in SCHEDULES if is_built(s.job_code)]


def due(now: datetime) -> list[tuple[Account, Schedule]]:
    """Every (account, job) to queue now: account enabled and not paused, job enabled, its interval
    passed since it was last queued, and no run of it still queued or running (runs never overlap)."""
    last = {(s.account_id, s.job_code): s.last_queued_at for s in ScheduledJob.objects.all()}
    busy = _unfinished_runs()
    out = []
    for account in Account.objects.filter(enabled=True, paused_reason=""):
        for schedule in schedules():
            if not schedule.enabled(account) or (account.pk, schedule.job_code) in busy:
                continue
            previous = last.get((account.pk, schedule.job_code))
            interval = timedelta(minutes=schedule.minutes(account))
            if (previous is None or now - previous >= interval) and not holds(account.pk, schedule.job_code):
                out.append((account, schedule))
    return out


def _unfinished_runs() -> set[tuple[int, str]]:
    """(account, job) pairs with a run queued or running: a slow run must not get a twin. A run whose
    worker died is closed by ``activity.close_stale_runs``, which frees its job again."""
    unfinished = JobRun.objects.filter(
        status__in=[JobStatus.PENDING, JobStatus.RUNNING], account__isnull=False
    )
    return set(unfinished.values_list("account_id", "job_code").distinct())


def claim(account: Account, schedule: Schedule, now: datetime) -> bool:
    """Move the job's ``last_queued_at`` to ``now`` if it is still due; True for the one tick whose
    write landed. Two ticks that both read the job as due (overlapping ticks, two beat processes) both
    try, but the conditional update (or the unique insert of a first run) lets only one through."""
    due_before = now - timedelta(minutes=schedule.minutes(account))
    rows = ScheduledJob.objects.filter(account=account, job_code=schedule.job_code)
    if rows.filter(last_queued_at__lte=due_before).update(last_queued_at=now):
        return True
    try:
        with transaction.atomic():  # a savepoint: the losing insert must not spoil the tick's transaction
            ScheduledJob.objects.create(account=account, job_code=schedule.job_code, last_queued_at=now)
    except IntegrityError:
        return False  # queued meanwhile (or not due): the row exists
    return True


@dataclass(frozen=True)
class RunNow:
    queued: bool
    message: str


def run_now(account: Account, job_code: str) -> RunNow:
    """The dashboard's **Run now**: queue one scheduled job of the account at once, after the request
    commits, as the tick would — but not while a run of it is queued or running (runs never overlap), nor
    for a disabled or paused account (its jobs would do nothing). The schedule itself is left as it is."""
    schedule = next((s for s in schedules() if s.job_code == job_code), None)
    if schedule is None:
        return RunNow(False, f"No scheduled job {job_code} in this version.")
    if not account.enabled:
        return RunNow(
            False, f"{account.name} is disabled (Configuration → Enabled): {schedule.title} not run."
        )
    if account.is_paused:
        return RunNow(False, f"{account.name} is paused: {account.paused_reason} {schedule.title} not run.")
    if (account.pk, job_code) in _unfinished_runs():
        return RunNow(False, f"{schedule.title} of {account.name} is already queued or running.")
    transaction.on_commit(lambda: app.signature(job_code, kwargs={"account_id": account.pk}).apply_async())
    return RunNow(
        True, f"{schedule.title} of {account.name} is queued; its run shows below and in Cron Logs."
    )
