"""The catalog refresh job through the jobs runner, on both Magento sandboxes."""

from __future__ import annotations

from aliexpress_magento.activity.models import ActivityLog, JobRun, JobStatus, Level
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.catalog.tasks import refresh_catalog
from aliexpress_magento.jobs import scheduling

from .conftest import Shop


def test_the_job_refreshes_through_the_runner_and_leaves_its_run_and_log(shop: Shop) -> None:
    refresh_catalog.apply(kwargs={"account_id": shop.account.pk})
    run = JobRun.objects.get(job_code="catalog.refresh")
    assert run.status == JobStatus.SUCCESS
    assert run.messages.startswith("Demo shop: full refresh: read ")
    assert ", created 30, changed 0, unchanged 0, removed 0, stock updated " in run.messages
    logged = ActivityLog.objects.get(log_type="catalog", log_sub_type="refresh", account_id=shop.account.pk)
    assert logged.level == Level.SUCCESS
    assert CatalogProduct.objects.count() == 30
    refresh_catalog.apply(kwargs={"account_id": shop.account.pk})  # a full read is done: incremental now
    assert JobRun.objects.latest("id").messages.startswith("Demo shop: incremental refresh: read ")


def test_the_job_is_scheduled_by_its_cron_settings_hourly_by_default(shop: Shop) -> None:
    (schedule,) = [s for s in scheduling.schedules() if s.job_code == "catalog.refresh"]
    assert (schedule.title, schedule.enabled(shop.account), schedule.minutes(shop.account)) == (
        "Catalog Refresh Cron",
        True,
        60,
    )
