"""The one retry policy of the client (DESIGN.md §10).

Bounded attempts, exponential backoff passed through a replaceable jitter function, ban seconds of a
rate-limited answer honoured, terminal and auth errors never retried. ``sleep`` is injectable so tests
(and an async caller that would rather reschedule) never wait for real.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from .errors import AliExpressError, RateLimitedError

T = TypeVar("T")
Jitter = Callable[[float], float]


def equal_jitter(delay: float) -> float:
    """Half fixed, half random: spreads workers apart without ever collapsing to zero wait."""
    return delay / 2 + random.uniform(0, delay / 2)  # noqa: S311 - scheduling noise, not cryptography


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    # A ban longer than this (the daily quota bans until midnight Beijing) is not waited out in-process.
    max_ban: float = 60.0
    jitter: Jitter = field(default=equal_jitter)
    sleep: Callable[[float], None] = field(default=time.sleep)

    def backoff(self, attempt: int) -> float:
        """Wait after failed attempt number ``attempt`` (1-based), before jitter."""
        return min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))

    def delay(self, error: AliExpressError, attempt: int) -> float:
        wait = self.jitter(self.backoff(attempt))
        if isinstance(error, RateLimitedError) and error.ban_seconds is not None:
            # Calling again inside the ban only extends it; wait at least the ban itself.
            wait = max(wait, error.ban_seconds)
        return wait

    def should_retry(self, error: AliExpressError, attempt: int, *, idempotent: bool) -> bool:
        if not error.retryable or attempt >= self.max_attempts:
            return False
        if isinstance(error, RateLimitedError) and (error.ban_seconds or 0) > self.max_ban:
            return False
        # A timed-out product.post may have created the product: only re-send writes that never arrived.
        return idempotent or not error.maybe_processed

    def run(self, attempt_call: Callable[[], T], *, idempotent: bool = True) -> T:
        attempt = 1
        while True:
            try:
                return attempt_call()
            except AliExpressError as error:
                if not self.should_retry(error, attempt, idempotent=idempotent):
                    raise
                self.sleep(self.delay(error, attempt))
                attempt += 1


NO_RETRY = RetryPolicy(max_attempts=1)
