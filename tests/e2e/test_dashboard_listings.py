"""The merchant opens the dashboard: the Listings panel shows the account's products by state, its feeds
in progress and the last price run; a state's count opens Manage Products filtered to that state."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.feeds.models import Feed, FeedStatus
from aliexpress_magento.listings.models import Listing, ListingStatus
from tests.support import catalog_rows
from tests.support.accounts import make_account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Nothing is called on these hosts: the dashboard reads the database only.
AE_URL, M2_URL = "https://ae.unused.test", "https://shop.unused.test"


def test_the_listings_panel_sums_up_the_account_and_links_to_its_products(
    logged_in: Page, live_server
) -> None:
    account = make_account(AE_URL, M2_URL, name="Shop A")
    profile = catalog_rows.profile(account, "shirts")
    live = [catalog_rows.product(account, name=f"Live shirt {n}") for n in (1, 2)]
    failed = catalog_rows.product(account, name="Refused shirt")
    catalog_rows.put(profile, *live, failed)
    for row in live:
        Listing.objects.create(account=account, product=row, profile=profile, status=ListingStatus.LIVE)
    Listing.objects.create(account=account, product=failed, profile=profile, status=ListingStatus.ERROR)
    Feed.objects.create(account=account, operation_type="PRODUCT_CREATE", status=FeedStatus.PROCESSING)
    JobRun.objects.create(
        job_code="listings.sync_price", account=account, status=JobStatus.SUCCESS,
        messages="Shop A: price update: 2 done, 0 skipped, 0 failed.",
    )  # fmt: skip

    page = logged_in
    page.goto(f"{live_server.url}/admin/")
    card = page.locator(f"#listings-{account.pk}")
    expect(card.locator("h2")).to_have_text("Listings — Shop A")
    expect(card.locator(".listing-states")).to_contain_text("Live: 2")
    expect(card.locator(".listing-states")).to_contain_text("Error: 1")
    expect(card.locator(".listing-feeds")).to_have_text("1")
    expect(card.locator(".run-listingssync_price .run-summary")).to_have_text(
        "Shop A: price update: 2 done, 0 skipped, 0 failed."
    )
    expect(card.locator(".run-listingssync_inventory")).to_contain_text("never")

    card.get_by_role("link", name="Live: 2").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    expect(page.locator("#result_list")).to_contain_text("Live shirt 1")
    expect(page.locator("#result_list")).not_to_contain_text("Refused shirt")
