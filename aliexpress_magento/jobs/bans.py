"""A rate-limit ban ends the run and hands the wait to Celery: the job is re-queued with the ban's
countdown instead of a worker process sleeping through it.

The clients wait out short bans themselves (``RetryPolicy.max_ban``, 60 s) and raise longer ones (a
daily quota, a long throttle) at once; what reaches a job is re-queued here, a bounded number of times.
"""

from __future__ import annotations

import math

from aliexpress_magento.clients import aliexpress, magento2

BAN_RETRIES = 5  # a ban that outlasts five re-queues is a quota problem: the run fails and says so
DEFAULT_BAN_WAIT = 60  # seconds, when the API throttled without saying for how long


class Postponed(Exception):
    """Raised by the runner to its task wrapper: retry in ``seconds`` (``error`` is the ban)."""

    def __init__(self, seconds: int, error: Exception) -> None:
        super().__init__(f"retry in {seconds} s")
        self.seconds, self.error = seconds, error


def ban_countdown(exc: BaseException) -> int | None:
    """Whole seconds to wait before running a job that a rate-limit ban stopped; None for other errors."""
    if not isinstance(exc, aliexpress.RateLimitedError | magento2.RateLimitedError):
        return None
    return max(1, math.ceil(exc.ban_seconds or DEFAULT_BAN_WAIT))


def platform_of(exc: BaseException) -> str:
    return "AliExpress" if isinstance(exc, aliexpress.RateLimitedError) else "Magento"
