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
from aliexpress_magento.feeds.models import Feed, FeedItem, FeedStatus
from aliexpress_magento.feeds.services.submission import submit
from aliexpress_magento.feeds.tasks import sync_feeds
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


@pytest.fixture
def finished_and_waiting(account: Account, ae_sandbox: AliExpressSandbox) -> tuple[Feed, Feed]:
    """A PRODUCT_CREATE feed with its results in (one item succeeded, one refused), and a
    PRODUCT_FULL_UPDATE feed AliExpress is still processing."""
    (done,) = submit(account, "PRODUCT_CREATE", [product("GOOD"), without_brand("BAD")])
    sync_feeds.apply(kwargs={"account_id": account.pk, "everything": True})
    ae_sandbox.knobs.feed_delay_seconds = 3600
    (waiting,) = submit(account, "PRODUCT_FULL_UPDATE", [product("LATER")])
    done.refresh_from_db()
    assert (done.status, waiting.status) == (FeedStatus.FINISHED, FeedStatus.SUBMITTED)
    return done, waiting


def _filter(page: Page, name: str, value: str) -> None:
    box = page.locator(f"#grid-filters [name={name}]")
    if box.evaluate("e => e.tagName") == "SELECT":
        box.select_option(value)
    else:
        box.fill(value)
    page.click("#search-filter")


def test_the_grid_columns_filters_and_a_feeds_item_results(
    logged_in: Page, live_server: Any, finished_and_waiting: tuple[Feed, Feed]
) -> None:
    done, waiting = finished_and_waiting
    page = logged_in
    page.goto(f"{live_server.url}/admin/feeds/feed/")

    # text_content: the header's words as written (the theme's CSS shows them in capitals)
    headers = page.locator("#result_list thead tr").first.locator("th .text").all_text_contents()
    assert [h.strip() for h in headers[1:]] == [
        "ID", "Job Id", "Account", "Operation Type", "Status", "Items", "Succeeded", "Failed", "Created",
        "Updated",
    ]  # fmt: skip
    cells = ("job_id", "account", "operation_type", "status_badge", "item_count", "succeeded", "failed")
    for feed, values in (
        (done, (str(done.job_id), "Demo shop", "PRODUCT_CREATE", "Finished", "2", "1", "1")),
        (waiting, (str(waiting.job_id), "Demo shop", "PRODUCT_FULL_UPDATE", "Submitted", "1", "0", "0")),
    ):
        for cell, value in zip(cells, values, strict=True):
            expect(_row(page, feed).locator(f".field-{cell}")).to_have_text(value)

    for name, value, shown in (
        ("filter_status_badge", "unfinished", waiting),
        ("filter_operation_type", "PRODUCT_CREATE", done),
        ("filter_job_id", str(done.job_id), done),
        ("filter_failed_from", "1", done),
    ):
        _filter(page, name, value)
        expect(page.locator("#total-records")).to_have_text("Total 1 records found")
        expect(_row(page, shown)).to_have_count(1)
        page.click("#reset-filter")
        expect(page.locator("#total-records")).to_have_text("Total 2 records found")

    _row(page, done).locator(".field-id a").click()
    good = FeedItem.objects.get(item_content_id="GOOD")
    items = page.locator(".inline-related tbody tr", has=page.locator("td.field-item_content_id"))
    expect(items).to_have_count(2)
    for n, values in enumerate(
        (
            ("GOOD", "Succeeded", str(good.aliexpress_product_id), "-", "-"),
            (
                "BAD",
                "Failed",
                "-",
                "F00-00-10020-002",
                "#/category_attributes: required key [Brand Name] not found",
            ),
        )
    ):
        fields = ("item_content_id", "status", "aliexpress_product_id", "error_code", "error_message")
        for field, value in zip(fields, values, strict=True):
            expect(items.nth(n).locator(f"td.field-{field}")).to_have_text(value)
    expect(page.locator("input[name=_save]")).to_have_count(0)  # read-only


def test_delete_selected_asks_first_and_keeps_the_unfinished_feed(
    logged_in: Page, live_server: Any, finished_and_waiting: tuple[Feed, Feed]
) -> None:
    done, waiting = finished_and_waiting
    page = logged_in
    page.goto(f"{live_server.url}/admin/feeds/feed/")

    def ask() -> None:
        for feed in (done, waiting):
            _row(page, feed).locator("input.action-select").check()
        expect(page.locator("#massaction-count")).to_have_text("2")
        page.select_option("#massaction-action", label="Delete selected")
        page.click("#massaction-submit")
        expect(page.locator("#delete-summary")).to_have_text(
            "This deletes 1 feeds with their item results for good."
        )
        expect(page.locator("#delete-kept")).to_have_text(
            "1 selected feeds are unfinished and are kept: their results are still to come."
        )

    ask()
    page.click("a.cancel-link")  # No, take me back
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    assert Feed.objects.count() == 2

    ask()
    page.click("#confirm-delete")

    expect(page.locator(".messagelist li")).to_have_text(
        ["1 feeds deleted.", "1 unfinished feeds were not deleted: their results are still to come."]
    )
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(_row(page, waiting)).to_have_count(1)
    assert list(Feed.objects.values_list("pk", flat=True)) == [waiting.pk]
    assert not FeedItem.objects.filter(feed_id=done.pk).exists()
