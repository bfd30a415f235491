"""AliExpress → Manage Products in a real browser, on the sandboxes with the complete Shirts profile of
tests/flow/listings: select products, Validate & Upload Product(s), the progress bar follows the job
(polled, no reload) to Done and the result summary shows.

Jobs run eagerly in tests; here the queueing is held back for the click so the page sees the action
queued and polls, then the test runs the job as the worker would."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from aliexpress_magento.listings.models import BulkAction, Listing, ListingStatus
from aliexpress_magento.listings.services import bulk
from aliexpress_magento.listings.tasks import bulk_action
from tests.flow import conftest as shared
from tests.flow.listings import conftest as sandboxes
from tests.flow.listings import test_upload
from tests.flow.listings.test_upload import World

pytestmark = pytest.mark.browser

# The flow tests' sandboxes and profile (their fixtures live beside them).
ae_sandbox, ae_calls, media = sandboxes.ae_sandbox, shared.ae_calls, sandboxes.media
authorized, account, world = sandboxes.authorized, sandboxes.account, test_upload.world


def _row(page: Page, sku: str) -> Any:
    return page.locator("#result_list tbody tr", has=page.locator(f"td.field-sku:text-is('{sku}')"))


def test_validate_and_upload_shows_the_progress_reaching_done_and_the_summary(
    logged_in: Page, live_server: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    held: list[tuple[int, int]] = []
    monkeypatch.setattr(bulk, "_queue", lambda account_id, bulk_id: held.append((account_id, bulk_id)))
    page = logged_in
    page.goto(f"{live_server.url}/admin/")
    page.click("a:has-text('Manage Products')")
    expect(page.locator("#total-records")).to_have_text("Total 3 records found")
    expect(_row(page, world.simple.sku).locator(".listing-state")).to_have_text("Not uploaded")

    for row in (world.simple, world.invalid):
        _row(page, row.sku).locator("input.action-select").check()
    expect(page.locator("#massaction-count")).to_have_text("2")
    page.select_option("#massaction-action", label="Validate & Upload Product(s)")
    page.click("#massaction-submit")

    expect(page.locator(".messagelist .success")).to_have_text(
        f"Validate & Upload Product(s): 2 products of {world.account.name} queued; the progress shows below."
    )
    panel = page.locator(".bulk-panel")
    expect(panel.locator(".bulk-text")).to_have_text("Queued: Validate & Upload Product(s) of 2 products.")
    ((account_id, bulk_id),) = held

    bulk_action.apply(kwargs={"account_id": account_id, "bulk_id": bulk_id})  # the worker's run

    expect(panel.locator(".bulk-text")).to_have_text(
        "Done: Validate & Upload Product(s): 2 of 2 products processed: 1 done, 0 skipped, 1 failed."
    )
    expect(panel.locator(".bulk-bar")).to_have_attribute("value", "100")  # moved by the poll
    expect(panel.locator(".bulk-reasons li")).to_have_count(1)
    expect(panel.locator(".bulk-reasons li")).to_contain_text(f"{world.invalid.sku}: ")
    assert BulkAction.objects.get().status == "done"
    assert Listing.objects.get(product=world.simple).status == ListingStatus.UPLOADING
    assert Listing.objects.get(product=world.invalid).status == ListingStatus.INVALID

    page.reload()
    expect(_row(page, world.invalid.sku).locator(".listing-state")).to_contain_text("Invalid (")
