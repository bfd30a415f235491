"""A rate-limit ban ends the run and hands the wait to Celery: the job is re-queued with the ban's
countdown instead of a worker process sleeping through it. A job that must not be dropped (a
merchant's mass action) and finds its account lock held is re-queued the same way (:class:`WaitForLock`).

The clients wait out short bans themselves (``RetryPolicy.max_ban``, 60 s) and raise longer ones (a
daily quota, a long throttle) at once; what reaches a job is re-queued here, a bounded number of times.
"""

from __future__ import annotations

import math

from aliexpress_magento.clients import aliexpress, magento2

BAN_RETRIES = 5  # a ban that outlasts five re-queues is a quota problem: the run fails and says so
DEFAULT_BAN_WAIT = 60  # seconds, when the API throttled without saying for how long


# A mass action waits for a price or inventory run of up to half an hour (30 re-queues a minute apart);
# a lock held longer than that is a stuck run, and the action fails saying so.
LOCK_WAIT = 60
LOCK_RETRIES = 30


class Postponed(Exception):
    """Raised by the runner to its task wrapper: retry in ``seconds``, at most ``max_retries`` times
    (``error`` is the ban or the busy lock)."""

    def __init__(self, seconds: int, error: Exception, max_retries: int = BAN_RETRIES) -> None:
        super().__init__(f"retry in {seconds} s")
        self.seconds, self.error, self.max_retries = seconds, error, max_retries


class WaitForLock(Exception):
    """Raised by a job whose account lock another run holds, when the run must wait rather than skip:
    re-queued after :data:`LOCK_WAIT` seconds. ``str(exc)`` says which lock and since when."""


def ban_countdown(exc: BaseException) -> int | None:
    """Whole seconds to wait before running a job that a rate-limit ban stopped; None for other errors."""
    if not isinstance(exc, aliexpress.RateLimitedError | magento2.RateLimitedError):
        return None
    return max(1, math.ceil(exc.ban_seconds or DEFAULT_BAN_WAIT))


def requeue(exc: BaseException) -> tuple[int, int, str] | None:
    """(countdown, retries allowed, why) for an error that re-queues its run; None for the others."""
    if isinstance(exc, WaitForLock):
        return LOCK_WAIT, LOCK_RETRIES, f"waiting: {exc}"
    countdown = ban_countdown(exc)
    if countdown is None:
        return None
    return countdown, BAN_RETRIES, f"{platform_of(exc)} rate limit ({exc})"


def platform_of(exc: BaseException) -> str:
    return "AliExpress" if isinstance(exc, aliexpress.RateLimitedError) else "Magento"
