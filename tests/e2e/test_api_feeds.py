"""Developer → Api Feeds in a real browser (manual §7.1): the grid lists the submitted feeds, Sync Feeds
brings their results (jobs run eagerly in tests, so the click's request runs the sync), a feed's page
shows each item's result, and Truncate asks first and keeps the unfinished feeds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.feeds.models import Feed
from aliexpress_magento.feeds.services.submission import submit
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.accounts.conftest import AE_URL, M2_URL, authorize
from tests.flow.feeds.conftest import product, without_brand
from tests.support.accounts import APP_KEY, APP_SECRET, make_account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ae_sandbox() -> Iterator[AliExpressSandbox]:
    sandbox = AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET)
    with api_clients.route_to(AE_URL, httpx.WSGITransport(app=sandbox)):
        yield sandbox


@pytest.fixture
def account(ae_sandbox: AliExpressSandbox) -> Account:
    return authorize(ae_sandbox, make_account(AE_URL, M2_URL))


def _row(page: Page, feed: Feed) -> Any:
    return page.locator("#result_list tbody tr", has=page.locator(f".field-id a:text-is('{feed.pk}')"))


def test_sync_feeds_brings_the_results_and_truncate_keeps_unfinished_feeds(
    logged_in: Page, live_server: Any, account: Account, ae_sandbox: AliExpressSandbox
) -> None:
    (done,) = submit(account, "PRODUCT_CREATE", [product("GOOD"), without_brand("BAD")])
    ae_sandbox.knobs.feed_delay_seconds = 3600  # this one stays unfinished
    (waiting,) = submit(account, "PRODUCT_FULL_UPDATE", [product("LATER")])
    page = logged_in

    page.click("#content-main .app-developer a:text-is('Api Feeds')")
    expect(page.locator("#content h1")).to_have_text("Api Feeds")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    expect(_row(page, done).locator(".field-job_id")).to_have_text(str(done.job_id))
    expect(_row(page, done).locator(".field-status_badge")).to_have_text("Submitted")
    expect(page.locator(f"#feed-limit-{account.pk}")).to_contain_text(
        "PRODUCT_CREATE 149 of 150, PRODUCT_FULL_UPDATE 149 of 150"
    )

    page.click("#sync-feeds")
    expect(page.locator(".messagelist .success")).to_have_text("Feeds sync queued for Demo shop.")
    expect(_row(page, done).locator(".field-status_badge")).to_have_text("Finished")
    expect(_row(page, done).locator(".field-succeeded")).to_have_text("1")
    expect(_row(page, done).locator(".field-failed")).to_have_text("1")
    expect(_row(page, waiting).locator(".field-status_badge")).to_have_text("Submitted")

    _row(page, done).locator(".field-id a").click()
    failed = page.locator("tr", has=page.locator("td.field-item_content_id p:text-is('BAD')"))
    expect(failed.locator(".field-error_message")).to_have_text(
        "#/category_attributes: required key [Brand Name] not found"
    )
    page.go_back()

    page.click("#truncate-button")
    expect(page.locator("#content-main p").first).to_have_text(
        "This removes 1 api feeds for good. It cannot be undone."
    )
    expect(page.locator("#truncate-note")).to_have_text(
        "1 unfinished feeds (submitting, submitted or processing) are kept: AliExpress's results for their "
        "items are still to come."
    )
    page.click("#confirm-truncate")
    expect(page.locator(".messagelist")).to_contain_text("Api Feeds truncated: 1 removed.")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(_row(page, waiting)).to_have_count(1)
