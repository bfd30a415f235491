"""Each account's call budget, handed to every client :mod:`.api_clients` builds (DESIGN.md §7).

The settings are the account's (calls per second and, for AliExpress, calls per day). The state lives
in Redis when ``CALL_BUDGET_REDIS_URL`` is set (by default: when the broker is Redis), so N workers on
N machines share one account's budget; otherwise in this process (the embedded default: one worker),
kept here across clients because a new client is built for every job. Budgets are keyed by the
account's id and creation time, so a deleted account's count never passes to a new one with its id.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings

from aliexpress_magento.clients.aliexpress import limits as aliexpress_limits
from aliexpress_magento.clients.common import CallBudget, QuotedBudget, TokenBucketBudget, UnlimitedBudget
from aliexpress_magento.clients.common.quota import DayCounter, InProcessDayCounter
from aliexpress_magento.clients.common.shared_budget import RedisDayCounter, RedisTokenBucket

from .models import Account


@dataclass(frozen=True)
class Clock:
    now: Callable[[], float] = time.time  # epoch seconds: shared by machines through Redis
    sleep: Callable[[float], None] = time.sleep


_clock = Clock()
_lock = threading.Lock()
_buckets: dict[tuple[str, int, Clock], TokenBucketBudget] = {}
_counters: dict[str, InProcessDayCounter] = {}


@contextmanager
def timed_by(clock: Clock) -> Iterator[None]:
    """While open, budgets built here read ``clock`` (tests: a fake clock, no real waits)."""
    global _clock
    previous, _clock = _clock, clock
    try:
        yield
    finally:
        _clock = previous


def aliexpress_budget(account: Account) -> CallBudget:
    # No burst: AliExpress bans a second's calls past its limit ("ApiCallLimit … this ban will last 1
    # seconds"), and a bucket holding a second's tokens can send twice the rate within one second (a
    # full bucket, then its refill). Calls spaced 1/rate apart never pass it; the rate is the same.
    return _budget(
        _key(account, "aliexpress"),
        account.aliexpress_qps,
        account.aliexpress_daily_quota,
        utc_offset_hours=aliexpress_limits.QUOTA_DAY_UTC_OFFSET_HOURS,
        burst=1,
    )


def magento_budget(account: Account) -> CallBudget:
    return _budget(_key(account, "magento"), account.magento_qps, 0, utc_offset_hours=0)


def _key(account: Account, api: str) -> str:
    return f"call-budget:{account.pk}:{int(account.created_at.timestamp() * 1_000_000)}:{api}"


def _budget(
    key: str, qps: int, daily_quota: int, *, utc_offset_hours: float, burst: int | None = None
) -> CallBudget:
    redis = _redis(settings.CALL_BUDGET_REDIS_URL) if settings.CALL_BUDGET_REDIS_URL else None
    rate = _rate(redis, key, qps, burst)
    if not daily_quota:
        return rate
    counter: DayCounter = RedisDayCounter(redis, f"{key}:day") if redis else _in_process_counter(key)
    return QuotedBudget(
        rate, daily_quota, counter=counter, utc_offset_hours=utc_offset_hours, clock=_clock.now
    )


def _rate(redis: Any, key: str, qps: int, burst: int | None) -> CallBudget:
    """``burst`` None: a second's worth of calls (the buckets' default)."""
    if not qps:
        return UnlimitedBudget()
    if redis is not None:
        return RedisTokenBucket(redis, f"{key}:rate", qps, burst, clock=_clock.now, sleep=_clock.sleep)
    with _lock:
        return _buckets.setdefault(
            (key, qps, _clock), TokenBucketBudget(qps, burst, clock=_clock.now, sleep=_clock.sleep)
        )


def _in_process_counter(key: str) -> InProcessDayCounter:
    with _lock:
        return _counters.setdefault(key, InProcessDayCounter())


@cache
def _redis(url: str) -> Any:
    import redis  # the scale mode's driver; the embedded default never loads it

    return redis.Redis.from_url(url)
