"""Every error envelope (fact sheet §7.1) lands in the right class with its fields."""

from __future__ import annotations

import pickle
from typing import Any

import httpx
import pytest

from aliexpress_magento.clients.aliexpress import (
    AliExpressClient,
    AuthError,
    RateLimitedError,
    RetryableError,
    TerminalError,
)
from aliexpress_magento.clients.aliexpress.errors import error_for, item_error

from .conftest import FakeApi, sample


def fields(error: Any) -> tuple[Any, ...]:
    return (type(error), error.code, error.sub_code, error.message, error.request_id, error.retryable)


def test_iop_sync_api_call_limit_is_rate_limited_with_its_ban_seconds() -> None:
    body = {
        "error_response": {
            "type": "ISV",
            "code": "ApiCallLimit",
            "msg": "Api access frequency exceeds the limit. this ban will last 1 seconds",
            "request_id": "2101e5c2",
            "_trace_id_": "trace",
        }
    }
    error = error_for(200, body)
    assert isinstance(error, RateLimitedError)
    assert fields(error) == (
        RateLimitedError,
        "ApiCallLimit",
        "",
        "Api access frequency exceeds the limit. this ban will last 1 seconds",
        "2101e5c2",
        True,
    )
    assert (error.ban_seconds, error.type, error.maybe_processed) == (1.0, "ISV", False)


def test_legacy_code_7_takes_its_ban_from_the_sub_message() -> None:
    body = {
        "error_response": {
            "code": 7,
            "msg": "App Call Limited",
            "sub_code": "accesscontrol.limited-by-dynamic-access-count",
            "sub_msg": "This ban will last for 3 more seconds",
            "request_id": "0b1f",
        }
    }
    error = error_for(200, body)
    assert isinstance(error, RateLimitedError)
    assert (error.code, error.sub_code, error.sub_message, error.ban_seconds) == (
        "7",
        "accesscontrol.limited-by-dynamic-access-count",
        "This ban will last for 3 more seconds",
        3.0,
    )


def test_invalid_session_sample_is_an_auth_error() -> None:
    body = {"error_response": sample("error.top.invalid-session")}
    assert fields(error_for(200, body)) == (
        AuthError,
        "27",
        "invalid-sessionkey",
        "Invalid session",
        "xxxxxxxx",
        False,
    )


def test_illegal_access_token_is_an_auth_error() -> None:
    body = {
        "error_response": {
            "type": "ISV",
            "code": "IllegalAccessToken",
            "msg": "The specified access token is invalid or expired",
            "request_id": "r1",
        }
    }
    assert fields(error_for(200, body)) == (
        AuthError,
        "IllegalAccessToken",
        "",
        "The specified access token is invalid or expired",
        "r1",
        False,
    )


def test_rest_flat_incomplete_signature_is_an_auth_error() -> None:
    body = {
        "type": "ISV",
        "code": "IncompleteSignature",
        "message": "The request signature does not conform to platform standards",
        "request_id": "212a782117695399357757883",
    }
    assert fields(error_for(200, body)) == (
        AuthError,
        "IncompleteSignature",
        "",
        "The request signature does not conform to platform standards",
        "212a782117695399357757883",
        False,
    )


def test_rest_success_with_code_zero_is_no_error() -> None:
    assert error_for(200, sample("auth.token.create")) is None


def test_remote_service_error_sample_is_terminal() -> None:
    error = error_for(200, sample("error.top.remote-service-error"))
    assert fields(error) == (TerminalError, "50", "isv.invalid-parameter", "Remote service error", "", False)
    assert error is not None and error.sub_message == "非法参数"


def test_isp_sub_code_is_retryable() -> None:
    body = {
        "error_response": {
            "code": 15,
            "msg": "Remote service error",
            "sub_code": "isp.50001",
            "request_id": "q",
        }
    }
    assert fields(error_for(200, body)) == (
        RetryableError,
        "15",
        "isp.50001",
        "Remote service error",
        "q",
        True,
    )


def test_isp_type_is_retryable() -> None:
    body = {"error_response": {"type": "ISP", "code": "ServiceUnavailable", "msg": "busy", "request_id": "q"}}
    assert type(error_for(200, body)) is RetryableError


def test_http_5xx_without_envelope_is_retryable_and_4xx_terminal() -> None:
    assert fields(error_for(502, {})) == (RetryableError, "HTTP 502", "", "HTTP error", "", True)
    assert fields(error_for(404, {})) == (TerminalError, "HTTP 404", "", "HTTP error", "", False)
    assert type(error_for(429, {})) is RateLimitedError


def test_in_body_result_success_false_is_an_error_of_the_method() -> None:
    body = {
        "aliexpress_solution_product_schema_get_response": {
            "result": {
                "success": False,
                "error_code": "GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY",
                "error_message": "not leaf",
            },
            "request_id": "rq",
        }
    }
    error = error_for(200, body, "aliexpress.solution.product.schema.get")
    assert fields(error) == (
        TerminalError,
        "GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY",
        "",
        "not leaf",
        "rq",
        False,
    )


def test_in_body_result_success_false_with_transient_code_is_retryable() -> None:
    body = {
        "m_response": {
            "result": {"success": False, "error_code": "F00-10-10000-001", "error_message": "system error"}
        }
    }
    assert type(error_for(200, body, "m")) is RetryableError


def test_fulfil_result_success_false_keeps_its_code() -> None:
    body = {
        "aliexpress_solution_order_fulfill_response": {
            "result": {
                "result_success": False,
                "result_error_code": "-1",
                "result_error_desc": "bad tracking number",
            }
        }
    }
    error = error_for(200, body, "aliexpress.solution.order.fulfill")
    assert fields(error) == (TerminalError, "-1", "", "bad tracking number", "", False)


def test_logistics_top_level_result_success_false_uses_error_desc() -> None:
    body = {"m_response": {"result_success": False, "error_desc": "no service"}}
    assert fields(error_for(200, body, "m")) == (
        TerminalError,
        "business-failure",
        "",
        "no service",
        "",
        False,
    )


def test_sample_success_flags_with_leftover_error_codes_are_not_errors() -> None:
    # Doc placeholders pair success:true with an error code (INDEX.md): no semantics read into them.
    for name, method in [
        ("aliexpress.solution.product.schema.get", "aliexpress.solution.product.schema.get"),
        ("aliexpress.solution.order.info.get", "aliexpress.solution.order.info.get"),
        (
            "aliexpress.logistics.redefining.listlogisticsservice",
            "aliexpress.logistics.redefining.listlogisticsservice",
        ),
    ]:
        assert error_for(200, sample(name), method) is None


def test_feed_item_failure_is_terminal_with_its_code() -> None:
    error = item_error(
        {"success": False, "errorCode": "F00-00-10020-002", "errorMessage": "#/category_attributes"}
    )
    assert fields(error) == (TerminalError, "F00-00-10020-002", "", "#/category_attributes", "", False)


@pytest.mark.parametrize(
    ("status", "content", "expected"),
    [
        (200, b'{"aliexpress_solution_feed_submit_resp', RetryableError),
        (503, b"<html>busy</html>", RetryableError),
    ],
)
def test_undecodable_bodies(
    api: FakeApi, client: AliExpressClient, status: int, content: bytes, expected: type
) -> None:
    api.replies.append(httpx.Response(status, content=content))
    with pytest.raises(expected) as caught:
        client.merchant.profile_get()
    assert caught.value.http_status == status


def test_raised_error_str_names_code_and_request_id(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json({"error_response": sample("error.top.invalid-session")})
    with pytest.raises(
        AuthError,
        match=r"^27 / invalid-sessionkey / Invalid session / SessionKey非法 \(request_id=xxxxxxxx\)$",
    ):
        client.orders.receiptinfo_get(1)


def test_errors_survive_pickling_as_celery_does_with_task_exceptions() -> None:
    error = error_for(
        200, {"error_response": {"code": 7, "msg": "this ban will last 2 seconds", "request_id": "r"}}
    )
    copy = pickle.loads(pickle.dumps(error))
    assert fields(copy) == fields(error)
    assert (type(copy), copy.ban_seconds, str(copy)) == (RateLimitedError, 2.0, str(error))
