"""Magento shipments sent to AliExpress (order.fulfill), on both Magento sandboxes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aliexpress_magento.accounts.models import CarrierMapping
from aliexpress_magento.activity.models import ActivityLog, JobRun, JobStatus, Level
from aliexpress_magento.jobs import scheduling
from aliexpress_magento.orders.models import AliExpressOrder, OrderFetchState, OrderShipment, ShipmentStatus
from aliexpress_magento.orders.services import run
from aliexpress_magento.orders.tasks import sync_shipments

from .conftest import Shop

DHL_NUMBER = "1234567890"  # DHL's rule: ten digits
UPS_NUMBER = "1Z999AA10123456784"  # UPS's rule: 1Z and sixteen letters or digits


def map_carriers(shop: Shop, **services: str) -> None:
    for carrier, service in services.items():
        CarrierMapping.objects.create(
            account=shop.account, magento_carrier=carrier, aliexpress_service=service
        )


def imported_order(shop: Shop, lines: int = 1) -> AliExpressOrder:
    """An AliExpress order of at least ``lines`` lines (the buyer simulator's draw), imported."""
    shop.sell(dict.fromkeys(shop.salable_simples(3), 30))
    for _ in range(20):
        (order_id,) = shop.place(1)
        if len(shop.aliexpress.world.orders.orders[order_id].lines) >= lines:
            break
    shop.run()
    claim = shop.claims()[order_id]
    assert claim.magento_order_id is not None
    return claim


def sent(shop: Shop, order_id: int) -> list[tuple[str, str, str, str]]:
    """What AliExpress holds as declared for the order: (service, number, send type, website)."""
    found = shop.aliexpress.world.orders.orders[order_id].shipments
    return [(s.service_name, s.logistics_no, s.send_type, s.tracking_website) for s in found]


def test_a_partial_then_the_full_shipment_are_sent_part_then_all_and_never_twice(shop: Shop) -> None:
    map_carriers(shop, dhl="DHL", ups="UPS")
    claim = imported_order(shop, lines=2)
    order_id, magento_id = claim.aliexpress_order_id, claim.magento_order_id
    assert magento_id is not None
    first_sku = shop.aliexpress.world.orders.orders[order_id].lines[0].sku_code

    shop.ship(magento_id, [(DHL_NUMBER, "dhl", "DHL")], skus=[first_sku])
    first = run.sync_shipments(shop.account)
    assert sent(shop, order_id) == [("DHL", DHL_NUMBER, "part", "")]
    assert shop.aliexpress.world.orders.orders[order_id].status == "SELLER_PART_SEND_GOODS"
    assert (first.recorded, dict(first.outcomes)) == (1, {ShipmentStatus.SENT: 1})
    claim.refresh_from_db()
    assert (claim.shipment_state, claim.shipment_error) == ("part", "")

    shop.ship(magento_id, [(UPS_NUMBER, "ups", "UPS")])  # every line left
    second = run.sync_shipments(shop.account)
    third = run.sync_shipments(shop.account)
    OrderFetchState.objects.filter(account=shop.account).update(shipments_watermark=None)
    from_scratch = run.sync_shipments(shop.account)  # every shipment read again: none sent again

    assert sent(shop, order_id) == [("DHL", DHL_NUMBER, "part", ""), ("UPS", UPS_NUMBER, "all", "")]
    assert shop.aliexpress.world.orders.orders[order_id].status == "WAIT_BUYER_ACCEPT_GOODS"
    assert (second.recorded, dict(second.outcomes)) == (1, {ShipmentStatus.SENT: 1})
    assert (third.recorded, dict(third.outcomes), from_scratch.read) == (0, {}, 2)
    assert (from_scratch.recorded, dict(from_scratch.outcomes)) == (0, {})
    rows = list(
        OrderShipment.objects.filter(order=claim).values_list(
            "tracking_number", "service_name", "send_type", "status"
        )
    )
    assert rows == [
        (DHL_NUMBER, "DHL", "part", ShipmentStatus.SENT),
        (UPS_NUMBER, "UPS", "all", ShipmentStatus.SENT),
    ]
    claim.refresh_from_db()
    assert claim.shipment_state == "all" and claim.shipment_sent_at is not None


def test_a_tracking_number_aliexpress_refuses_is_kept_with_the_reason_and_not_sent_again(shop: Shop) -> None:
    map_carriers(shop, ups="UPS")
    claim = imported_order(shop)
    assert claim.magento_order_id is not None
    shop.ship(claim.magento_order_id, [("NOT-A-UPS-NUMBER", "ups", "UPS")])

    first = run.sync_shipments(shop.account)
    second = run.sync_shipments(shop.account)

    row = OrderShipment.objects.get(order=claim)
    assert (row.status, row.attempts, row.sent_at) == (ShipmentStatus.REFUSED, 1, None)
    assert row.error == (
        "AliExpress refused tracking number NOT-A-UPS-NUMBER (UPS): 非法参数: logistics_no "
        "NOT-A-UPS-NUMBER is not a valid tracking number for UPS (isv.invalid-parameter)"
    )
    claim.refresh_from_db()
    assert claim.shipment_error == row.error and claim.shipment_state == ""
    assert sent(shop, claim.aliexpress_order_id) == []
    assert (dict(first.outcomes), dict(second.outcomes)) == ({ShipmentStatus.REFUSED: 1}, {})
    logged = ActivityLog.objects.get(log_type="orders", log_sub_type="shipments", level=Level.ERROR)
    assert logged.comment == f"AliExpress order {claim.aliexpress_order_id}: {row.error}"


def test_a_carrier_without_mapping_waits_with_the_reason_until_one_is_added(shop: Shop) -> None:
    claim = imported_order(shop)
    assert claim.magento_order_id is not None
    shop.ship(claim.magento_order_id, [("PARCEL-0042", "custom", "Local courier")])

    blocked = run.sync_shipments(shop.account)
    row = OrderShipment.objects.get(order=claim)
    assert (row.status, row.error) == (
        ShipmentStatus.BLOCKED,
        "No Carrier Mapping for the Magento carrier 'custom' (Local courier): add it in the Order "
        "Configuration's Carrier Mapping, then the next run sends it.",
    )
    assert sent(shop, claim.aliexpress_order_id) == []
    assert dict(blocked.outcomes) == {ShipmentStatus.BLOCKED: 1}

    CarrierMapping.objects.create(
        account=shop.account,
        magento_carrier="custom",
        aliexpress_service="other",
        tracking_url="https://courier.example/track",
    )
    run.sync_shipments(shop.account)

    assert sent(shop, claim.aliexpress_order_id) == [
        ("other", "PARCEL-0042", "all", "https://courier.example/track")
    ]
    row.refresh_from_db()
    claim.refresh_from_db()
    assert (row.status, row.error, claim.shipment_error, claim.shipment_state) == (
        ShipmentStatus.SENT,
        "",
        "",
        "all",
    )


@pytest.mark.parametrize(
    ("fault", "declared_by_the_failed_call"), [("http_500", False), ("truncated_json", True)]
)
def test_a_transient_failure_is_retried_and_never_declared_twice(
    shop: Shop, fault: str, declared_by_the_failed_call: bool
) -> None:
    """A 500 never reached AliExpress's books; a cut answer did (the sandbox declared it): the retry reads
    the order first and sends only what AliExpress does not list."""
    map_carriers(shop, dhl="DHL")
    claim = imported_order(shop)
    assert claim.magento_order_id is not None
    shop.ship(claim.magento_order_id, [(DHL_NUMBER, "dhl", "DHL")])
    knobs = shop.aliexpress.knobs
    knobs.fault_rate, knobs.fault_kinds = 1.0, [fault]
    failed = run.sync_shipments(shop.account)
    knobs.fault_rate = 0.0

    row = OrderShipment.objects.get(order=claim)
    assert dict(failed.outcomes) == {ShipmentStatus.FAILED: 1}
    assert (row.status, row.attempts, row.maybe_sent) == (ShipmentStatus.FAILED, 1, True)
    assert row.next_retry_at is not None and row.error.endswith("; retried later.")
    assert len(sent(shop, claim.aliexpress_order_id)) == int(declared_by_the_failed_call)
    run.sync_shipments(shop.account)  # before the retry is due: nothing happens
    row.refresh_from_db()
    assert (row.status, row.attempts) == (ShipmentStatus.FAILED, 1)

    OrderShipment.objects.filter(pk=row.pk).update(next_retry_at=row.created_at)
    run.sync_shipments(shop.account)

    row.refresh_from_db()
    assert (row.status, row.attempts, row.error) == (ShipmentStatus.SENT, 2, "")
    assert sent(shop, claim.aliexpress_order_id) == [("DHL", DHL_NUMBER, "all", "")]


def test_the_job_notes_its_run_and_is_the_shipment_sync_cron(shop: Shop) -> None:
    map_carriers(shop, dhl="DHL")
    claim = imported_order(shop)
    assert claim.magento_order_id is not None
    shop.ship(claim.magento_order_id, [(DHL_NUMBER, "dhl", "DHL")])

    sync_shipments.apply(kwargs={"account_id": shop.account.pk})

    job = JobRun.objects.get(job_code="orders.sync_shipments")
    summary = "1 Magento shipments read, 1 new tracking numbers; sent to AliExpress: 1 sent."
    assert (job.status, job.messages) == (JobStatus.SUCCESS, f"Demo shop: {summary}")
    logged = ActivityLog.objects.get(log_type="orders", log_sub_type="shipments")
    assert (logged.level, logged.comment) == (Level.INFO, f"Demo shop: {summary}")
    (schedule,) = [s for s in scheduling.schedules() if s.job_code == "orders.sync_shipments"]
    assert (schedule.title, schedule.enabled(shop.account), schedule.minutes(shop.account)) == (
        "Shipment Sync Cron",
        True,
        15,
    )


def test_a_shipment_with_two_tracking_numbers_sends_part_then_all(shop: Shop) -> None:
    map_carriers(shop, dhl="DHL", ups="UPS")
    claim = imported_order(shop)
    assert claim.magento_order_id is not None
    shop.ship(claim.magento_order_id, [(DHL_NUMBER, "dhl", "DHL"), (UPS_NUMBER, "ups", "UPS")])

    counts = run.sync_shipments(shop.account)

    assert (counts.read, counts.recorded) == (1, 2)
    assert sent(shop, claim.aliexpress_order_id) == [
        ("DHL", DHL_NUMBER, "part", ""),
        ("UPS", UPS_NUMBER, "all", ""),
    ]


def test_a_number_refused_under_a_wrong_mapping_goes_again_once_the_mapping_is_corrected(shop: Shop) -> None:
    map_carriers(shop, ups="DHL")  # the merchant's slip: UPS parcels declared as DHL
    claim = imported_order(shop)
    assert claim.magento_order_id is not None
    shop.ship(claim.magento_order_id, [(UPS_NUMBER, "ups", "UPS")])
    refused = run.sync_shipments(shop.account)
    unchanged = run.sync_shipments(shop.account)

    CarrierMapping.objects.filter(account=shop.account, magento_carrier="ups").update(
        aliexpress_service="UPS"
    )
    corrected = run.sync_shipments(shop.account)

    assert (dict(refused.outcomes), dict(unchanged.outcomes)) == ({ShipmentStatus.REFUSED: 1}, {})
    assert dict(corrected.outcomes) == {ShipmentStatus.SENT: 1}
    assert sent(shop, claim.aliexpress_order_id) == [("UPS", UPS_NUMBER, "all", "")]
    claim.refresh_from_db()
    assert (claim.shipment_state, claim.shipment_error) == ("all", "")


def test_a_tracking_number_added_later_to_a_shipment_is_sent(shop: Shop) -> None:
    """Adding a track does not touch the shipment's updated_at: the read reaches back to it."""
    map_carriers(shop, dhl="DHL")
    claim = imported_order(shop)
    assert claim.magento_order_id is not None
    shop.ship(claim.magento_order_id, [])
    untracked = run.sync_shipments(shop.account)
    (row,) = OrderShipment.objects.filter(order=claim)
    assert (row.tracking_number, row.status, dict(untracked.outcomes)) == ("", ShipmentStatus.BLOCKED, {})

    OrderFetchState.objects.filter(account=shop.account).update(
        shipments_watermark=row.shipped_at + timedelta(hours=1)  # as if runs went on long after it
    )
    shop.add_track(claim.magento_order_id, (DHL_NUMBER, "dhl", "DHL"))
    run.sync_shipments(shop.account)

    assert sent(shop, claim.aliexpress_order_id) == [("DHL", DHL_NUMBER, "all", "")]
    numbers = list(OrderShipment.objects.filter(order=claim).values_list("tracking_number", "status"))
    assert numbers == [(DHL_NUMBER, ShipmentStatus.SENT)]  # the number-less row has served
