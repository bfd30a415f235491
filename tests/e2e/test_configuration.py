"""The configuration page in a real browser, against both sandboxes served on real ports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.support.accounts import APP_KEY, APP_SECRET, M2_TOKEN, make_account
from tests.support.serving import serve

pytestmark = pytest.mark.browser


@pytest.fixture
def ae_url() -> Iterator[str]:
    yield from serve(AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET))


@pytest.fixture
def m2_url() -> Iterator[str]:
    yield from serve(Magento2Sandbox(integration_token=M2_TOKEN))


@pytest.fixture
def account(db, ae_url: str, m2_url: str) -> Account:  # type: ignore[no-untyped-def]
    return make_account(ae_url, m2_url, name="Browser shop")


def _open(page: Page, live_server: Any, account: Account) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/admin/accounts/account/{account.pk}/change/")


def test_fill_the_configuration_and_save(logged_in: Page, live_server, ae_url: str, m2_url: str) -> None:
    page = logged_in
    page.goto(f"{live_server.url}/admin/accounts/account/add/")
    expect(page.locator(".field-price_percentage")).to_be_hidden()  # only for a percentage rule
    page.fill("#id_name", "My shop")
    page.check("#id_enabled")
    page.fill("#id_api_base_url", ae_url)
    page.fill("#id_app_key", APP_KEY)
    page.fill("#id_app_secret", APP_SECRET)
    page.fill("#id_customer_email", "aliexpress@example.com")
    page.fill("#id_magento_base_url", m2_url)
    page.fill("#id_magento_token", M2_TOKEN)
    page.select_option("#id_price_rule", "increase_percent")
    expect(page.locator(".field-price_percentage")).to_be_visible()
    expect(page.locator(".field-price_fixed_amount")).to_be_hidden()
    page.fill("#id_price_percentage", "5")
    page.fill("#id_create_date_start", "2026-11-01 00:00:00")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    account = Account.objects.get(name="My shop")
    assert (account.app_secret, account.price_rule, str(account.price_percentage)) == (
        APP_SECRET,
        "increase_percent",
        "5.00",
    )
    expect(page.locator("#id_app_secret")).to_have_value("")
    expect(page.locator("#id_app_secret")).to_have_attribute(
        "placeholder", f"stored: ••••••••{APP_SECRET[-4:]}"
    )
    expect(page.locator("#id_create_date_start")).to_have_value("2026-11-01 00:00:00")
    assert APP_SECRET not in page.content() and M2_TOKEN not in page.content()


def test_a_bad_value_shows_the_fields_error(logged_in: Page, live_server, account: Account) -> None:
    page = logged_in
    _open(page, live_server, account)
    page.fill("#id_feed_size", "2500")
    page.fill("#id_order_id_prefix", "AE #")
    page.click("input[name=_continue]")
    expect(page.locator(".field-feed_size .errorlist")).to_have_text(
        "Enter a number from 1 to 2000: AliExpress takes at most 2000 items per feed."
    )
    expect(page.locator(".field-order_id_prefix .errorlist")).to_have_text(
        "Use letters, digits, '-' and '_' only (e.g. AE-)."
    )
    account.refresh_from_db()
    assert (account.feed_size, account.order_id_prefix) == (2000, "")


def test_get_code_goes_to_the_consent_page_and_comes_back_with_tokens(
    logged_in: Page, live_server, account: Account
) -> None:
    page = logged_in
    _open(page, live_server, account)
    expect(page.locator(".field-redirect_uri code")).to_have_text(f"{live_server.url}/aliexpress/callback/")
    page.click("button:has-text('Get Code')")
    expect(page.locator("h1")).to_contain_text("Authorize")  # the sandbox's consent page
    assert page.url.startswith(f"{account.api_base_url}/oauth/authorize?")
    page.click("button:has-text('Authorize')")
    expect(page.locator(".messagelist .success")).to_contain_text("Authorized by AliExpress seller")
    account.refresh_from_db()
    assert account.access_token and account.refresh_token
    expect(page.locator(".field-token_status")).to_contain_text("access token expires")
    expect(page.locator("#id_access_token")).to_have_attribute(
        "placeholder", f"stored: ••••••••{account.access_token[-4:]}"
    )
    html = page.content()
    assert account.access_token not in html and account.refresh_token not in html
    page.click("button:has-text('Test AliExpress connection')")
    expect(page.locator(".messagelist .success")).to_contain_text("Connected to AliExpress as")
    page.goto(f"{live_server.url}/admin/")
    card = page.locator(f"#account-{account.pk}")
    expect(card.locator(".account-status")).to_have_text("Connected")
    expect(card.locator(".account-token")).to_contain_text("refresh token expires")


def test_test_connection_success_and_failure(logged_in: Page, live_server, account: Account) -> None:
    page = logged_in
    _open(page, live_server, account)
    page.click("button:has-text('Test Magento connection')")
    expect(page.locator(".messagelist .success")).to_have_text(
        "Connected to Magento: store view Default Store View (default), website base, USD, UTC."
    )
    page.click("button:has-text('Test AliExpress connection')")
    expect(page.locator(".messagelist .error")).to_have_text("No access token yet: click Get Code.")
    Account.objects.filter(pk=account.pk).update(magento_base_url="http://127.0.0.1:9")  # nothing listens
    _open(page, live_server, account)
    page.click("button:has-text('Test Magento connection')")
    expect(page.locator(".messagelist .error")).to_have_text(
        "Connection: 127.0.0.1:9 refused the connection or is unreachable. Is the server running?"
    )


@pytest.fixture
def m1_url() -> Iterator[str]:
    yield from serve(Magento1Sandbox())


def test_the_magento1_choice_shows_its_own_credentials(logged_in: Page, live_server, account, m1_url) -> None:
    page = logged_in
    _open(page, live_server, account)
    expect(page.locator(".field-magento_token")).to_be_visible()
    expect(page.locator(".field-magento1_api_user")).to_be_hidden()
    page.select_option("#id_platform", "magento1")
    expect(page.locator(".field-magento_token")).to_be_hidden()
    expect(page.locator(".field-magento_auth")).to_be_hidden()
    page.fill("#id_magento_base_url", m1_url)
    page.fill("#id_magento1_api_user", DEMO_API_USER)
    page.fill("#id_magento1_api_key", DEMO_API_KEY)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    expect(page.locator(".field-magento1_api_user")).to_be_visible()  # shown again for Magento 1
    page.click("button:has-text('Test Magento connection')")
    expect(page.locator(".messagelist .success")).to_have_text(
        "Connected to Magento 1: store view Default Store View (default), website id 1. "
        "The connector module answers."
    )
