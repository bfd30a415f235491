"""The admin console: login everywhere, the manual's menu, and the two developer grids."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from aliexpress_magento.activity import services
from aliexpress_magento.activity.models import ActivityLog, JobRun, JobStatus, Level

pytestmark = pytest.mark.django_db

ACTIVITY = reverse("admin:activity_activitylog_changelist")
CRON = reverse("admin:activity_jobrun_changelist")


def _rows(html: str) -> int:
    return len(re.findall(r'<input type="checkbox" name="_selected_action"', html))


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/admin/",
        ACTIVITY,
        CRON,
        reverse("admin:activity_activitylog_truncate"),
        reverse("admin:listings_managedproduct_changelist"),
        reverse("admin:listings_managedproduct_progress", args=[1]),
        reverse("admin:orders_aliexpressorder_changelist"),
        reverse("admin:orders_failedorder_changelist"),
        reverse("admin:orders_progress", args=[1]),
    ],
)
def test_every_page_needs_a_login(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_health_answers_without_login(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_menu_mirrors_the_manual_and_hides_pages_not_built(merchant_client) -> None:
    response = merchant_client.get("/admin/")
    sections = [(app["name"], [m["name"] for m in app["models"]]) for app in response.context["app_list"]]
    assert sections[:3] == [
        ("AliExpress", ["Configuration", "Manage Profiles", "Manage Products", "Magento Catalog"]),
        ("Manage Orders", ["View Aliexpress Orders", "View Aliexpress Failed Orders"]),
        ("Developer", ["Api Feeds", "Cron Logs", "Activity Logs"]),
    ]
    assert response.context["site_header"] == "AliExpress ⇄ Magento Connector"


def test_activity_grid_pages_by_20_and_offers_other_sizes(merchant_client) -> None:
    for n in range(45):
        services.record(Level.INFO, "product", f"entry {n}")

    first = merchant_client.get(ACTIVITY)
    assert first.context["cl"].title == "Activity Logs"
    assert _rows(first.content.decode()) == 20
    assert first.context["cl"].result_count == 45
    assert _rows(merchant_client.get(ACTIVITY, {"per_page": 50}).content.decode()) == 45
    third = merchant_client.get(ACTIVITY, {"per_page": 20, "p": 3}).content.decode()
    assert _rows(third) == 5
    assert '<span id="page-of">Page 3 of 3 pages</span>' in third
    assert '<span id="total-records">Total 45 records found</span>' in third
    assert _rows(merchant_client.get(ACTIVITY, {"per_page": 7}).content.decode()) == 20  # not offered


def test_activity_grid_filters_and_searches(merchant_client) -> None:
    services.record(Level.ERROR, "order", "Order 81 failed: no stock", sub_type="import")
    services.record(Level.INFO, "order", "Order 82 imported", sub_type="import")
    services.record(Level.ERROR, "product", "SKU A-1 invalid", sub_type="validate")

    errors = merchant_client.get(ACTIVITY, {"level__exact": "error"}).context["cl"].result_list
    assert sorted(e.comment for e in errors) == ["Order 81 failed: no stock", "SKU A-1 invalid"]
    orders = merchant_client.get(ACTIVITY, {"log_type": "order", "q": "stock"}).context["cl"].result_list
    assert [e.comment for e in orders] == ["Order 81 failed: no stock"]


def test_activity_mass_delete_removes_only_the_selected(merchant_client) -> None:
    keep, drop = (services.record(Level.INFO, "cron", text) for text in ("keep", "drop"))
    response = merchant_client.post(
        ACTIVITY, {"action": "delete_selected", "_selected_action": [drop.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert list(ActivityLog.objects.values_list("pk", flat=True)) == [keep.pk]


def test_truncate_asks_first_then_empties_the_grid(merchant_client) -> None:
    for n in range(4):
        services.record(Level.INFO, "cron", f"entry {n}")
    truncate = reverse("admin:activity_activitylog_truncate")

    confirm = merchant_client.get(truncate)
    assert confirm.status_code == 200
    assert "This removes <strong>4</strong> activity logs for good." in confirm.content.decode()
    assert ActivityLog.objects.count() == 4

    done = merchant_client.post(truncate, follow=True)
    assert done.redirect_chain == [(ACTIVITY, 302)]
    assert ActivityLog.objects.count() == 0
    assert "Activity Logs truncated: 4 removed." in [str(m) for m in done.context["messages"]]


def test_truncate_needs_delete_permission(client, django_user_model) -> None:
    viewer = django_user_model.objects.create_user("viewer", password="a-long-test-password", is_staff=True)
    client.force_login(viewer)
    services.record(Level.INFO, "cron", "stays")
    assert client.post(reverse("admin:activity_activitylog_truncate")).status_code == 403
    assert ActivityLog.objects.count() == 1


def test_cron_grid_shows_the_manual_columns_and_filters(merchant_client) -> None:
    JobRun.objects.create(job_code="orders.fetch", status=JobStatus.SUCCESS, messages="2 orders")
    JobRun.objects.create(job_code="price.sync", status=JobStatus.ERROR, messages="HTTP 503")

    page = merchant_client.get(CRON)
    headers = [h["text"] for h in page.context["result_headers"]][1:]  # after the select-all box
    assert headers == [
        "ID",
        "Job Code",
        "Account",
        "Status",
        "Messages",
        "Created At",
        "Scheduled At",
        "Executed At",
        "Finished At",
    ]
    failed = merchant_client.get(CRON, {"status__exact": "error"}).context["cl"].result_list
    assert [r.job_code for r in failed] == ["price.sync"]
    by_code = merchant_client.get(CRON, {"job_code": "orders.fetch"}).context["cl"].result_list
    assert [r.messages for r in by_code] == ["2 orders"]


def test_cron_truncate_confirmation_counts_only_finished_runs(merchant_client) -> None:
    JobRun.objects.create(job_code="a", status=JobStatus.SUCCESS)
    JobRun.objects.create(job_code="b", status=JobStatus.RUNNING)
    page = merchant_client.get(reverse("admin:activity_jobrun_truncate"))
    assert "This removes <strong>1</strong> cron logs for good." in page.content.decode()


def test_log_rows_cannot_be_added_or_edited(merchant_client) -> None:
    run = JobRun.objects.create(job_code="a", status=JobStatus.SUCCESS)
    assert merchant_client.get(reverse("admin:activity_jobrun_add")).status_code == 403
    page = merchant_client.get(reverse("admin:activity_jobrun_change", args=[run.pk]))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
