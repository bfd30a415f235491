"""The error tree, placeholder substitution, id coercion, and how the retry policy treats each error."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from aliexpress_magento.clients.common import RetryPolicy, TokenBucketBudget
from aliexpress_magento.clients.magento2 import (
    AuthError,
    BearerAuth,
    Magento2Client,
    Magento2Error,
    NotFoundError,
    RateLimitedError,
    RetryableError,
    ValidationError,
    error_for,
    substitute,
)
from aliexpress_magento.clients.magento2.values import custom_attributes, obj, to_int

BASE = "https://shop.test"


def test_list_placeholders_are_substituted_in_order() -> None:
    indent = "\n                 "  # the raw newline and indentation Magento's source leaves in the phrase
    template = f'Unable to add comment: The status "%1" is not part of the order{indent}status history.'
    assert substitute(template, ["complete"]) == (
        f'Unable to add comment: The status "complete" is not part of the order{indent}status history.'
    )
    assert substitute("%1 and %2", ["a", "b"]) == "a and b"


def test_named_placeholders_are_substituted_by_name() -> None:
    params = {"fieldName": "cartId", "fieldValue": 987654321}
    assert substitute("No such entity with %fieldName = %fieldValue", params) == (
        "No such entity with cartId = 987654321"
    )


def test_unknown_placeholders_and_messages_without_parameters_stay_as_they_are() -> None:
    assert substitute("100% sure %2", ["x"]) == "100% sure %2"
    assert substitute("Request does not match any route.", None) == "Request does not match any route."


@pytest.mark.parametrize(
    ("status", "cls", "code", "retryable"),
    [
        (400, ValidationError, "validation", False),
        (405, ValidationError, "validation", False),
        (401, AuthError, "auth", False),
        (403, AuthError, "auth", False),
        (404, NotFoundError, "not_found", False),
        (500, RetryableError, "retryable", True),
        (503, RetryableError, "retryable", True),
        (429, RateLimitedError, "rate_limited", True),
    ],
)
def test_the_status_chooses_the_class(
    status: int, cls: type[Magento2Error], code: str, retryable: bool
) -> None:
    error = error_for(status, {"message": "x"})
    assert (type(error), error.code, error.retryable, error.status) == (cls, code, retryable, status)


def test_an_error_keeps_the_substituted_message_the_template_and_the_parameters() -> None:
    body = {
        "message": "The consumer isn't authorized to access %resources.",
        "parameters": {"resources": "Magento_Catalog::products"},
    }
    error = error_for(401, body)
    assert error.message == "The consumer isn't authorized to access Magento_Catalog::products."
    assert error.template == "The consumer isn't authorized to access %resources."
    assert error.parameters == {"resources": "Magento_Catalog::products"}
    assert str(error) == "HTTP 401: The consumer isn't authorized to access Magento_Catalog::products."


def test_a_429_was_refused_before_processing_and_carries_its_ban() -> None:
    error = error_for(429, {"message": "Too Many Requests", "trace": None}, retry_after="7")
    assert (error.ban_seconds, error.maybe_processed) == (7.0, False)


def test_a_body_that_is_not_magentos_still_maps_by_status() -> None:
    error = error_for(502, None)
    assert (type(error), error.message) == (RetryableError, "HTTP 502")


@pytest.mark.parametrize(("value", "expected"), [(4, 4), ("4", 4), ("19", 19), (5.0, 5)])
def test_ids_that_arrive_as_strings_are_coerced(value: object, expected: int) -> None:
    assert to_int(value) == expected


@pytest.mark.parametrize("value", [None, True, "abc", "", [1]])
def test_what_is_no_id_is_refused(value: object) -> None:
    with pytest.raises(TypeError, match="expected an id"):
        to_int(value)


def test_custom_attributes_keep_strings_and_the_category_ids_list() -> None:
    product = {
        "custom_attributes": [
            {"attribute_code": "color", "value": "4"},
            {"attribute_code": "category_ids", "value": ["4", "5"]},
        ]
    }
    assert custom_attributes(product) == {"color": "4", "category_ids": ["4", "5"]}


def test_an_empty_php_object_encoded_as_a_list_reads_as_empty() -> None:
    assert obj({"extension_attributes": []}, "extension_attributes") == {}


Reply = httpx.Response | Exception


def scripted(replies: list[Reply], sent: list[httpx.Request]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        reply = replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    return handler


def answer(status: int, body: Any, **headers: str) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(), headers=headers)


def client_for(replies: list[Reply], sent: list[httpx.Request], sleeps: list[float]) -> Magento2Client:
    policy = RetryPolicy(max_attempts=3, base_delay=0.5, jitter=lambda d: d, sleep=sleeps.append)
    transport = httpx.MockTransport(scripted(replies, sent))
    return Magento2Client(BASE, auth=BearerAuth("t"), transport=transport, retry=policy)


def test_a_5xx_read_is_retried_with_backoff_until_it_succeeds() -> None:
    sent: list[httpx.Request] = []
    sleeps: list[float] = []
    replies: list[Reply] = [answer(503, {"message": "busy"}), answer(500, None), answer(200, ["simple"])]
    replies[-1] = answer(200, [{"name": "simple", "label": "Simple Product"}])
    assert client_for(replies, sent, sleeps).products.types() == ["simple"]
    assert (len(sent), sleeps) == (3, [0.5, 1.0])


def test_validation_and_not_found_errors_are_never_retried() -> None:
    sent: list[httpx.Request] = []
    sleeps: list[float] = []
    body = {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "customerId", "fieldValue": 9},
    }
    client = client_for([answer(404, body)], sent, sleeps)
    with pytest.raises(NotFoundError, match="No such entity with customerId = 9"):
        client.customers.get(9)
    assert (len(sent), sleeps) == (1, [])


def test_a_write_that_may_have_arrived_is_not_resent_but_a_refused_connection_is() -> None:
    sent: list[httpx.Request] = []
    sleeps: list[float] = []
    replies: list[Reply] = [httpx.ConnectError("refused"), httpx.ReadTimeout("slow")]
    with pytest.raises(RetryableError, match="ReadTimeout: slow") as caught:
        client_for(replies, sent, sleeps).scoped("default").carts.place_order(4, "checkmo")
    assert caught.value.maybe_processed is True
    assert (len(sent), sleeps) == (2, [0.5])


def test_a_rate_limited_call_waits_out_retry_after() -> None:
    sent: list[httpx.Request] = []
    sleeps: list[float] = []
    replies: list[Reply] = [
        answer(429, {"message": "Too Many Requests", "trace": None}, **{"Retry-After": "7"}),
        answer(200, 16),
    ]
    assert client_for(replies, sent, sleeps).carts.for_customer(1) == 16
    assert sleeps == [7.0]


def test_a_cut_off_success_body_is_retryable() -> None:
    sent: list[httpx.Request] = []
    sleeps: list[float] = []
    replies: list[Reply] = [httpx.Response(200, content=b'{"items": ['), answer(200, {"stock_id": 1})]
    assert client_for(replies, sent, sleeps).inventory.stock_id("base") == 1
    assert len(sent) == 2


def test_an_html_error_page_maps_by_status() -> None:
    sent: list[httpx.Request] = []
    client = client_for([httpx.Response(401, content=b"<html>denied</html>")], sent, [])
    with pytest.raises(AuthError, match="HTTP 401"):
        client.stores.websites()


def test_the_client_takes_a_budget_token_before_every_http_attempt() -> None:
    now = [1000.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    budget = TokenBucketBudget(rate=1, burst=1, clock=lambda: now[0], sleep=sleep)
    sent: list[httpx.Request] = []
    replies: list[Reply] = [answer(500, None), answer(200, []), answer(200, [])]
    policy = RetryPolicy(max_attempts=2, base_delay=0.0, jitter=lambda d: d, sleep=lambda _: None)
    transport = httpx.MockTransport(scripted(replies, sent))
    client = Magento2Client(BASE, auth=BearerAuth("t"), transport=transport, retry=policy, budget=budget)
    client.stores.websites()
    client.stores.websites()
    assert (len(sent), sleeps) == (3, [1.0, 1.0])
