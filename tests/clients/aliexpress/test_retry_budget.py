"""The AliExpress client under the shared retry policy and call budget (clients/common), with a fake
clock and a fake sleep. The policy and the budget themselves are tested in tests/clients/common/."""

from __future__ import annotations

import httpx
import pytest

from aliexpress_magento.clients.aliexpress import (
    AuthError,
    ErrorFields,
    RateLimitedError,
    RetryableError,
    RetryPolicy,
    TerminalError,
    TokenBucketBudget,
)
from aliexpress_magento.clients.aliexpress.orders import Fulfilment

from .conftest import FakeApi, make_client

RATE_LIMITED = {
    "error_response": {
        "type": "ISV",
        "code": "ApiCallLimit",
        "msg": "Api access frequency exceeds the limit. this ban will last 7 seconds",
        "request_id": "r",
    }
}
SERVER_ERROR = {"error_response": {"code": 15, "msg": "Remote service error", "sub_code": "isp.50001"}}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def policy(sleeps: list[float], attempts: int = 4) -> RetryPolicy:
    return RetryPolicy(
        max_attempts=attempts, base_delay=0.5, max_delay=3.0, jitter=lambda d: d, sleep=sleeps.append
    )


def test_backoff_is_exponential_capped_and_passed_through_jitter() -> None:
    halved = RetryPolicy(base_delay=0.5, max_delay=3.0, jitter=lambda d: d / 2)
    error = RetryableError(ErrorFields(code="x"))
    assert [halved.backoff(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert [halved.delay(error, n) for n in range(1, 4)] == [0.25, 0.5, 1.0]


def test_retryable_errors_are_retried_with_backoff_until_success(api: FakeApi) -> None:
    sleeps: list[float] = []
    api.reply_json(SERVER_ERROR).reply_json(SERVER_ERROR).reply_sample(
        "aliexpress.solution.merchant.profile.get"
    )
    with make_client(api, retry=policy(sleeps)) as ae:
        profile = ae.merchant.profile_get()
    assert profile.shop_id == 1234321
    assert sleeps == [0.5, 1.0]
    assert len(api.sent) == 3


def test_attempts_are_bounded_and_the_last_error_is_raised(api: FakeApi) -> None:
    sleeps: list[float] = []
    api.reply_json(SERVER_ERROR, status=200)
    with make_client(api, retry=policy(sleeps, attempts=3)) as ae, pytest.raises(RetryableError) as caught:
        ae.merchant.profile_get()
    assert caught.value.sub_code == "isp.50001"
    assert (len(api.sent), sleeps) == (3, [0.5, 1.0])


def test_ban_seconds_are_waited_out_even_when_backoff_is_shorter(api: FakeApi) -> None:
    sleeps: list[float] = []
    api.reply_json(RATE_LIMITED).reply_sample("aliexpress.solution.merchant.profile.get")
    with make_client(api, retry=policy(sleeps)) as ae:
        ae.merchant.profile_get()
    assert sleeps == [7.0]


def test_a_ban_longer_than_max_ban_is_not_waited_out_in_process() -> None:
    long_ban = RateLimitedError(ErrorFields(code="7"), ban_seconds=3600)
    assert RetryPolicy(max_ban=60).should_retry(long_ban, 1, idempotent=True) is False


@pytest.mark.parametrize(
    "body",
    [
        {"error_response": {"code": 50, "msg": "Remote service error", "sub_code": "isv.invalid-parameter"}},
        {"error_response": {"code": "IllegalAccessToken", "msg": "expired"}},
    ],
)
def test_terminal_and_auth_errors_are_never_retried(api: FakeApi, body: dict[str, object]) -> None:
    sleeps: list[float] = []
    api.reply_json(body)
    with make_client(api, retry=policy(sleeps)) as ae, pytest.raises((TerminalError, AuthError)):
        ae.merchant.profile_get()
    assert (len(api.sent), sleeps) == (1, [])


def test_a_write_that_may_have_arrived_is_not_resent_but_a_refused_connection_is(api: FakeApi) -> None:
    sleeps: list[float] = []
    api.replies.extend([httpx.ConnectError("refused"), httpx.ReadTimeout("slow")])
    with make_client(api, retry=policy(sleeps)) as ae, pytest.raises(RetryableError) as caught:
        ae.orders.fulfill(_fulfilment())
    assert caught.value.message == "ReadTimeout: slow"
    assert (len(api.sent), sleeps) == (2, [0.5])


def test_rate_limited_write_is_retried_since_the_gateway_refused_it(api: FakeApi) -> None:
    sleeps: list[float] = []
    api.reply_json(RATE_LIMITED).reply_sample("aliexpress.solution.order.fulfill")
    with make_client(api, retry=policy(sleeps)) as ae:
        assert ae.orders.fulfill(_fulfilment()) is True
    assert sleeps == [7.0]


def _fulfilment() -> Fulfilment:
    return Fulfilment(out_ref=8100000000000001, service_name="CPAM", logistics_no="RR123456789CN")


def test_the_client_takes_a_budget_token_before_every_http_attempt(api: FakeApi) -> None:
    clock = FakeClock()
    budget = TokenBucketBudget(rate=1, burst=1, clock=clock, sleep=clock.sleep)
    api.reply_sample("aliexpress.solution.merchant.profile.get")
    with make_client(api, budget=budget) as ae:
        for _ in range(3):
            ae.merchant.profile_get()
    assert clock.sleeps == [1.0, 1.0]
    assert len(api.sent) == 3
