"""The call budget shared through Redis: two budgets on one key (two workers) share the rate and the
day's count. A private redis-server on a free port, a fake clock, no real waits."""

from __future__ import annotations

import shutil
import socket
import subprocess
from collections.abc import Iterator

import pytest
import redis

from aliexpress_magento.clients.common import QuotaSpent, QuotedBudget
from aliexpress_magento.clients.common.shared_budget import RedisDayCounter, RedisTokenBucket

START = 1_796_396_400.0  # 2026-12-04 15:00 UTC


class FakeClock:
    def __init__(self) -> None:
        self.at = START
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.at

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.at += seconds


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[redis.Redis]:
    port = _free_port()
    binary = shutil.which("redis-server")
    assert binary, "redis-server is needed (scripts/test installs Debian's redis-server when run as root)"
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:  # its own log says when it accepts connections: no polling
            if "Ready to accept connections" in line:
                break
        client = redis.Redis(port=port)
        yield client
        client.close()
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def db(server: redis.Redis) -> redis.Redis:
    server.flushall()
    return server


def test_two_workers_share_one_rate(db: redis.Redis) -> None:
    clock = FakeClock()
    first, second = (RedisTokenBucket(db, "acct:rate", 1, clock=clock, sleep=clock.sleep) for _ in range(2))
    first.acquire()
    second.acquire()  # the token is gone: the other worker waits its second
    first.acquire()
    assert clock.sleeps == [1.0, 1.0]


def test_two_workers_share_one_day_count(db: redis.Redis) -> None:
    clock = FakeClock()
    budgets = [
        QuotedBudget(
            RedisTokenBucket(db, "acct:rate", 100, clock=clock, sleep=clock.sleep),
            3,
            counter=RedisDayCounter(db, "acct:day"),
            utc_offset_hours=8,
            clock=clock,
        )
        for _ in range(2)
    ]
    budgets[0].acquire()
    budgets[1].acquire()
    budgets[0].acquire()
    with pytest.raises(QuotaSpent) as spent:
        budgets[1].acquire()
    assert (spent.value.limit, spent.value.ban_seconds) == (3, 3600.0)
    clock.at += 3600  # midnight in Beijing: a new day, a new count
    budgets[1].acquire()
    assert clock.sleeps == []
