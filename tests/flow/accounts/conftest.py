"""Accounts wired to both sandboxes, mounted in-process through ``api_clients.route_to``."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.support.accounts import APP_KEY, APP_SECRET, M2_TOKEN, make_account

AE_URL = "https://ae.sandbox.test"
M2_URL = "https://shop.sandbox.test"


@pytest.fixture
def ae_sandbox() -> AliExpressSandbox:
    return AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET)


@pytest.fixture
def m2_sandbox() -> Magento2Sandbox:
    return Magento2Sandbox(integration_token=M2_TOKEN)


@pytest.fixture
def routed(ae_sandbox: AliExpressSandbox, m2_sandbox: Magento2Sandbox) -> Iterator[None]:
    with (
        api_clients.route_to(AE_URL, httpx.WSGITransport(app=ae_sandbox)),
        api_clients.route_to(M2_URL, httpx.WSGITransport(app=m2_sandbox)),
    ):
        yield


@pytest.fixture
def account(db, routed) -> Account:  # type: ignore[no-untyped-def]
    return make_account(AE_URL, M2_URL)


def consent(sandbox: AliExpressSandbox, authorize_url: str) -> tuple[str, str]:
    """The merchant clicks Authorize on the sandbox's consent page; returns (code, state) of the redirect."""
    with httpx.Client(transport=httpx.WSGITransport(app=sandbox)) as browser:
        answer = browser.post(authorize_url)
    assert answer.status_code == 302, answer.text
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    return query["code"][0], query["state"][0]


def authorize(sandbox: AliExpressSandbox, account: Account) -> Account:
    """Tokens for ``account`` through the sandbox, without the browser round trip."""
    from aliexpress_magento.accounts.services import oauth

    oauth.exchange(account, sandbox.grant_code("https://console.test/aliexpress/callback/"))
    account.refresh_from_db()
    return account
