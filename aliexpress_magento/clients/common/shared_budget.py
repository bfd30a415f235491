"""The call budget shared by every worker through Redis (DESIGN.md §7: N workers, one account's budget).

The same token bucket as :class:`.budget.TokenBucketBudget` and the same day count as
:class:`.quota.InProcessDayCounter`, kept in Redis and changed atomically (a Lua script; ``INCR``), so
two workers on two machines never both take the last token. The time is the caller's clock (epoch
seconds; machines keep it by NTP), injectable like the in-process budget's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .budget import TOKEN_DUST
from .quota import DAY

# KEYS[1] the bucket; ARGV rate, capacity, now, dust (see budget.TOKEN_DUST).
# Returns the wait in seconds ("0" = a token was taken).
_TAKE = """
local rate, capacity, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(state[1]) or capacity
local updated = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - updated) * rate)
local wait = 0
if tokens >= 1 - tonumber(ARGV[4]) then tokens = math.max(0, tokens - 1) else wait = (1 - tokens) / rate end
-- %.17g: Lua's tostring keeps 14 digits, which cuts an epoch time to 0.1 ms and leaves each refill a
-- little short, so every call would wait once more for a speck of a token.
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'updated', string.format('%.17g', now))
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 60)
return string.format('%.17g', wait)
"""


class RedisTokenBucket:
    """``rate`` calls per second across every process using ``key``; bursts up to ``burst``."""

    def __init__(
        self,
        redis: Any,
        key: str,
        rate: float,
        burst: int | None = None,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.key, self.rate = key, rate
        self.capacity = float(burst if burst is not None else max(1, int(rate)))
        self._take = redis.register_script(_TAKE)
        self._clock, self._sleep = clock, sleep

    def acquire(self) -> None:
        while True:
            args = [self.rate, self.capacity, self._clock(), TOKEN_DUST]
            wait = float(self._take(keys=[self.key], args=args))
            if wait <= 0:
                return
            self._sleep(wait)


class RedisDayCounter:
    """One key per day (``<key>:<day>``), dropped a day after it ends."""

    def __init__(self, redis: Any, key: str) -> None:
        self._redis, self.key = redis, key

    def increment(self, day: int) -> int:
        day_key = f"{self.key}:{day}"
        pipe = self._redis.pipeline()
        pipe.incr(day_key)
        pipe.expire(day_key, int(2 * DAY))
        count, _ = pipe.execute()
        return int(count)
