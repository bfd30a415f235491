"""AliExpress → Magento Catalog in a real browser: Refresh catalog, its progress reaching "Done", the grid
then listing the mirrored products. Jobs run eagerly in tests, so the click's request runs the refresh."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.support.accounts import M2_TOKEN, make_account
from tests.support.serving import serve

pytestmark = pytest.mark.browser
SMALL = 30


@pytest.fixture
def m2_url() -> Iterator[str]:
    yield from serve(Magento2Sandbox(integration_token=M2_TOKEN, catalog_size=SMALL))


@pytest.fixture
def account(db, m2_url: str) -> Account:  # type: ignore[no-untyped-def]
    return make_account("http://127.0.0.1:9", m2_url, name="Browser shop")


def _open(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/admin/")
    page.click("a:has-text('Magento Catalog')")


def test_refresh_catalog_shows_done_and_the_grid_lists_the_products(
    logged_in: Page, live_server: Any, account: Account
) -> None:
    page = logged_in
    _open(page, live_server)
    panel = page.locator(f"#catalog-refresh-{account.pk}")
    expect(panel.locator(".catalog-refresh-progress")).to_have_text("Not refreshed yet.")
    expect(page.locator("#total-records")).to_have_text("Total 0 records found")
    panel.locator("button:has-text('Refresh catalog')").click()
    expect(page.locator(".messagelist .success")).to_have_text(
        "An incremental catalog refresh of Browser shop is queued."
    )
    expect(panel.locator(".catalog-refresh-progress")).to_contain_text("Done: read ")
    expect(panel.locator(".catalog-refresh-progress")).to_contain_text(", created 30, ")
    expect(page.locator("#total-records")).to_have_text(f"Total {SMALL} records found")
    expect(page.locator("#result_list tbody tr")).to_have_count(20)  # the first page of 20
    expect(page.locator("#result_list tbody tr").first.locator("img.catalog-thumb")).to_be_visible()


def test_the_panel_follows_a_queued_refresh_and_shows_the_products_when_it_ends(
    logged_in: Page, live_server: Any, account: Account
) -> None:
    """A refresh queued for a worker: the panel polls its progress every second; once the refresh ends,
    the page reloads and lists what it mirrored."""
    run = JobRun.objects.create(job_code="catalog.refresh", account=account, scheduled_at=timezone.now())
    page = logged_in
    _open(page, live_server)
    progress = page.locator(f"#catalog-refresh-{account.pk} .catalog-refresh-progress")
    expect(progress).to_have_text("Queued: waiting for a worker to start the refresh")
    page.locator(f"#catalog-refresh-{account.pk} button:has-text('Refresh catalog')").click()
    expect(page.locator(".messagelist .warning")).to_have_text(
        "A catalog refresh of Browser shop is already queued: see its progress."
    )
    refresh.refresh(account, full=True)  # the worker's run
    JobRun.objects.filter(pk=run.pk).update(status=JobStatus.SUCCESS, finished_at=timezone.now())
    expect(progress).to_contain_text("Done: read ")
    expect(progress).to_contain_text(" categories (0 removed).")
    expect(page.locator("#total-records")).to_have_text(f"Total {SMALL} records found")
