"""The Order Cron's job through the jobs runner: its Cron Logs row and the failures in the Activity Log."""

from __future__ import annotations

from aliexpress_magento.activity.models import ActivityLog, JobRun, JobStatus, Level
from aliexpress_magento.jobs import scheduling
from aliexpress_magento.orders.models import OrderFetchState
from aliexpress_magento.orders.tasks import fetch_orders

from .conftest import Shop


def test_the_job_imports_and_leaves_its_run_and_the_failures_in_the_log(shop: Shop) -> None:
    (sku,) = shop.salable_simples(1)
    shop.sell({"NOT-IN-MAGENTO": 5})
    (failing,) = shop.place(1)
    shop.sell({sku: 5})
    shop.place(1)

    fetch_orders.apply(kwargs={"account_id": shop.account.pk})

    run = JobRun.objects.get(job_code="orders.fetch")
    assert run.status == JobStatus.SUCCESS
    assert run.messages == "Demo shop: 2 orders listed, 2 new, 0 changed; import: 1 created, 1 failed."
    logged = ActivityLog.objects.get(log_type="orders", log_sub_type="import", account_id=shop.account.pk)
    assert logged.level == Level.ERROR
    assert logged.comment == (
        f"AliExpress order {failing} not created: Unknown SKU in Magento: NOT-IN-MAGENTO. It is neither a "
        "Magento SKU nor a listed AliExpress SKU (set the Alternate SKU Attribute if your AliExpress SKU "
        "codes are not Magento SKUs)."
    )
    assert logged.related_repr == f"AliExpress order {failing}"
    assert OrderFetchState.objects.get(account=shop.account).watermark is not None


def test_the_job_is_the_order_cron_every_10_minutes_by_default(shop: Shop) -> None:
    (schedule,) = [s for s in scheduling.schedules() if s.job_code == "orders.fetch"]
    assert (schedule.title, schedule.enabled(shop.account), schedule.minutes(shop.account)) == (
        "Order Cron",
        True,
        10,
    )
