"""Calls-per-second and daily-quota limits, measured on the sandbox's injectable clock."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

# AliExpress resets daily quotas at 24:00 Beijing time (fact sheet §7.3).
QUOTA_ZONE = timezone(timedelta(hours=8))
BAN_SECONDS = 1  # "this ban will last 1 seconds" is the ban seen on the live gateway


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    ban_seconds: int = 0
    daily: bool = False  # True when the daily quota, not the rate, refused the call


class RateLimiter:
    def __init__(self) -> None:
        self._recent: dict[str, deque[float]] = {}
        self._banned_until: dict[str, float] = {}
        self._day: dict[str, tuple[str, int]] = {}

    def check(self, key: str, now: float, per_second: float, daily_quota: int) -> Verdict:
        quota = self._check_quota(key, now, daily_quota)
        if not quota.allowed:
            return quota
        return self._check_rate(key, now, per_second)

    def reset(self) -> None:
        self._recent.clear()
        self._banned_until.clear()
        self._day.clear()

    def _check_rate(self, key: str, now: float, per_second: float) -> Verdict:
        if per_second <= 0:
            return Verdict(True)
        until = self._banned_until.get(key, 0.0)
        if now < until:
            return Verdict(False, max(1, math.ceil(until - now)))
        window = self._recent.setdefault(key, deque())
        while window and window[0] <= now - 1.0:
            window.popleft()
        if len(window) >= per_second:
            self._banned_until[key] = now + BAN_SECONDS
            return Verdict(False, BAN_SECONDS)
        window.append(now)
        return Verdict(True)

    def _check_quota(self, key: str, now: float, daily_quota: int) -> Verdict:
        if daily_quota <= 0:
            return Verdict(True)
        local = datetime.fromtimestamp(now, QUOTA_ZONE)
        day = local.date().isoformat()
        seen_day, count = self._day.get(key, (day, 0))
        count = count if seen_day == day else 0
        if count >= daily_quota:
            midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), QUOTA_ZONE)
            return Verdict(False, max(1, math.ceil(midnight.timestamp() - now)), daily=True)
        self._day[key] = (day, count + 1)
        return Verdict(True)
