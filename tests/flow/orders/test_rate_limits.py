"""AliExpress's rate limits while orders are imported (issue 14: "rate limits on: nothing lost"), on both
Magento sandboxes. A per-second throttle (bans of a second) is waited out by the client and the run goes
on; a spent daily quota (a ban until midnight Beijing time) ends the run, and the job is re-queued with
the ban's countdown (``jobs.bans``); the re-run reads again what the banned one left unread."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.celery import app as celery_app
from aliexpress_magento.orders.models import ImportStatus, OrderFetchState
from aliexpress_magento.orders.services.pipeline import READERS
from aliexpress_magento.orders.tasks import fetch_orders
from aliexpress_magento.sandbox.core.ratelimit import Verdict

from .conftest import Shop

ORDERS = 4  # 1 order.get page + 2 reads per order = 9 AliExpress calls a run


def refusals(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> list[Verdict]:
    """Every call the AliExpress sandbox's limiter refuses, as it refuses it."""
    refused: list[Verdict] = []
    check = shop.aliexpress.limiter.check

    def spy(*args: Any) -> Verdict:
        verdict = check(*args)
        if not verdict.allowed:
            refused.append(verdict)
        return verdict

    monkeypatch.setattr(shop.aliexpress.limiter, "check", spy)
    return refused


def assert_imported_once(shop: Shop, placed: list[int]) -> None:
    claims = shop.claims()
    assert sorted(claims) == sorted(placed)
    assert {c.status for c in claims.values()} == {ImportStatus.IMPORTED}
    assert shop.magento_orders() == len(placed)
    assert len({c.magento_order_id for c in claims.values()}) == len(placed)


def test_a_per_second_throttle_is_waited_out_and_every_order_imported_once(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(2), 30))
    placed = shop.place(ORDERS)
    refused = refusals(shop, monkeypatch)
    shop.aliexpress.knobs.update({"calls_per_second": 3.0})

    counts = shop.run()

    assert refused and not any(v.daily for v in refused)  # the throttle did bite
    assert (counts.fetched.new, counts.fetched.whole) == (ORDERS, True)
    assert_imported_once(shop, placed)


@pytest.fixture
def requeued(shop: Shop) -> Iterator[list[int]]:
    """The countdown of every re-queue the job asks Celery for. The quota is lifted before the retry runs
    (eager mode runs it at once, as a worker would once the countdown is over)."""
    asked: list[int] = []
    original = fetch_orders.retry

    def spy(*args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs["countdown"])
        shop.aliexpress.knobs.update({"daily_quota": 0})  # Beijing midnight has come: the quota is new
        return original(*args, **kwargs)

    fetch_orders.retry = spy  # type: ignore[method-assign]
    celery_app.conf.task_eager_propagates = False  # eager errors would skip the retry
    try:
        yield asked
    finally:
        celery_app.conf.task_eager_propagates = True  # as tests/conftest.py sets it
        fetch_orders.retry = original  # type: ignore[method-assign]


def test_a_spent_daily_quota_re_queues_the_job_and_nothing_is_lost(
    shop: Shop, monkeypatch: pytest.MonkeyPatch, requeued: list[int]
) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(2), 30))
    placed = shop.place(ORDERS)
    refused = refusals(shop, monkeypatch)
    shop.aliexpress.knobs.update({"daily_quota": 5})  # spent in the middle of the detail reads

    fetch_orders.apply(kwargs={"account_id": shop.account.pk})

    # Each AliExpress reading thread may have had a call out when the quota ran out: both are refused.
    assert refused and len(refused) <= READERS and all(v.daily for v in refused)
    (countdown,) = requeued
    assert countdown == refused[0].ban_seconds  # the ban AliExpress announced, until midnight in Beijing
    run = JobRun.objects.get(job_code="orders.fetch")
    assert run.status == JobStatus.SUCCESS
    first, second = run.messages.splitlines()
    assert first.startswith("AliExpress rate limit (7 / accesscontrol.limited-by-app-access-count / App Call")
    assert first.endswith(f"re-queued to run in {countdown} s (retry 1 of 5).")
    # The banned run created each order it had read in full before the refusal (the quota of 5 calls:
    # the page and two orders' reads at most; with two reading threads, their calls interleave); the
    # re-run reads the others in full and creates them.
    line = rf"Demo shop: {ORDERS} orders listed, 0 new, (\d) changed; import: (\d) created\."
    done = re.fullmatch(line, second)
    assert done is not None and done[1] == done[2] and ORDERS - 2 <= int(done[2]) <= ORDERS, second
    assert_imported_once(shop, placed)
    assert OrderFetchState.objects.get(account=shop.account).watermark is not None
