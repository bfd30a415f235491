"""AliExpress statuses read back (the Order Status Sync Cron), on both Magento sandboxes."""

from __future__ import annotations

from aliexpress_magento.activity.models import ActivityLog, JobRun, JobStatus, Level
from aliexpress_magento.orders.models import AliExpressOrder
from aliexpress_magento.orders.services import run
from aliexpress_magento.orders.tasks import sync_status

from .conftest import Shop
from .test_shipments import DHL_NUMBER, map_carriers


def imported(shop: Shop) -> tuple[AliExpressOrder, str, float]:
    """One imported order of one SKU: (its claim, the SKU, Magento's salable quantity before the order)."""
    (sku,) = shop.salable_simples(1)
    before = shop.magento.salable_qty(sku)
    shop.sell({sku: 30})
    (order_id,) = shop.place(1)
    shop.run()
    claim = shop.claims()[order_id]
    assert claim.magento_order_id is not None
    return claim, sku, before


def buyer_asks_to_cancel(shop: Shop, order_id: int) -> None:
    shop.aliexpress.world.orders.orders[order_id].move("IN_CANCEL", shop.aliexpress.clock())


def test_a_cancel_request_before_shipment_cancels_the_magento_order_and_gives_the_stock_back(
    shop: Shop,
) -> None:
    claim, sku, before = imported(shop)
    count = shop.aliexpress.world.orders.orders[claim.aliexpress_order_id].lines[0].count
    assert shop.magento.salable_qty(sku) == before - count
    buyer_asks_to_cancel(shop, claim.aliexpress_order_id)

    first = run.sync_status(shop.account)
    second = run.sync_status(shop.account)

    assert claim.magento_order_id is not None
    assert shop.magento_state(claim.magento_order_id) == "canceled"
    assert shop.magento.salable_qty(sku) == before  # Magento gives the stock back (recorded on both)
    text = (
        f"Canceled by the AliExpress connector: AliExpress order {claim.aliexpress_order_id} the buyer "
        "asked to cancel it (IN_CANCEL)."
    )
    assert shop.comments(claim.magento_order_id).count(text) == 1
    claim.refresh_from_db()
    assert (claim.aliexpress_status, claim.magento_status, claim.status_alert) == (
        "IN_CANCEL",
        "canceled",
        "",
    )
    assert claim.magento_canceled_at is not None and claim.finished_at is None
    assert dict(first.outcomes) == {"canceled in Magento": 1} and first.changed == 1
    assert (second.changed, dict(second.outcomes)) == (0, {})

    shop.aliexpress.cancel_order(claim.aliexpress_order_id)  # AliExpress closes it: FINISH
    third = run.sync_status(shop.account)
    claim.refresh_from_db()
    assert claim.finished_at is not None and dict(third.outcomes) == {"marked finished": 1}
    assert shop.comments(claim.magento_order_id).count(text) == 1  # not canceled twice


def test_an_order_closed_before_shipment_is_canceled_and_marked_finished(shop: Shop) -> None:
    claim, sku, before = imported(shop)
    shop.aliexpress.cancel_order(claim.aliexpress_order_id)  # closed on AliExpress before shipment

    counts = run.sync_status(shop.account)

    assert claim.magento_order_id is not None
    assert shop.magento_state(claim.magento_order_id) == "canceled"
    assert shop.magento.salable_qty(sku) == before
    assert dict(counts.outcomes) == {"canceled in Magento": 1, "marked finished": 1}
    assert (
        f"Canceled by the AliExpress connector: AliExpress order {claim.aliexpress_order_id} it was closed "
        "before shipment."
    ) in shop.comments(claim.magento_order_id)


def test_a_cancel_request_after_magento_shipped_is_flagged_not_canceled(shop: Shop) -> None:
    claim, _, _ = imported(shop)
    assert claim.magento_order_id is not None
    shop.ship(claim.magento_order_id, [(DHL_NUMBER, "dhl", "DHL")])  # not yet sent to AliExpress
    buyer_asks_to_cancel(shop, claim.aliexpress_order_id)

    counts = run.sync_status(shop.account)
    again = run.sync_status(shop.account)

    assert shop.magento_state(claim.magento_order_id) != "canceled"
    claim.refresh_from_db()
    alert = (
        f"AliExpress order {claim.aliexpress_order_id}: the buyer asked to cancel it (IN_CANCEL), but "
        f"Magento order {claim.magento_order_number} has shipped: not canceled in Magento; handle it by hand."
    )
    assert (claim.status_alert, claim.magento_canceled_at) == (alert, None)
    assert (dict(counts.outcomes), dict(again.outcomes)) == ({"flagged": 1}, {})
    logged = ActivityLog.objects.get(log_type="orders", log_sub_type="status")
    assert (logged.level, logged.comment) == (Level.WARNING, alert)


def test_a_shipped_order_the_buyer_confirms_is_marked_finished_by_the_job(shop: Shop) -> None:
    map_carriers(shop, dhl="DHL")
    claim, _, _ = imported(shop)
    assert claim.magento_order_id is not None
    shop.ship(claim.magento_order_id, [(DHL_NUMBER, "dhl", "DHL")])
    run.sync_shipments(shop.account)
    shop.aliexpress.finish_order(claim.aliexpress_order_id)

    sync_status.apply(kwargs={"account_id": shop.account.pk})

    claim.refresh_from_db()
    assert (claim.aliexpress_status, claim.magento_canceled_at, claim.status_alert) == ("FINISH", None, "")
    assert claim.finished_at is not None
    assert shop.magento_state(claim.magento_order_id) != "canceled"
    job = JobRun.objects.get(job_code="orders.sync_status")
    summary = "1 orders listed, 1 of ours changed status; 1 marked finished."
    assert (job.status, job.messages) == (JobStatus.SUCCESS, f"Demo shop: {summary}")
    logged = ActivityLog.objects.get(log_type="orders", log_sub_type="status")
    assert (logged.level, logged.comment) == (Level.INFO, f"Demo shop: {summary}")
