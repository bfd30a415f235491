"""Every client built for an account takes its calls from that account's budget (QPS and daily quota,
account settings), kept across clients; a fake clock stands in for time, so nothing really waits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from aliexpress_magento.accounts import api_clients, budgets
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.aliexpress import RateLimitedError
from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox

from .conftest import authorize

# 2026-12-04 15:00:00 UTC = 23:00 in Beijing, one hour before AliExpress's day (and our count) restarts
START = 1_796_396_400.0


class FakeClock:
    def __init__(self) -> None:
        self.at = START
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.at

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.at += seconds


@pytest.fixture(autouse=True)
def in_process_budgets(settings: Any) -> None:
    """The budgets kept in this process, whatever the broker (CI's second pass uses Redis): these tests
    jump a fake clock a day ahead, while a Redis day count also lives by its key's expiry in Redis's own
    time. The Redis kind is tested on a private server in tests/clients/common/test_shared_budget.py."""
    settings.CALL_BUDGET_REDIS_URL = ""


@pytest.fixture
def authorized(account: Account, ae_sandbox: AliExpressSandbox) -> Account:
    """Authorized on the real clock, before the fake one starts: its calls count on another day."""
    return authorize(ae_sandbox, account)


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    fake = FakeClock()
    with budgets.timed_by(budgets.Clock(now=fake.now, sleep=fake.sleep)):
        yield fake


def test_an_aliexpress_client_spaces_its_calls_and_refuses_the_fourth_of_the_day(
    authorized: Account, clock: FakeClock
) -> None:
    # given an authorized account allowed 1 call a second and 3 a day
    account = authorized
    account.aliexpress_qps, account.aliexpress_daily_quota = 1, 3
    account.save()
    # when three calls go out through clients built one after the other (as jobs do)
    for _ in range(3):
        with api_clients.aliexpress(account, retry=NO_RETRY) as client:
            client.categories.tree_query(0)
    # then the second and the third waited a second each
    assert clock.sleeps == [1.0, 1.0]
    # and the fourth is refused by the budget before it is sent, with the wait until Beijing midnight
    with (
        api_clients.aliexpress(account, retry=NO_RETRY) as client,
        pytest.raises(RateLimitedError) as refused,
    ):
        client.categories.tree_query(0)
    assert (refused.value.code, refused.value.ban_seconds) == ("call-quota", 3600 - 2.0)
    assert refused.value.maybe_processed is False
    assert clock.sleeps == [1.0, 1.0]


def test_an_aliexpress_client_never_sends_more_than_its_rate_within_one_second(
    authorized: Account, clock: FakeClock
) -> None:
    # given an account allowed 2 AliExpress calls a second, its budget idle (full) before the first
    account = authorized
    account.aliexpress_qps, account.aliexpress_daily_quota = 2, 0
    account.save()
    # when three calls go out
    with api_clients.aliexpress(account, retry=NO_RETRY) as client:
        for _ in range(3):
            client.categories.tree_query(0)
    # then they are half a second apart from the first: a burst of two, then the third half a second
    # later, would put three calls in one second, which a gateway counting calls per second bans
    assert clock.sleeps == [0.5, 0.5]


def test_the_quota_starts_again_with_the_day(authorized: Account, clock: FakeClock) -> None:
    account = authorized
    account.aliexpress_qps, account.aliexpress_daily_quota = 0, 1
    account.save()
    with api_clients.aliexpress(account, retry=NO_RETRY) as client:
        client.categories.tree_query(0)
        with pytest.raises(RateLimitedError):
            client.categories.tree_query(0)
        clock.at += 3600  # midnight in Beijing
        client.categories.tree_query(0)
    assert clock.sleeps == []


def test_a_magento_client_takes_its_calls_from_the_account_budget(account: Account, clock: FakeClock) -> None:
    # given an account allowed 2 Magento calls a second
    account.magento_qps = 2
    account.save()
    # when four calls go out through two clients built one after the other
    for _ in range(2):
        with api_clients.magento2_client(account, retry=NO_RETRY, scope="all") as client:
            client.stores.views()
            client.stores.views()
    # then the burst of two went at once and the next two waited half a second each
    assert clock.sleeps == [0.5, 0.5]


def test_the_defaults_are_the_published_limits() -> None:
    account = Account(name="new")
    assert (account.aliexpress_qps, account.aliexpress_daily_quota, account.magento_qps) == (50, 5000, 10)


def test_magento_has_no_daily_quota(account: Account, clock: FakeClock) -> None:
    account.magento_qps = 1000
    budget = budgets.magento_budget(account)
    for _ in range(10_000):
        budget.acquire()  # never refused, whatever the count
    assert len(clock.sleeps) == 10_000 - 1000
