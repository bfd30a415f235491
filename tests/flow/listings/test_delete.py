"""Delete Selected Product(s) (issue 13, item 7) on each Magento sandbox with the AliExpress sandbox: the
listing becomes deleted without its AliExpress id (kept in the Activity Logs entry), the product stays
in its profile and uploads again as a new AliExpress product; calls carry at most 100 ids; a refused
call fails its products only."""

from __future__ import annotations

import pytest

from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.feeds.models import Feed
from aliexpress_magento.listings.models import Listing, ListingSku, ListingStatus
from aliexpress_magento.listings.services import removal
from aliexpress_magento.listings.services import upload as listings
from aliexpress_magento.profiles.models import ProfileProduct
from tests.flow.listings.recording import DELETE, RecordingSandbox
from tests.flow.listings.test_upload import World, _upload_both, world
from tests.support.accounts import APP_KEY, APP_SECRET

pytestmark = pytest.mark.parametrize("media", ["magento2", "magento1"], indirect=True)
__all__ = ["world"]  # the upload tests' fixture, used here


@pytest.fixture
def ae_sandbox() -> RecordingSandbox:
    return RecordingSandbox(app_key=APP_KEY, app_secret=APP_SECRET)


@pytest.fixture
def live(world: World) -> World:
    _upload_both(world)
    world.calls.clear()
    return world


def _recorder(world: World) -> RecordingSandbox:
    assert isinstance(world.ae, RecordingSandbox)
    return world.ae


def test_deleted_listings_lose_their_id_stay_in_the_profile_and_upload_again_as_new(live: World) -> None:
    world = live
    old = {r.sku: world.listing(r).aliexpress_product_id for r in (world.simple, world.configurable)}
    ids = [world.simple.pk, world.configurable.pk, world.invalid.pk]

    outcome = removal.delete(world.account, ids)

    assert outcome.done == [world.simple.sku, world.configurable.sku]
    assert outcome.skipped == {world.invalid.sku: removal.NOT_ON_ALIEXPRESS}
    assert world.calls[DELETE] == 1
    (call,) = _recorder(world).of(DELETE)
    assert call.params["product_ids"] == f"{old[world.simple.sku]},{old[world.configurable.sku]}"
    assert not set(old.values()) & set(world.ae.world.products.products)
    for row in (world.simple, world.configurable):
        listing = world.listing(row)
        assert (listing.status, listing.aliexpress_product_id, listing.payload_hash) == (
            ListingStatus.DELETED,
            None,
            "",
        )
        assert not ListingSku.objects.filter(listing=listing).exists()
        assert ProfileProduct.objects.get(product=row).profile_id == world.profile.pk
    entry = ActivityLog.objects.get(log_type="listing", log_sub_type="delete")
    assert entry.comment == "\n".join(
        [
            "Delete: 2 done, 1 skipped, 0 failed.",
            f"{world.simple.sku}: AliExpress product {old[world.simple.sku]} deleted",
            f"{world.configurable.sku}: AliExpress product {old[world.configurable.sku]} deleted",
            f"{world.invalid.sku}: skipped, not on AliExpress",
        ]
    )

    again = listings.upload(world.account, [world.simple.pk])
    world.sync()

    assert again.done == [world.simple.sku]
    assert Feed.objects.latest("pk").operation_type == "PRODUCT_CREATE"
    listing = world.listing(world.simple)
    assert listing.status == ListingStatus.LIVE
    assert listing.aliexpress_product_id not in (None, old[world.simple.sku])


def test_more_than_a_hundred_products_go_in_calls_of_a_hundred_ids(live: World) -> None:
    world = live
    others = list(
        CatalogProduct.objects.filter(account=world.account)  # children too: the demo has 100 parents
        .exclude(pk__in=[world.simple.pk, world.configurable.pk])
        .order_by("pk")[:99]
    )
    first = world.listing(world.simple).aliexpress_product_id
    assert first is not None
    instance = world.ae.world.products.products[first].instance
    for row in others:  # 99 more products on AliExpress, each bound to a Magento product
        product = world.ae.world.products.add(instance, 0)
        Listing.objects.update_or_create(
            product=row,
            defaults={
                "account": world.account,
                "status": ListingStatus.LIVE,
                "aliexpress_product_id": product.product_id,
            },
        )
    ids = [world.simple.pk, world.configurable.pk, *(r.pk for r in others)]
    ae_ids = set(Listing.objects.filter(product__in=ids).values_list("aliexpress_product_id", flat=True))
    assert len(ae_ids) == 101

    outcome = removal.delete(world.account, ids)

    assert (len(outcome.done), outcome.failed) == (101, {})
    assert [len(c.params["product_ids"].split(",")) for c in _recorder(world).of(DELETE)] == [100, 1]
    assert Listing.objects.filter(status=ListingStatus.DELETED).count() == 101
    assert not ae_ids & set(world.ae.world.products.products)  # the sandbox's own seeded ones remain


def test_a_refused_call_is_split_until_only_the_refused_product_fails_with_aliexpress_message(
    live: World,
) -> None:
    world = live
    gone = world.listing(world.simple).aliexpress_product_id
    kept = world.listing(world.configurable).aliexpress_product_id
    assert gone is not None and kept is not None
    del world.ae.world.products.products[gone]  # deleted on AliExpress meanwhile

    outcome = removal.delete(world.account, [world.simple.pk, world.configurable.pk])

    message = f"The product does not exist: [{gone}] (F00-00-10001-002)"
    assert outcome.done == [world.configurable.sku]
    assert outcome.failed == {world.simple.sku: f"{removal.REFUSED}{message}"}
    # The pair refused as a whole, then each half alone: the unknown id refused, the other deleted.
    sent = [c.params["product_ids"].split(",") for c in _recorder(world).of(DELETE)]
    assert sent == [[str(gone), str(kept)], [str(gone)], [str(kept)]]
    assert kept not in world.ae.world.products.products
    assert world.listing(world.configurable).status == ListingStatus.DELETED
    listing = world.listing(world.simple)
    assert (listing.status, listing.aliexpress_product_id, listing.errors) == (
        ListingStatus.LIVE,
        gone,
        [{"attribute": "", "magento": "", "message": f"{removal.REFUSED}{message}"}],
    )
