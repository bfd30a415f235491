"""A merchant logs in and uses Developer → Activity Logs and Cron Logs, as in manual §7.2 and §7.3."""

from __future__ import annotations

import pytest
from django.utils import formats, timezone
from playwright.sync_api import Page, expect

from aliexpress_magento.activity.models import JobRun
from aliexpress_magento.activity.tasks import purge_old_logs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shown(moment) -> str:  # type: ignore[no-untyped-def]
    """How the admin prints a datetime cell."""
    return str(formats.localize(timezone.template_localtime(moment)))


def test_a_wrong_password_shows_the_error_and_the_right_one_opens_the_console(
    page: Page, live_server, merchant
) -> None:
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/admin/login/?next=/")

    page.fill("#id_username", "merchant")
    page.fill("#id_password", "not-the-password")
    page.click("input[type=submit]")
    expect(page.locator(".errornote")).to_contain_text(
        "Please enter the correct username and password for a staff account."
    )

    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_have_text("AliExpress ⇄ Magento Connector")
    developer = page.locator("#content-main .app-developer")
    expect(developer.locator("caption")).to_have_text("Developer")
    expect(developer.locator("th a")).to_have_text(["Api Feeds", "Cron Logs", "Activity Logs"])


def test_activity_logs_show_a_jobs_entries_and_truncate_after_confirmation(
    logged_in: Page, live_server
) -> None:
    purge_old_logs.delay()
    page = logged_in

    page.click("#content-main a:text-is('Activity Logs')")
    expect(page.locator("#content h1")).to_have_text("Activity Logs")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".field-comment")).to_have_text(
        "Log retention (30 days): removed 0 activity log entries and 0 cron log rows."
    )
    expect(rows.first.locator(".field-log_sub_type")).to_have_text("activity.purge_old_logs")

    page.click("#truncate-button")
    expect(page.locator("#content-main p")).to_have_text(
        "This removes 1 activity logs for good. It cannot be undone."
    )
    page.click("#confirm-truncate")

    expect(page.locator(".messagelist")).to_contain_text("Activity Logs truncated: 1 removed.")
    expect(page.locator("#result_list")).to_have_count(0)
    expect(page.locator("#total-records")).to_have_text("Total 0 records found")


def test_cron_logs_show_the_jobs_row_with_its_times(logged_in: Page, live_server) -> None:
    purge_old_logs.delay()
    run = JobRun.objects.get()
    page = logged_in

    page.click("#content-main a:text-is('Cron Logs')")
    expect(page.locator("#content h1")).to_have_text("Cron Logs")
    row = page.locator("#result_list tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator(".field-id")).to_have_text(str(run.pk))
    expect(row.locator(".field-job_code")).to_have_text("activity.purge_old_logs")
    expect(row.locator(".field-status_badge")).to_have_text("Success")
    expect(row.locator(".field-short_messages")).to_have_text(
        "Kept the last 30 days: removed 0 activity log entries and 0 cron log rows."
    )
    for column in ("created_at", "scheduled_at", "executed_at", "finished_at"):
        expect(row.locator(f".field-{column}")).to_have_text(_shown(getattr(run, column)))

    expect(page.locator("#page-of")).to_have_text("Page 1 of 1 pages")
    expect(page.locator("#total-records")).to_have_text("Total 1 records found")
    page.select_option("#per-page", "50")
    expect(page).to_have_url(f"{live_server.url}/admin/activity/jobrun/?per_page=50")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
