"""The one retry policy of every client (DESIGN.md §10).

Bounded attempts, exponential backoff passed through a replaceable jitter function, ban seconds of a
rate-limited answer honoured, errors that say a retry cannot help never retried. It knows no client's
error classes: any exception exposing :class:`RetryableFailure`'s attributes (and optionally
``ban_seconds``) takes part. ``sleep`` is injectable so tests never wait for real.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar, runtime_checkable

T = TypeVar("T")
Jitter = Callable[[float], float]


@runtime_checkable
class RetryableFailure(Protocol):
    """What the policy reads from an error. ``ban_seconds: float | None`` may also be present."""

    retryable: bool
    # Whether a non-idempotent call may have reached the server (then re-sending could do it twice).
    maybe_processed: bool


def equal_jitter(delay: float) -> float:
    """Half fixed, half random: spreads workers apart without ever collapsing to zero wait."""
    return delay / 2 + random.uniform(0, delay / 2)  # noqa: S311 - scheduling noise, not cryptography


def ban_of(error: RetryableFailure) -> float | None:
    ban = getattr(error, "ban_seconds", None)
    return float(ban) if isinstance(ban, int | float) else None


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    # A ban longer than this (a daily quota) is not waited out in-process: the caller reschedules.
    max_ban: float = 60.0
    jitter: Jitter = field(default=equal_jitter)
    sleep: Callable[[float], None] = field(default=time.sleep)

    def backoff(self, attempt: int) -> float:
        """Wait after failed attempt number ``attempt`` (1-based), before jitter."""
        return min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))

    def delay(self, error: RetryableFailure, attempt: int) -> float:
        wait = self.jitter(self.backoff(attempt))
        ban = ban_of(error)
        # Calling again inside a ban only extends it: wait at least the ban itself.
        return max(wait, ban) if ban is not None else wait

    def should_retry(self, error: RetryableFailure, attempt: int, *, idempotent: bool) -> bool:
        if not error.retryable or attempt >= self.max_attempts:
            return False
        if (ban_of(error) or 0) > self.max_ban:
            return False
        # A timed-out write may have been done: only re-send writes that certainly never arrived.
        return idempotent or not error.maybe_processed

    def run(self, attempt_call: Callable[[], T], *, idempotent: bool = True) -> T:
        attempt = 1
        while True:
            try:
                return attempt_call()
            except Exception as error:
                if not isinstance(error, RetryableFailure):
                    raise
                if not self.should_retry(error, attempt, idempotent=idempotent):
                    raise
                self.sleep(self.delay(error, attempt))
                attempt += 1


NO_RETRY = RetryPolicy(max_attempts=1)
