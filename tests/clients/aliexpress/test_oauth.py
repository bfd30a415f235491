"""Authorize URL and token create / refresh parsed from the official samples."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

import pytest

from aliexpress_magento.clients.aliexpress import (
    AliExpressClient,
    AuthError,
    TerminalError,
    Token,
    authorize_url,
)

from .conftest import BASE_URL, FakeApi, business_params


def test_authorize_url_carries_response_type_client_id_redirect_uri_and_state() -> None:
    url = authorize_url(
        "https://api-sg.aliexpress.com/",
        client_id="12345678",
        redirect_uri="https://shop.example/ae/callback?account=3",
        state="s-42",
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "api-sg.aliexpress.com", "/oauth/authorize")
    assert dict(parse_qsl(parts.query)) == {
        "response_type": "code",
        "client_id": "12345678",
        "redirect_uri": "https://shop.example/ae/callback?account=3",
        "state": "s-42",
        "force_auth": "true",
    }


def test_client_builds_the_authorize_url_on_its_own_base_and_app_key(client: AliExpressClient) -> None:
    url = client.oauth.authorize_url(redirect_uri="https://shop.example/cb", state="xyz", force_auth=False)
    assert url == (
        f"{BASE_URL}/oauth/authorize?response_type=code&client_id=12345678"
        "&redirect_uri=https%3A%2F%2Fshop.example%2Fcb&state=xyz"
    )


def test_token_create_parses_the_official_sample(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("auth.token.create")
    token = client.oauth.create_token("3_500000_abcdef", uuid="u-1")
    assert business_params(api.last) == {"code": "3_500000_abcdef", "uuid": "u-1"}
    assert token == Token(
        access_token="Your-accesstoken",
        refresh_token="Your-refreshtoken",
        expire_time=datetime(2024, 3, 29, 6, 17, 6, tzinfo=UTC),
        refresh_token_valid_time=datetime(2024, 3, 30, 6, 17, 6, tzinfo=UTC),
        seller_id="Your-sellerID",
        account="Your-accont",
        user_id="Your-UserID",
        user_nick="kr10400008150000",
        account_platform="buyerApp",
        locale="zh_CN",
        request_id="2141244f17116066265020000",
    )
    assert token.expires_within(3600, now=datetime(2024, 3, 29, 5, 17, 6, tzinfo=UTC)) is True
    assert token.expires_within(3599, now=datetime(2024, 3, 29, 5, 17, 6, tzinfo=UTC)) is False


def test_token_refresh_posts_the_refresh_token_and_parses_the_sample(
    api: FakeApi, client: AliExpressClient
) -> None:
    api.reply_sample("auth.token.refresh")
    token = client.oauth.refresh_token("old-refresh")
    assert api.last.path == "/rest/auth/token/refresh"
    assert business_params(api.last) == {"refresh_token": "old-refresh"}
    assert (token.seller_id, token.account, token.expire_time, token.refresh_token_valid_time) == (
        "2637908814",
        "ae_test_u0000@163.com",
        datetime(2024, 4, 27, 4, 29, 20, tzinfo=UTC),
        datetime(2024, 5, 27, 4, 29, 8, tzinfo=UTC),
    )


def test_use_token_switches_the_session_of_later_calls(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("auth.token.refresh").reply_sample("aliexpress.solution.merchant.profile.get")
    client.use_token(client.oauth.refresh_token("r"))
    client.merchant.profile_get()
    assert client.access_token == ""
    assert "session" not in api.last.params  # the refresh sample redacts the token to ""


def test_refused_code_is_a_terminal_error_read_from_the_rest_envelope(
    api: FakeApi, client: AliExpressClient
) -> None:
    api.reply_json({"type": "ISV", "code": "InvalidCode", "message": "invalid auth code", "request_id": "r9"})
    with pytest.raises(TerminalError) as caught:
        client.oauth.create_token("used-code")
    assert (caught.value.code, caught.value.message, caught.value.request_id) == (
        "InvalidCode",
        "invalid auth code",
        "r9",
    )


def test_refresh_with_a_bad_signature_is_an_auth_error(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json({"type": "ISV", "code": "IncompleteSignature", "message": "bad sign", "request_id": "r"})
    with pytest.raises(AuthError):
        client.oauth.refresh_token("r")


def test_token_answer_without_expiry_is_refused(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json({"code": "0", "access_token": "a", "refresh_token": "b"})
    with pytest.raises(TerminalError, match="token answer without expire_time"):
        client.oauth.create_token("c")
