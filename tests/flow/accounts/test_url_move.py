"""A base URL moved to another origin drops the stored secrets sent to it: whoever may change the page
(and never sees a secret) cannot point the URL at their own server and have Test connection send it
the stored token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.urls import reverse

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services.credentials import origin
from aliexpress_magento.activity.models import ActivityLog

from .conftest import APP_SECRET, M2_TOKEN, M2_URL, authorize
from .test_configuration_page import _errors, form_data

ELSEWHERE = "https://collector.example"


class Recorder:
    """A server that writes down every request it receives (headers, URL and body)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.authorizations: list[str] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)).decode()
        headers = {k: v for k, v in environ.items() if k.startswith(("HTTP_", "CONTENT_"))}
        self.authorizations.append(environ.get("HTTP_AUTHORIZATION", ""))
        self.requests.append(f"{environ['PATH_INFO']}?{environ.get('QUERY_STRING', '')} {headers} {body}")
        start_response("401 Unauthorized", [("Content-Type", "application/json")])
        return [b'{"message": "who are you?"}']


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    with api_clients.route_to(ELSEWHERE, httpx.WSGITransport(app=server)):
        yield server


def _change(client: Any, account: Account, **changes: Any) -> Any:
    url = reverse("admin:accounts_account_change", args=[account.pk])
    data = form_data(
        name=account.name, app_secret="", magento_token="", **{"carrier_mappings-TOTAL_FORMS": "0"}
    )
    return client.post(url, {**data, **changes}, follow=True)


def _test(client: Any, account: Account, side: str) -> str:
    page = client.post(reverse(f"admin:accounts_account_test_{side}", args=[account.pk]), follow=True)
    return page.content.decode()


def _carries_nothing(recorder: Recorder, *secrets: str) -> None:
    assert all(secret not in request for request in recorder.requests for secret in secrets)
    assert all(not header.removeprefix("Bearer").strip() for header in recorder.authorizations)


def test_moving_the_magento_url_drops_its_token_and_test_connection_sends_none(
    merchant_client, account, recorder
) -> None:
    page = _change(merchant_client, account, enabled="", magento_base_url=ELSEWHERE)
    assert page.redirect_chain, _errors(page)
    account.refresh_from_db()
    assert (account.magento_base_url, account.magento_token) == (ELSEWHERE, "")
    assert account.app_secret == APP_SECRET  # the AliExpress side did not move
    message = (
        "The Magento base URL now points to another address, so the stored Integration access token was "
        "dropped: enter it again for the new address."
    )
    assert message in page.content.decode()
    assert ActivityLog.objects.filter(comment=message, account_id=account.pk).exists()

    _test(merchant_client, account, "magento")
    assert recorder.requests  # the test did reach the new address…
    _carries_nothing(recorder, M2_TOKEN)  # …with no credential


def test_moving_the_aliexpress_url_drops_its_tokens_and_secret(
    merchant_client, account, ae_sandbox, recorder
) -> None:
    account = authorize(ae_sandbox, account)
    tokens = (account.access_token, account.refresh_token)
    assert all(tokens) and account.access_token_expires_at and account.refresh_token_expires_at
    page = _change(merchant_client, account, enabled="", api_base_url=ELSEWHERE)
    assert page.redirect_chain, _errors(page)
    account.refresh_from_db()
    assert (account.app_secret, account.access_token, account.refresh_token) == ("", "", "")
    assert (account.access_token_expires_at, account.refresh_token_expires_at) == (None, None)
    assert account.magento_token == M2_TOKEN
    assert "the stored Secret key, Access Token, Refresh Token were dropped" in page.content.decode()

    _test(merchant_client, account, "aliexpress")
    _carries_nothing(recorder, APP_SECRET, *tokens)


def test_a_new_secret_typed_with_the_move_is_kept_and_only_it_is_sent(
    merchant_client, account, recorder
) -> None:
    page = _change(merchant_client, account, magento_base_url=ELSEWHERE, magento_token="token-for-there-0")
    assert page.redirect_chain, _errors(page)
    account.refresh_from_db()
    assert account.magento_token == "token-for-there-0"
    _test(merchant_client, account, "magento")
    assert recorder.authorizations and set(recorder.authorizations) == {"Bearer token-for-there-0"}
    assert all(M2_TOKEN not in request for request in recorder.requests)


def test_an_enabled_account_asks_for_the_secret_again(merchant_client, account) -> None:
    page = _change(merchant_client, account, magento_base_url=ELSEWHERE)
    assert _errors(page)["magento_token"] == [
        "The Magento base URL now points to another address: enter the Integration access token for it "
        "again (a stored secret is never sent to a new address)."
    ]
    account.refresh_from_db()
    assert (account.magento_base_url, account.magento_token) == (M2_URL, M2_TOKEN)


def test_a_new_path_on_the_same_origin_keeps_the_secrets(merchant_client, account) -> None:
    page = _change(merchant_client, account, magento_base_url=f"{M2_URL.upper()}:443/index.php")
    assert page.redirect_chain, _errors(page)
    account.refresh_from_db()
    assert account.magento_token == M2_TOKEN
    assert not ActivityLog.objects.filter(log_sub_type="credentials").exists()


@pytest.mark.parametrize(
    ("before", "after", "moved"),
    [
        ("https://shop.example", "https://shop.example:443/index.php", False),
        ("https://shop.example", "https://SHOP.example/", False),
        ("https://shop.example", "http://shop.example", True),  # the token would travel in clear
        ("https://shop.example", "https://shop.example:8443", True),  # another server on that host
        ("https://shop.example", "https://shop.example.evil.test", True),
    ],
)
def test_the_origin_is_scheme_host_and_port(before: str, after: str, moved: bool) -> None:
    assert (origin(before) != origin(after)) is moved
