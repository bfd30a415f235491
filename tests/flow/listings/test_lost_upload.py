"""Validate & Upload when AliExpress's answer to ``feed.submit`` is lost after it created the feed (the
sandbox's ``truncated_json`` fault on that call only): the listings stay in flight, a second upload sends
nothing, and the feeds sync finds the job with ``feed.list.get`` and takes them live. Exactly one feed
exists at AliExpress."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.feeds.models import Feed, FeedStatus
from aliexpress_magento.listings.models import ListingStatus
from aliexpress_magento.listings.services import upload as listings
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.accounts.conftest import AE_URL
from tests.flow.listings.test_upload import SUBMIT, World, world

pytestmark = pytest.mark.parametrize("media", ["magento2"], indirect=True)
__all__ = ["world"]  # the upload tests' fixture, used here


class CutSubmitAnswers(httpx.BaseTransport):
    """The sandbox, with its ``truncated_json`` fault switched on for ``feed.submit`` calls only (the
    feed is created, its answer cut in half)."""

    def __init__(self, sandbox: AliExpressSandbox) -> None:
        self.sandbox, self.inner = sandbox, httpx.WSGITransport(app=sandbox)
        self.cut = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if f"method={SUBMIT}".encode() not in request.read():
            return self.inner.handle_request(request)
        self.sandbox.knobs.update({"fault_rate": 1.0, "fault_kinds": ["truncated_json"]})
        try:
            self.cut += 1
            return self.inner.handle_request(request)
        finally:
            self.sandbox.knobs.update({"fault_rate": 0.0})


@pytest.fixture
def cut(world: World) -> Iterator[CutSubmitAnswers]:
    transport = CutSubmitAnswers(world.ae)
    with api_clients.route_to(AE_URL, transport):
        yield transport


def test_a_lost_submit_answer_is_found_and_the_listings_go_live_once(
    world: World, cut: CutSubmitAnswers
) -> None:
    products = [world.simple, world.configurable]
    seeded = len(world.ae.world.products.products)
    outcome = listings.upload(world.account, [p.pk for p in products])

    assert cut.cut == 1
    assert sorted(outcome.done) == sorted(p.sku for p in products)
    (feed,) = Feed.objects.all()
    assert (feed.status, feed.job_id) == (FeedStatus.SUBMITTING, None)
    assert {world.listing(p).status for p in products} == {ListingStatus.UPLOADING}

    again = listings.upload(world.account, [p.pk for p in products])  # in flight: not sent twice

    assert again.skipped == dict.fromkeys(
        (p.sku for p in products), "an upload of it awaits AliExpress's result"
    )
    assert cut.cut == 1

    world.sync()

    (job,) = world.ae.world.feeds.jobs.values()  # exactly one feed at AliExpress
    feed.refresh_from_db()
    assert (feed.job_id, feed.status) == (job.job_id, FeedStatus.FINISHED)
    held = world.ae.world.products.products
    for row in products:
        listing = world.listing(row)
        assert listing.status == ListingStatus.LIVE
        assert listing.aliexpress_product_id in held
    assert len(held) == seeded + 2  # each created once
