"""Manage Products' mass actions under the account's locks, on two real threads (issue 13): a Product Price
Update held inside its AliExpress call while a Price Cron run and a second mass action start. The cron
run skips (its next tick comes), the second mass action is re-queued until the first is done and then
finds nothing left to send: each changed SKU reaches AliExpress once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest
from django.db import connections as db_connections

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.celery import app as celery_app
from aliexpress_magento.listings.models import BulkAction
from aliexpress_magento.listings.tasks import bulk_action, sync_price
from tests.flow.accounts.conftest import AE_URL
from tests.flow.listings.recording import PRICE, RecordingSandbox
from tests.flow.listings.test_price_inventory import live
from tests.flow.listings.test_upload import World, _cents, world
from tests.support.accounts import APP_KEY, APP_SECRET

pytestmark = [
    pytest.mark.parametrize("media", ["magento2"], indirect=True),
    pytest.mark.django_db(transaction=True),
]
__all__ = ["live", "world"]  # fixtures, used here


class HoldFirstPrice(httpx.BaseTransport):
    """The sandbox, except that the answer to the first price update is held until ``release``: the
    first run has sent its prices but not recorded them as pushed yet."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.first_sent, self.release = threading.Event(), threading.Event()
        self._held = False
        self._guard = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if f"method={PRICE}".encode() in request.read():
            with self._guard:
                first, self._held = not self._held, True
            if first:
                response.read()
                self.first_sent.set()
                assert self.release.wait(timeout=60), "the test never released the first price update"
        return response


@pytest.fixture
def ae_sandbox() -> RecordingSandbox:
    return RecordingSandbox(app_key=APP_KEY, app_secret=APP_SECRET)


@pytest.fixture
def held(live: World, ae_sandbox: RecordingSandbox) -> Iterator[HoldFirstPrice]:
    """Given the live products with the simple's price raised in Magento (and mirrored)."""
    new_price = _cents(live.simple.price) + Decimal("5.00")
    live.media.sandbox.update_product(live.simple.sku, price=float(new_price))
    live.mirror()
    ae_sandbox.sent.clear()
    transport = HoldFirstPrice(httpx.WSGITransport(app=ae_sandbox))
    with api_clients.route_to(AE_URL, transport):
        yield transport
    transport.release.set()


def _mass_price_update(world: World) -> BulkAction:
    ids = [world.simple.pk, world.configurable.pk]
    return BulkAction.objects.create(account=world.account, action="price_update", product_ids=ids, total=2)


def _run_in_thread(world: World, bulk: BulkAction) -> threading.Thread:
    def work() -> None:
        try:
            bulk_action.apply(kwargs={"account_id": world.account.pk, "bulk_id": bulk.pk}, throw=False)
        finally:
            db_connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=work)
    thread.start()
    return thread


def _price_calls(world: World) -> list[list[str]]:
    assert isinstance(world.ae, RecordingSandbox)
    return [[s["sku_code"] for _, skus in c.updates() for s in skus] for c in world.ae.of(PRICE)]


def test_a_price_cron_run_skips_while_a_mass_price_update_pushes(live: World, held: HoldFirstPrice) -> None:
    first = _mass_price_update(live)
    thread = _run_in_thread(live, first)
    assert held.first_sent.wait(timeout=60)
    try:
        sync_price.apply(kwargs={"account_id": live.account.pk})  # the Price Cron's tick
    finally:
        held.release.set()
        thread.join(timeout=60)
    assert not thread.is_alive()

    assert _price_calls(live) == [[live.simple.sku]]  # once, by the mass action
    cron = JobRun.objects.get(job_code="listings.sync_price")
    assert (cron.status, cron.messages.split(" since ")[0]) == (
        JobStatus.SUCCESS,
        f"{live.account.name}: skipped: another run holds the lock 'listings.sync_price'",
    )
    first.refresh_from_db()
    assert (first.status, first.succeeded, first.skipped, first.failed) == ("done", 1, 1, 0)


def test_a_second_mass_action_waits_for_the_first_then_sends_nothing_twice(
    live: World, held: HoldFirstPrice, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _mass_price_update(live), _mass_price_update(live)
    thread = _run_in_thread(live, first)
    assert held.first_sent.wait(timeout=60)
    countdowns: list[int] = []
    original = bulk_action.retry

    def requeued(*args, **kwargs):  # type: ignore[no-untyped-def]
        """The second run was re-queued: the first finishes before the retry runs (as the minute of
        countdown would let it), and eager mode runs the retry at once."""
        countdowns.append(kwargs["countdown"])
        held.release.set()
        thread.join(timeout=60)
        return original(*args, **kwargs)

    monkeypatch.setattr(bulk_action, "retry", requeued)
    celery_app.conf.task_eager_propagates = False  # as a worker: the retry is applied, not raised
    try:
        bulk_action.apply(kwargs={"account_id": live.account.pk, "bulk_id": second.pk})
    finally:
        celery_app.conf.task_eager_propagates = True  # as tests/conftest.py sets it
        held.release.set()
        thread.join(timeout=60)
    assert not thread.is_alive()

    assert countdowns == [60]
    assert _price_calls(live) == [[live.simple.sku]]  # the second found it pushed already
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.succeeded, first.skipped) == ("done", 1, 1)
    assert (second.status, second.succeeded, second.skipped) == ("done", 0, 2)
    waited = JobRun.objects.filter(job_code="listings.bulk_action").order_by("pk").last()
    assert waited is not None
    lines = waited.messages.splitlines()
    assert lines[0].startswith(
        f"waiting: {live.account.name}: another run holds the lock 'listings.sync_price' since "
    )
    assert lines[0].endswith(": re-queued to run in 60 s (retry 1 of 30).")
    assert lines[1] == (
        f"{live.account.name}: Product Price Update: 2 of 2 products processed: 0 done, 2 skipped, 0 failed."
    )
    assert waited.status == JobStatus.SUCCESS
