"""The Redis kind: one key per (account, name) holding the holder's token and start time, with a
time-to-live of ``stale_after`` seconds that each heartbeat renews, so an abandoned lock simply expires.
Built on redis-py's ``Lock``, whose extend and release check the token in one Lua script each."""

from __future__ import annotations

import uuid
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import redis
from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from redis.exceptions import LockError
from redis.lock import Lock

from .errors import STALE_AFTER, LockBusy, LockLost


def key(account_id: int, name: str) -> str:
    return f"connector:job-lock:{account_id}:{name}"


@cache
def _connect(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def client() -> redis.Redis:
    return _connect(settings.JOB_LOCKS_REDIS_URL)


@dataclass(frozen=True)
class RedisAccountLock:
    lock: Lock
    name: str
    stale_after: int

    def beat(self) -> None:
        try:
            self.lock.extend(self.stale_after, replace_ttl=True)
        except LockError as exc:  # the key expired, or another run holds it now
            raise LockLost(f"the lock {self.name!r} was taken over") from exc

    def release(self) -> None:
        with suppress(LockError):  # expired or taken over: nothing of ours to release
            self.lock.release()


def acquire(account_id: int, name: str, *, stale_after: int = STALE_AFTER) -> RedisAccountLock:
    now = timezone.now()
    lock = client().lock(key(account_id, name), timeout=stale_after, thread_local=False)
    if lock.acquire(blocking=False, token=f"{uuid.uuid4().hex} {now.isoformat()}"):
        return RedisAccountLock(lock, name, stale_after)
    raise LockBusy(name, _since(account_id, name) or now)


def _since(account_id: int, name: str) -> datetime | None:
    value = client().get(key(account_id, name))
    if not isinstance(value, bytes) or b" " not in value:
        return None
    return parse_datetime(value.decode().split(" ", 1)[1])


def holds(account_id: int, name: str, *, stale_after: int = STALE_AFTER) -> bool:
    return bool(client().exists(key(account_id, name)))  # an abandoned lock has expired already
