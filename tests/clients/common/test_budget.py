"""The shared call budget (token bucket), with a fake clock and a fake sleep."""

from __future__ import annotations

import pytest

from aliexpress_magento.clients.common import TokenBucketBudget, UnlimitedBudget


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_token_bucket_allows_the_burst_then_spaces_calls_at_the_rate() -> None:
    clock = FakeClock()
    budget = TokenBucketBudget(rate=2, burst=2, clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(5):
        budget.acquire()
        starts.append(clock.now - 1000.0)
    assert starts == [0.0, 0.0, 0.5, 1.0, 1.5]
    assert clock.sleeps == [0.5, 0.5, 0.5]


def test_token_bucket_refills_while_idle_but_never_beyond_the_burst() -> None:
    clock = FakeClock()
    budget = TokenBucketBudget(rate=5, burst=1, clock=clock, sleep=clock.sleep)
    budget.acquire()
    clock.now += 10  # idle for long: still only one call of credit
    budget.acquire()
    budget.acquire()
    assert clock.sleeps == [pytest.approx(0.2)]


def test_rejects_a_non_positive_rate() -> None:
    with pytest.raises(ValueError, match="rate must be positive"):
        TokenBucketBudget(rate=0)


def test_unlimited_budget_never_waits() -> None:
    assert UnlimitedBudget().acquire() is None
