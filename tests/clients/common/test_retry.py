"""The shared retry policy works on any error that exposes ``retryable`` / ``maybe_processed``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from aliexpress_magento.clients.common import RetryableFailure, RetryPolicy


class Failure(Exception):
    def __init__(
        self, *, retryable: bool, maybe_processed: bool = True, ban_seconds: float | None = None
    ) -> None:
        super().__init__("failure")
        self.retryable = retryable
        self.maybe_processed = maybe_processed
        self.ban_seconds = ban_seconds


def flaky(errors: list[Exception], result: str = "ok") -> tuple[Callable[[], str], list[int]]:
    calls: list[int] = []

    def call() -> str:
        calls.append(1)
        if errors:
            raise errors.pop(0)
        return result

    return call, calls


def policy(sleeps: list[float], attempts: int = 4) -> RetryPolicy:
    return RetryPolicy(
        max_attempts=attempts, base_delay=0.5, max_delay=3.0, jitter=lambda d: d, sleep=sleeps.append
    )


def test_any_error_with_the_attributes_takes_part() -> None:
    assert isinstance(Failure(retryable=True), RetryableFailure)
    assert not isinstance(ValueError("x"), RetryableFailure)


def test_retryable_errors_are_retried_with_capped_exponential_backoff() -> None:
    sleeps: list[float] = []
    call, calls = flaky([Failure(retryable=True) for _ in range(4)])
    assert policy(sleeps, attempts=5).run(call) == "ok"
    assert (len(calls), sleeps) == (5, [0.5, 1.0, 2.0, 3.0])


def test_attempts_are_bounded_and_the_last_error_is_raised() -> None:
    sleeps: list[float] = []
    last = Failure(retryable=True)
    call, calls = flaky([Failure(retryable=True), Failure(retryable=True), last])
    with pytest.raises(Failure) as caught:
        policy(sleeps, attempts=3).run(call)
    assert (caught.value, len(calls), sleeps) == (last, 3, [0.5, 1.0])


def test_errors_a_retry_cannot_help_and_foreign_exceptions_are_raised_at_once() -> None:
    for error in (Failure(retryable=False), KeyError("bug")):
        sleeps: list[float] = []
        call, calls = flaky([error])
        with pytest.raises(type(error)):
            policy(sleeps).run(call)
        assert (len(calls), sleeps) == (1, [])


def test_a_non_idempotent_call_is_resent_only_when_it_never_arrived() -> None:
    sleeps: list[float] = []
    call, calls = flaky([Failure(retryable=True, maybe_processed=False), Failure(retryable=True)])
    with pytest.raises(Failure):
        policy(sleeps).run(call, idempotent=False)
    assert (len(calls), sleeps) == (2, [0.5])


def test_ban_seconds_are_waited_out_and_a_long_ban_is_left_to_the_caller() -> None:
    sleeps: list[float] = []
    call, _ = flaky([Failure(retryable=True, ban_seconds=7)])
    assert policy(sleeps).run(call) == "ok"
    assert sleeps == [7.0]
    long_ban = Failure(retryable=True, ban_seconds=3600)
    assert RetryPolicy(max_ban=60).should_retry(long_ban, 1, idempotent=True) is False


def test_jitter_sees_the_backoff() -> None:
    halved = RetryPolicy(base_delay=0.5, max_delay=3.0, jitter=lambda d: d / 2)
    assert [halved.delay(Failure(retryable=True), n) for n in range(1, 4)] == [0.25, 0.5, 1.0]
