"""The Magento 1 client's wire and error tree, without a sandbox: faults to errors, HTTP and network
failures, undecodable answers, the retry policy and the call budget, and the filters it sends."""

from __future__ import annotations

import xmlrpc.client
from datetime import UTC, datetime

import httpx
import pytest

from aliexpress_magento.clients.common import NO_RETRY, RetryPolicy
from aliexpress_magento.clients.magento1 import (
    AuthError,
    Magento1Client,
    NotFoundError,
    RetryableError,
    SessionExpiredError,
    UnknownResourceError,
    ValidationError,
    complex_filter,
    condition,
    error_for_fault,
    updated_since,
)


@pytest.mark.parametrize(
    ("code", "message", "kind"),
    [
        (2, "Access denied.", AuthError),
        (5, "Session expired. Try to relogin.", SessionExpiredError),
        (3, "Invalid api path.", UnknownResourceError),
        (101, "Product not exists.", NotFoundError),
        (1002, "Can not make operation because quote is not exists", NotFoundError),
        (100, "Requested store view not found.", NotFoundError),
        (1042, "The customer's identifier is not valid or customer is not existed", NotFoundError),
        (1022, "Please specify the product's option(s).", ValidationError),
        (
            1,
            "SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock",
            RetryableError,
        ),
        (1, "Internal Error. Please see log for details.", ValidationError),
    ],
)
def test_faults_map_into_the_tree(code: int, message: str, kind: type[Exception]) -> None:
    error = error_for_fault(code, message)
    assert type(error) is kind
    assert (error.fault_code, error.message, str(error)) == (code, message, f"fault {code}: {message}")


def _client(handler: httpx.MockTransport, retry: RetryPolicy = NO_RETRY) -> Magento1Client:
    return Magento1Client("http://shop.test/", api_user="u", api_key="k", transport=handler, retry=retry)


def _ok(value: object) -> httpx.Response:
    return httpx.Response(200, content=xmlrpc.client.dumps((value,), methodresponse=True, allow_none=True))


def test_requests_go_to_the_xmlrpc_endpoint_as_xmlrpc() -> None:
    sent: list[tuple[str, str, tuple[object, ...]]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        params, method = xmlrpc.client.loads(request.content)
        sent.append((str(request.url), method or "", params))
        return _ok("sess-1" if method == "login" else [])

    with _client(httpx.MockTransport(handle)) as client:
        assert client.products.search({"type": "simple"}) == []
    assert sent[:2] == [
        ("http://shop.test/api/xmlrpc/", "login", ("u", "k")),
        (
            "http://shop.test/api/xmlrpc/",
            "call",
            ("sess-1", "catalog_product.list", [{"type": "simple"}, None]),
        ),
    ]


@pytest.mark.parametrize(
    ("response", "kind", "status"),
    [
        (httpx.Response(500, content=b""), RetryableError, 500),
        (httpx.Response(404, content=b"<html>"), NotFoundError, 404),
        (httpx.Response(200, content=b"<html>not xml-rpc"), RetryableError, 200),
    ],
)
def test_http_failures(response: httpx.Response, kind: type[Exception], status: int) -> None:
    with _client(httpx.MockTransport(lambda request: response)) as client, pytest.raises(kind) as caught:
        client.login()
    assert getattr(caught.value, "status", None) == status


def test_a_refused_connection_is_retried_and_says_it_never_arrived() -> None:
    attempts: list[int] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        attempts.append(1)
        raise httpx.ConnectError("refused", request=request)

    policy = RetryPolicy(max_attempts=3, sleep=lambda seconds: None)
    with _client(httpx.MockTransport(refuse), policy) as client, pytest.raises(RetryableError) as caught:
        client.cart.place_order(7)  # not idempotent, yet never sent: retried
    assert (len(attempts), caught.value.maybe_processed) == (3, False)


def test_a_write_that_may_have_arrived_is_not_sent_again() -> None:
    calls: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        _, method = xmlrpc.client.loads(request.content)
        calls.append(method or "")
        if method == "login":
            return _ok("s")
        raise httpx.ReadTimeout("slow", request=request)

    policy = RetryPolicy(max_attempts=3, sleep=lambda seconds: None)
    with _client(httpx.MockTransport(handle), policy) as client, pytest.raises(RetryableError):
        client.cart.place_order(7)
    assert calls[:2] == ["login", "call"] and calls.count("call") == 1


def test_the_budget_is_asked_before_every_attempt() -> None:
    class Counting:
        taken = 0

        def acquire(self) -> None:
            self.taken += 1

    budget = Counting()
    client = Magento1Client(
        "http://shop.test",
        api_user="u",
        api_key="k",
        transport=httpx.MockTransport(lambda request: _ok("s")),
        budget=budget,
        retry=NO_RETRY,
    )
    client.login()
    client.call("store.list")
    assert budget.taken == 2


def test_filters() -> None:
    since = datetime(2026, 11, 18, 20, 26, 40, tzinfo=UTC)
    assert updated_since(since) == {"updated_at": {"gteq": "2026-11-18 20:26:40"}}
    assert condition(["A", "B"], "in") == {"in": ["A", "B"]}
    assert condition("A") == "A"
    assert complex_filter(
        [
            {"key": "updated_at", "value": {"key": "from", "value": "2026-01-01 00:00:00"}},
            {"key": "updated_at", "value": {"key": "to", "value": "2026-02-01 00:00:00"}},
            {"key": "sku", "value": {"key": "in", "value": "A, B"}},
        ]
    ) == {
        "updated_at": {"from": "2026-01-01 00:00:00", "to": "2026-02-01 00:00:00"},
        "sku": {"in": ["A", "B"]},
    }
    with pytest.raises(ValueError, match="unknown filter operator 'between'"):
        condition(1, "between")


def test_multi_call_sends_a_struct_keyed_by_position_and_reads_faults_with_string_codes() -> None:
    sent: list[tuple[object, ...]] = []
    answers = [
        [{"store_id": 1, "code": "default"}],
        {"isFault": True, "faultCode": "101", "faultMessage": "Product not exists."},  # as recorded
        {"isFault": True, "faultCode": "?", "faultMessage": "odd"},
    ]

    def handle(request: httpx.Request) -> httpx.Response:
        params, method = xmlrpc.client.loads(request.content)
        if method == "multiCall":
            sent.append(params)
        return _ok("sess-1" if method == "login" else answers)

    with _client(httpx.MockTransport(handle)) as client:
        store, missing, odd = client.multi_call(
            [("store.list", []), ("catalog_product.info", ["NO-SUCH", None, None, "sku"]), ("x.y", [])]
        )
    assert sent == [
        (
            "sess-1",
            {
                "0": ["store.list", []],
                "1": ["catalog_product.info", ["NO-SUCH", None, None, "sku"]],
                "2": ["x.y", []],
            },
        )
    ]  # two parameters, as recorded (multiCall.struct_form.json)
    assert store == [{"store_id": 1, "code": "default"}]
    assert (type(missing), missing.fault_code, missing.message) == (NotFoundError, 101, "Product not exists.")
    assert (type(odd), odd.fault_code) == (ValidationError, 0)


def test_multi_call_falls_back_to_the_array_form_on_fault_623_once() -> None:
    forms: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        params, method = xmlrpc.client.loads(request.content)
        if method != "multiCall":
            return _ok("sess-1")
        forms.append(type(params[1]).__name__)
        if isinstance(params[1], dict):
            fault = xmlrpc.client.Fault(623, "Calling parameters do not match signature")
            return httpx.Response(200, content=xmlrpc.client.dumps(fault))
        return _ok([True] * len(params[1]))

    with _client(httpx.MockTransport(handle)) as client:
        assert client.multi_call([("a.b", []), ("c.d", [])]) == [True, True]
        assert client.multi_call([("a.b", [])]) == [True]
        assert client.multi_call([]) == []  # nothing to send
    assert forms == ["dict", "list", "list"]
