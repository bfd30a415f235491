"""What goes on the wire: URLs, system parameters, empty and nested parameters, signatures, multipart."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from aliexpress_magento.clients.aliexpress import AliExpressClient, RetryableError
from aliexpress_magento.clients.aliexpress.params import encode_params
from aliexpress_magento.clients.aliexpress.signing import sign

from .conftest import APP_SECRET, BASE_URL, FakeApi, make_client


def test_empty_parameters_are_dropped_and_nested_ones_become_json_strings() -> None:
    encoded = encode_params(
        {
            "empty_text": "",
            "nothing": None,
            "empty_list": [],
            "empty_object": {},
            "flag": False,
            "zero": 0,
            "price": Decimal("9.90"),
            "nested": {
                "sku_code": "TS-RED-M",
                "price": Decimal("9.90"),
                "discount_price": None,
                "qty": [1, 2],
            },
            "url": "https://example.com/a b/é",
        }
    )
    assert encoded == {
        "flag": "false",
        "zero": "0",
        "price": "9.90",
        "nested": '{"sku_code":"TS-RED-M","price":"9.90","qty":[1,2]}',
        "url": "https://example.com/a b/é",
    }


def test_business_call_posts_to_sync_with_signed_system_parameters(
    api: FakeApi, client: AliExpressClient
) -> None:
    api.reply_sample("aliexpress.solution.merchant.profile.get")
    client.merchant.profile_get()
    sent = api.last
    assert sent.url == f"{BASE_URL}/sync"
    assert {k: v for k, v in sent.params.items() if k != "sign"} == {
        "app_key": "12345678",
        "method": "aliexpress.solution.merchant.profile.get",
        "session": "test-session",
        "timestamp": "1705285800000",
        "sign_method": "sha256",
        "format": "json",
        "v": "2.0",
        "partner_id": "aliexpress-magento-python",
    }
    assert sent.params["sign"] == sign(sent.params, APP_SECRET)  # no path prefix on /sync


def test_system_call_posts_to_rest_path_and_signs_with_the_path_prefix(
    api: FakeApi, client: AliExpressClient
) -> None:
    api.reply_sample("auth.token.create")
    client.oauth.create_token("3_500000_abcdef")
    sent = api.last
    assert sent.url == f"{BASE_URL}/rest/auth/token/create"
    assert {k: v for k, v in sent.params.items() if k != "sign"} == {
        "app_key": "12345678",
        "code": "3_500000_abcdef",
        "timestamp": "1705285800000",
        "sign_method": "sha256",
        "partner_id": "aliexpress-magento-python",
    }
    assert sent.params["sign"] == sign(sent.params, APP_SECRET, api_path="/auth/token/create")
    assert sent.params["sign"] != sign(sent.params, APP_SECRET)


def test_multipart_upload_signs_every_field_but_the_file(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json(
        {"aliexpress_photobank_redefining_uploadimageforsdk_response": {"result": {"is_success": True}}}
    )
    client.photobank.upload("shirt.jpg", b"\xff\xd8\xff-jpeg-bytes", group_id="42")
    sent = api.last
    assert sent.files == {"image_bytes": b"\xff\xd8\xff-jpeg-bytes"}
    assert sent.params["file_name"] == "shirt.jpg"
    assert sent.params["group_id"] == "42"
    assert sent.params["sign"] == sign(sent.params, APP_SECRET)


def test_base_url_is_configurable_and_its_trailing_slash_ignored(api: FakeApi) -> None:
    api.reply_sample("aliexpress.solution.merchant.profile.get")
    with AliExpressClient(
        "k", "s", base_url="http://127.0.0.1:8001/", transport=httpx.MockTransport(api.handler)
    ) as ae:
        ae.merchant.profile_get()
    assert api.last.url == "http://127.0.0.1:8001/sync"
    assert "session" not in api.last.params  # no token yet: no empty session parameter either


def test_timestamp_is_epoch_milliseconds_of_the_clock(api: FakeApi) -> None:
    api.reply_sample("aliexpress.solution.merchant.profile.get")
    with make_client(api, clock=lambda: 1700000000.1234) as ae:
        ae.merchant.profile_get()
    assert api.last.params["timestamp"] == "1700000000123"


def test_network_failure_before_sending_is_retryable_and_marked_not_processed(api: FakeApi) -> None:
    api.replies.append(httpx.ConnectError("refused"))
    with make_client(api) as ae, pytest.raises(RetryableError) as caught:
        ae.merchant.profile_get()
    assert (caught.value.code, caught.value.maybe_processed, caught.value.retryable) == (
        "network",
        False,
        True,
    )


def test_read_timeout_is_retryable_but_may_have_been_processed(api: FakeApi) -> None:
    api.replies.append(httpx.ReadTimeout("slow"))
    with make_client(api) as ae, pytest.raises(RetryableError) as caught:
        ae.merchant.profile_get()
    assert caught.value.maybe_processed is True
    assert caught.value.message == "ReadTimeout: slow"
