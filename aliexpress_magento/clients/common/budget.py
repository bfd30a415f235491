"""Per-account call budget (calls per second), enforced by a client before every HTTP attempt.

:class:`CallBudget` is the seam: the in-memory :class:`TokenBucketBudget` serves one process; a
Redis-backed budget implementing the same ``acquire`` can share one account's budget across workers
(DESIGN.md §7) without the client changing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

# Magento publishes no rate limit; its REST and XML-RPC calls run PHP under the store's own traffic. Ten
# calls a second per store keeps a modest host responsive while a catalog of 100,000 products still
# pages through in minutes; a merchant with a stronger host raises it in the account's settings.
DEFAULT_MAGENTO_QPS = 10


TOKEN_DUST = 1e-3  # of one token: what the clock's rounding may leave missing after an exact wait


class CallBudget(Protocol):
    def acquire(self) -> None:
        """Return once one call may be made now, waiting if the budget is spent for this second, or
        raise :class:`.quota.QuotaSpent` when a daily quota is spent."""


class UnlimitedBudget:
    def acquire(self) -> None:
        return None


class TokenBucketBudget:
    """``rate`` calls per second on average, bursts up to ``burst`` calls; clock and sleep injectable."""

    def __init__(
        self,
        rate: float,
        burst: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = float(burst if burst is not None else max(1, int(rate)))
        self._clock = clock
        self._sleep = sleep
        self._tokens = self.capacity
        self._updated = clock()
        self._lock = threading.Lock()

    def acquire(self) -> None:
        while True:
            with self._lock:
                wait = self._take_or_wait()
            if wait <= 0:
                return
            self._sleep(wait)

    def _take_or_wait(self) -> float:
        """Take a token and return 0, or return how long until one is available."""
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
        self._updated = now
        # Float dust after an exact sleep must not cost another wait: on an epoch clock (~1.8e9 s, as the
        # shared budget uses) a sleep of 1/rate comes back short by up to ~2.4e-7 s, and a wait that
        # short would not move the clock at all (an endless loop).
        if self._tokens >= 1 - TOKEN_DUST:
            self._tokens = max(0.0, self._tokens - 1)
            return 0.0
        return (1 - self._tokens) / self.rate
