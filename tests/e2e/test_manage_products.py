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
from tests.e2e.grid_actions import manage_products
from tests.e2e.shirts import unmapped_material
from tests.flow import conftest as shared
from tests.flow.listings import conftest as sandboxes
from tests.flow.listings import test_upload
from tests.flow.listings.test_upload import World

pytestmark = pytest.mark.browser

# The flow tests' sandboxes and profile (their fixtures live beside them).
ae_sandbox, ae_calls, media = sandboxes.ae_sandbox, shared.ae_calls, sandboxes.media
authorized, account, world = sandboxes.authorized, sandboxes.account, test_upload.world


def test_validate_and_upload_shows_the_progress_reaching_done_and_the_summary(
    logged_in: Page, live_server: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    grid = manage_products(logged_in, live_server, monkeypatch)
    page = logged_in
    page.goto(f"{live_server.url}/admin/")
    page.click("a:has-text('Manage Products')")
    expect(page.locator("#total-records")).to_have_text("Total 3 records found")
    expect(grid.row(world.simple.sku).locator(".listing-state")).to_have_text("Not uploaded")

    grid.submit("Validate & Upload Product(s)", [world.simple.sku, world.invalid.sku])
    expect(page.locator(".messagelist .success")).to_have_text(
        f"Validate & Upload Product(s): 2 products of {world.account.name} queued; the progress shows below."
    )

    grid.work()  # the worker's run

    grid.expect_done(
        "Validate & Upload Product(s): 2 of 2 products processed: 1 done, 0 skipped, 1 failed.",
        [f"{world.invalid.sku}: {unmapped_material(world, world.invalid)}"],
    )
    assert BulkAction.objects.get().status == "done"
    assert Listing.objects.get(product=world.simple).status == ListingStatus.UPLOADING
    assert Listing.objects.get(product=world.invalid).status == ListingStatus.INVALID

    page.reload()
    expect(grid.row(world.invalid.sku).locator(".listing-state")).to_contain_text("Invalid (")
