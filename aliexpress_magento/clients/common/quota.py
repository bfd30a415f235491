"""A daily call quota, counted before every HTTP attempt with the rate budget (:class:`QuotedBudget`).

AliExpress gives each app a daily call quota and, once it is spent, bans the app until midnight Beijing
time (fact sheet §7.3): calling on only extends the trouble, so the budget stops at the quota itself and
says how long until the count starts again (``ban_seconds``), which a job turns into a later retry.
The count lives in a :class:`DayCounter`: in this process (:class:`InProcessDayCounter`, the embedded
default) or in Redis (:mod:`.shared_budget`), shared by every worker.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from .budget import CallBudget

DAY = 86_400.0


class QuotaSpent(Exception):
    """The daily quota is spent; ``ban_seconds`` until it starts again. Nothing was sent."""

    retryable = True
    maybe_processed = False

    def __init__(self, limit: int, ban_seconds: float) -> None:
        self.limit = limit
        self.ban_seconds = ban_seconds
        super().__init__(f"daily call quota of {limit} spent; it starts again in {ban_seconds:.0f} s")


class DayCounter(Protocol):
    def increment(self, day: int) -> int:
        """Count one call on ``day`` (a day number); return the count of that day, this call included."""


class InProcessDayCounter:
    def __init__(self) -> None:
        self._day = -1
        self._count = 0
        self._lock = threading.Lock()

    def increment(self, day: int) -> int:
        with self._lock:
            if day != self._day:
                self._day, self._count = day, 0
            self._count += 1
            return self._count


class QuotedBudget:
    """``rate`` (any :class:`CallBudget`) within at most ``daily_limit`` calls per day.

    A day starts at midnight of UTC+``utc_offset_hours`` (8 for AliExpress: Beijing time). ``clock``
    gives epoch seconds. A refused call is counted too, as the API counts refused calls.
    """

    def __init__(
        self,
        rate: CallBudget,
        daily_limit: int,
        *,
        counter: DayCounter | None = None,
        utc_offset_hours: float = 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if daily_limit <= 0:
            raise ValueError("daily_limit must be positive")
        self.rate = rate
        self.daily_limit = daily_limit
        self._counter: DayCounter = counter or InProcessDayCounter()
        self._offset = utc_offset_hours * 3600
        self._clock = clock

    def acquire(self) -> None:
        local = self._clock() + self._offset
        day = int(local // DAY)
        if self._counter.increment(day) > self.daily_limit:
            raise QuotaSpent(self.daily_limit, ban_seconds=(day + 1) * DAY - local)
        self.rate.acquire()
