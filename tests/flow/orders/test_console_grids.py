"""Manage Orders (manual §6.1, §6.2): the View Aliexpress Orders and Failed Orders grids — columns, the
Magento admin link, filters, search, a fixed number of queries per page, the detail page with the raw
payloads (escaped) and the attempts, who sees what, and the back-fill window's form. Rows are written
here directly: the import itself is tested in test_import and test_console_actions."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.orders.links import magento_order_url
from aliexpress_magento.orders.models import (
    AliExpressOrder,
    AttemptOutcome,
    ImportStatus,
    OrderAttempt,
    OrderFetchState,
    OrderShipment,
    ShipmentStatus,
)
from aliexpress_magento.orders.shipby import ship_by
from tests.support.accounts import make_account

pytestmark = pytest.mark.django_db

GRID = reverse("admin:orders_aliexpressorder_changelist")
FAILED = reverse("admin:orders_failedorder_changelist")
AE_URL, M2_URL = "https://ae.unused.test", "https://shop.unused.test"
CREATED = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def shop() -> Account:
    return make_account(AE_URL, M2_URL, name="Shop A")


def detail(*lines: tuple[str, int]) -> dict[str, Any]:
    children = [{"sku_code": sku, "product_count": n, "product_id": 1} for sku, n in lines]
    return {
        "order_status": "WAIT_SELLER_SEND_GOODS",
        "child_order_list": {"global_aeop_tp_child_order_dto": children},
    }


def claim(account: Account, order_id: int, **fields: Any) -> AliExpressOrder:
    values: dict[str, Any] = {
        "aliexpress_status": "WAIT_SELLER_SEND_GOODS",
        "buyer_login_id": f"buyer{order_id % 100}",
        "buyer_name": "Ana Perez",
        "aliexpress_created_at": CREATED + timedelta(minutes=order_id % 1000),
        "aliexpress_total": Decimal("12.00"),
        "aliexpress_currency": "USD",
        "detail_payload": detail(("TS-RED-M", 2)),
        "status": ImportStatus.IMPORTED,
    }
    return AliExpressOrder.objects.create(
        account=account, aliexpress_order_id=order_id, **{**values, **fields}
    )


def _ids(response: Any) -> list[int]:
    return [row.aliexpress_order_id for row in response.context["cl"].result_list]


def _cell(html: str, row_pk: int, column: str) -> str:
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if f'value="{row_pk}"' in r]
    assert len(rows) == 1, f"no row for {row_pk}"
    cell = re.search(rf'<td class="field-{column}[^"]*">(.*?)</td>', rows[0], re.S)
    assert cell, f"no {column} cell"
    return cell.group(1).strip()


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()


# --- View Aliexpress Orders ------------------------------------------------------------------------


def test_the_orders_grid_shows_the_columns_the_link_and_the_fetch_panel(merchant_client, shop) -> None:
    imported = claim(
        shop,
        8100000000000001,
        magento_order_id=42,
        magento_order_number="AE-8100000000000001",
        magento_status="pending",
        imported_at=CREATED + timedelta(hours=1),
        totals_mismatch=True,
        detail_payload=detail(("TS-RED-M", 2), ("CAP-1", 1)),
    )

    response = merchant_client.get(GRID)
    html = response.content.decode()

    assert response.context["cl"].title == "Aliexpress Order Details"
    headers = [h["text"] for h in response.context["result_headers"]][1:]
    assert headers == [
        "AliExpress Order Id",
        "Magento Order #",
        "AliExpress Status",
        "Magento Status",
        "Buyer",
        "Items",
        "Total",
        "Created on AliExpress",
        "Imported",
        "Totals differ",
        "Import status",
        "Shipment sent",
        "Needs attention",
        "Account",
        "Action",
    ]
    link = f"{M2_URL}/admin/sales/order/view/order_id/42/"
    assert f'<a href="{link}" target="_blank"' in _cell(html, imported.pk, "magento_order")
    assert _text(_cell(html, imported.pk, "magento_order")) == "AE-8100000000000001"
    assert _text(_cell(html, imported.pk, "buyer")) == "Ana Perez (buyer1)"
    assert _text(_cell(html, imported.pk, "items")) == "2 x TS-RED-M; 1 x CAP-1"
    assert _text(_cell(html, imported.pk, "total")) == "12.00 USD"
    assert 'alt="True"' in _cell(html, imported.pk, "totals_mismatch")
    assert "Fetch latest Aliexpress Orders</button>" in html
    assert 'name="order_id"' in html and 'name="backfill_days" min="1" max="90" value="7"' in html
    assert '<span class="orders-fetch-progress" role="status">Not fetched yet.</span>' in html


def test_the_magento_link_per_platform_and_base_url() -> None:
    assert (
        magento_order_url("magento2", "https://m2.test/", 7)
        == "https://m2.test/admin/sales/order/view/order_id/7/"
    )
    assert magento_order_url("magento1", "https://m1.test", 7) == (
        "https://m1.test/index.php/admin/sales_order/view/order_id/7/"
    )
    assert magento_order_url("magento1", "https://m1.test/index.php", 7) == (
        "https://m1.test/index.php/admin/sales_order/view/order_id/7/"
    )
    assert magento_order_url("magento2", "", 7) == ""
    assert magento_order_url("magento2", "https://m2.test", None) == ""


@pytest.fixture
def rows(shop) -> dict[str, AliExpressOrder]:
    failed = {"status": ImportStatus.FAILED, "failure_reason": "Unknown SKU in Magento: X-1."}
    return {
        "imported": claim(
            shop, 8100000000000011, magento_order_number="100000011", magento_status="processing"
        ),
        "mismatch": claim(
            shop,
            8100000000000012,
            totals_mismatch=True,
            buyer_name="Bo Li",
            aliexpress_total=Decimal("99.50"),
        ),
        "failed": claim(shop, 8100000000000013, **failed),
        "waiting": claim(
            shop, 8100000000000014, status=ImportStatus.WAITING, aliexpress_status="PLACE_ORDER_SUCCESS"
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"filter_aliexpress_order_id": "0013"}, ["failed"]),
        ({"filter_magento_order": "00000011"}, ["imported"]),
        ({"filter_aliexpress_status": "place_order"}, ["waiting"]),
        ({"filter_magento_status": "process"}, ["imported"]),
        ({"filter_buyer": "bo li"}, ["mismatch"]),
        ({"filter_total_from": "50"}, ["mismatch"]),
        ({"filter_totals_mismatch": "1"}, ["mismatch"]),
        ({"filter_totals_mismatch": "0"}, ["imported", "failed", "waiting"]),
        ({"filter_status": "failed"}, ["failed"]),
        ({"filter_status": "nonsense"}, ["imported", "mismatch", "failed", "waiting"]),
        ({"filter_total_from": "x"}, ["imported", "mismatch", "failed", "waiting"]),  # ignored
        ({"q": "8100000000000012"}, ["mismatch"]),
        ({"q": "100000011"}, ["imported"]),
    ],
)
def test_each_filter_and_the_search_narrow_the_orders(merchant_client, rows, params, expected) -> None:
    response = merchant_client.get(GRID, {"o": "1", **params})  # by AliExpress order id
    assert response.status_code == 200
    assert _ids(response) == [rows[name].aliexpress_order_id for name in expected]


def test_a_page_of_either_grid_costs_the_same_queries_with_3_or_20_rows(merchant_client, shop) -> None:
    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert merchant_client.get(url).status_code == 200
        return len(captured)

    for n in range(3):
        claim(shop, 8200000000000000 + n, status=ImportStatus.FAILED, failure_reason="no")
    few = queries(GRID), queries(FAILED)
    for n in range(3, 20):
        claim(shop, 8200000000000000 + n, status=ImportStatus.FAILED, failure_reason="no")
    assert (queries(GRID), queries(FAILED)) == few


def test_the_detail_page_shows_the_payloads_escaped_and_the_attempts(merchant_client, shop) -> None:
    order = claim(
        shop,
        8100000000000021,
        status=ImportStatus.FAILED,
        failure_reason="Unknown SKU in Magento: X-1.",
        list_payload={"order_id": 8100000000000021, "buyer_signer_fullname": "<script>alert(1)</script>"},
        receipt_payload={"contact_person": "Ana Perez", "country": "ES"},
    )
    OrderAttempt.objects.create(
        order=order, outcome=AttemptOutcome.FAILED, message="Unknown SKU in Magento: X-1."
    )

    response = merchant_client.get(reverse("admin:orders_aliexpressorder_change", args=[order.pk]))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&quot;buyer_signer_fullname&quot;: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;" in html
    assert "&quot;contact_person&quot;: &quot;Ana Perez&quot;" in html
    assert html.count('<pre class="order-payload">') == 3
    attempts = re.search(r'<table id="order-attempts">(.*?)</table>', html, re.S)
    assert attempts and "<td>Failed</td><td>Unknown SKU in Magento: X-1.</td>" in attempts.group(1)
    failed_detail = reverse("admin:orders_failedorder_change", args=[order.pk])
    assert merchant_client.get(failed_detail).status_code == 200
    assert merchant_client.post(failed_detail, {}).status_code == 403  # the page only shows


def test_the_grid_and_the_detail_page_show_what_was_shipped_and_what_needs_attention(
    merchant_client, shop
) -> None:
    sent_at = CREATED + timedelta(days=1, hours=2, minutes=5)
    shipped = claim(shop, 8100000000000031, shipment_state="all", shipment_sent_at=sent_at)
    refused = claim(
        shop,
        8100000000000032,
        shipment_state="part",
        shipment_error="AliExpress refused tracking number NOT-A-UPS (UPS): not valid.",
        status_alert="Canceled on AliExpress after the Magento order shipped.",
    )
    OrderShipment.objects.create(
        order=refused,
        magento_shipment_id=7,
        tracking_number="NOT-A-UPS",
        magento_carrier="ups",
        carrier_title="UPS",
        service_name="UPS",
        send_type="part",
        status=ShipmentStatus.REFUSED,
        error="not valid",
    )
    untouched = claim(shop, 8100000000000033)

    html = merchant_client.get(GRID).content.decode()

    assert _text(_cell(html, shipped.pk, "shipment")) == "All, 2026-03-02 12:05"
    assert _cell(html, refused.pk, "shipment") == (
        '<span class="shipment-problem" title="AliExpress refused tracking number NOT-A-UPS (UPS): not '
        'valid.">Problem</span>'
    )
    assert _cell(html, refused.pk, "attention") == (
        '<span class="status-alert" title="Canceled on AliExpress after the Magento order shipped.">'
        "Yes</span>"
    )
    assert (_cell(html, untouched.pk, "shipment"), _cell(html, untouched.pk, "attention")) == ("-", "-")
    page = merchant_client.get(reverse("admin:orders_aliexpressorder_change", args=[refused.pk]))
    detail_html = page.content.decode()
    table = re.search(r'<table id="order-shipments">(.*?)</table>', detail_html, re.S)
    assert table and (
        "<td>7</td><td>NOT-A-UPS</td><td>UPS</td><td>UPS</td><td>part</td><td>Refused</td><td></td>"
        "<td>not valid</td>"
    ) in table.group(1)
    assert "Canceled on AliExpress after the Magento order shipped." in detail_html


# --- View Aliexpress Failed Orders -------------------------------------------------------------------


def test_the_failed_grid_lists_only_failed_orders_with_reason_attempts_and_next_retry(
    merchant_client, rows
) -> None:
    failed = rows["failed"]
    AliExpressOrder.objects.filter(pk=failed.pk).update(
        attempts=2, next_retry_at=CREATED + timedelta(hours=2)
    )

    response = merchant_client.get(FAILED)
    html = response.content.decode()

    assert response.context["cl"].title == "Aliexpress failed Order Details"
    assert _ids(response) == [failed.aliexpress_order_id]
    headers = [h["text"] for h in response.context["result_headers"]][1:]
    assert headers == [
        "AliExpress Order Id", "Buyer", "Total", "Reason", "Attempts", "Next retry", "Created on AliExpress",
        "Account", "Action",
    ]  # fmt: skip
    assert _text(_cell(html, failed.pk, "reason")) == "Unknown SKU in Magento: X-1."
    assert _text(_cell(html, failed.pk, "attempts")) == "2"
    choices = response.context["action_form"].fields["action"].choices
    assert [label for value, label in choices if value] == ["Retry now", "Mark handled", "Delete"]
    assert merchant_client.get(FAILED, {"filter_reason": "unknown sku"}).context["cl"].result_count == 1
    assert merchant_client.get(FAILED, {"filter_attempts_from": "3"}).context["cl"].result_count == 0


def test_the_menu_has_manage_orders_with_both_pages(merchant_client) -> None:
    sections = {app["name"]: app for app in merchant_client.get("/admin/").context["app_list"]}
    entries = [(m["name"], m["admin_url"]) for m in sections["Manage Orders"]["models"]]
    assert entries == [("View Aliexpress Orders", GRID), ("View Aliexpress Failed Orders", FAILED)]


# --- Who sees what -------------------------------------------------------------------------------


@pytest.fixture
def viewer_client(client, django_user_model, shop):  # type: ignore[no-untyped-def]
    viewer = django_user_model.objects.create_user("viewer", password="a-long-test-password", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_aliexpressorder", "view_failedorder"])
    )
    shop.allowed_users.add(viewer)
    client.force_login(viewer)
    return client


def test_a_view_only_user_sees_the_granted_accounts_orders_read_only(viewer_client, shop, rows) -> None:
    hidden = claim(make_account(AE_URL, M2_URL, name="Shop B"), 8300000000000001, status=ImportStatus.FAILED)

    response = viewer_client.get(GRID)
    html = response.content.decode()
    assert sorted(_ids(response)) == [r.aliexpress_order_id for r in rows.values()]
    assert "Fetch latest Aliexpress Orders</button>" not in html
    assert 'name="order_id"' not in html and 'name="action"' not in html
    assert "Back-fill window: 7 days." in html
    assert _ids(viewer_client.get(FAILED)) == [rows["failed"].aliexpress_order_id]
    assert viewer_client.get(reverse("admin:orders_failedorder_change", args=[hidden.pk])).status_code == 404

    chosen = {"action": "mark_handled", "_selected_action": [rows["failed"].pk], "index": "0"}
    assert viewer_client.post(FAILED, chosen).status_code == 403
    assert viewer_client.post(GRID, {**chosen, "action": "retry_now"}).status_code == 403
    for name in ("orders_fetch", "orders_fetch_one", "orders_backfill"):
        assert (
            viewer_client.post(reverse(f"admin:{name}", args=[shop.pk]), {"order_id": "1"}).status_code == 403
        )
    assert AliExpressOrder.objects.get(pk=rows["failed"].pk).status == ImportStatus.FAILED
    progress = viewer_client.get(reverse("admin:orders_progress", args=[shop.pk]))
    assert progress.json()["text"] == "Not fetched yet."
    other = Account.objects.get(name="Shop B")
    assert viewer_client.get(reverse("admin:orders_progress", args=[other.pk])).status_code == 404


# --- The back-fill window ---------------------------------------------------------------------------


def test_the_backfill_window_is_saved_logged_and_checked(merchant_client, shop) -> None:
    url = reverse("admin:orders_backfill", args=[shop.pk])

    saved = merchant_client.post(url, {"backfill_days": "30"}, follow=True)
    refused = merchant_client.post(url, {"backfill_days": "-3"}, follow=True)
    as_json = merchant_client.post(url, {"backfill_days": "abc"}, headers={"Accept": "application/json"})

    assert [str(m) for m in saved.context["messages"]] == ["Back-fill window of Shop A: 30 days."]
    assert [str(m) for m in refused.context["messages"]] == [
        "The back-fill window is a whole number of days from 1 to 90."
    ]
    assert as_json.json() == {
        "queued": False,
        "message": "The back-fill window is a whole number of days from 1 to 90.",
    }
    assert OrderFetchState.objects.get(account=shop).backfill_days == 30
    entry = ActivityLog.objects.get(log_type="orders", log_sub_type="settings")
    assert entry.comment == "Back-fill window changed from 7 to 30 days."


# --- Ship-by time --------------------------------------------------------------------------------


def test_the_ship_by_time_comes_from_the_detail_date_else_the_list_countdown() -> None:
    read_at = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    # 2019-03-26 13:01:17 US Pacific (PDT, UTC-7)
    assert ship_by({}, {"over_time_left": "2019-03-26 13:01:17"}, read_at) == datetime(
        2019, 3, 26, 20, 1, 17, tzinfo=UTC
    )
    assert ship_by({"timeout_left_time": 120340569}, {"over_time_left": ""}, read_at) == read_at + timedelta(
        milliseconds=120340569
    )
    assert ship_by({"timeout_left_time": 0}, {}, read_at) is None
    assert ship_by({"timeout_left_time": "soon"}, {}, read_at) is None


def test_the_dashboard_counts_orders_today_failed_and_the_oldest_unshipped(merchant_client, shop) -> None:
    now = timezone.now()
    claim(shop, 8400000000000001, aliexpress_created_at=now, ship_by=now - timedelta(hours=1))
    claim(shop, 8400000000000002, aliexpress_created_at=now, status=ImportStatus.FAILED)
    claim(shop, 8400000000000003, aliexpress_created_at=now - timedelta(days=3), aliexpress_status="FINISH")
    empty = make_account(AE_URL, M2_URL, name="Shop C")

    html = merchant_client.get(reverse("admin:index")).content.decode()

    card = re.search(rf'<div class="module orders-card" id="orders-{shop.pk}">(.*?)</div>', html, re.S)
    assert card
    assert '<td class="orders-today">2</td>' in card.group(1)
    failed_link = f"{FAILED}?account__id__exact={shop.pk}"
    assert f'<td class="orders-failed"><a href="{failed_link}">1</a></td>' in card.group(1)
    oldest = _text(re.search(r'<td class="orders-oldest">(.*?)</td>', card.group(1), re.S).group(1))
    assert oldest.startswith("AliExpress order 8400000000000001, created ")
    assert oldest.endswith("(late)")
    other = re.search(rf'id="orders-{empty.pk}">(.*?)</div>', html, re.S)
    assert other and '<td class="orders-oldest">none</td>' in other.group(1)
