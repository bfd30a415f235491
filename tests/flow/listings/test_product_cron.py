"""The Product Cron (``listings.sync_products``) on each Magento sandbox with the AliExpress sandbox: a
product an auto-assignment rule brought into the Shirts profile goes out on the next run when the profile
uploads new products, and not when it does not; a child enabled again under a live configurable makes
the configurable be sent (or held back); a price changed in Magento is sent as a full update; a second
run costs no AliExpress call and no image download; once the daily feed limit is used, new products wait."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from aliexpress_magento.activity.models import ActivityLog, JobRun, Level
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.clients.aliexpress.feeds import FEEDS_PER_DAY
from aliexpress_magento.feeds.models import Feed, FeedStatus
from aliexpress_magento.jobs.scheduling import schedules
from aliexpress_magento.listings.models import Listing, ListingSku, ListingStatus
from aliexpress_magento.listings.services.snapshots import image_urls
from aliexpress_magento.listings.tasks import sync_products
from aliexpress_magento.profiles.models import ProfileProduct
from aliexpress_magento.profiles.services import rules
from tests.flow.listings.test_upload import SUBMIT, World, _cents, _upload_both, world

pytestmark = pytest.mark.parametrize("media", ["magento2", "magento1"], indirect=True)
__all__ = ["world"]  # the upload tests' fixture, used here

JOB = "listings.sync_products"


def _run(world: World) -> str:
    """Run the Product Cron; its JobRun's note."""
    sync_products.apply(kwargs={"account_id": world.account.pk})
    run = JobRun.objects.filter(job_code=JOB).latest("pk")
    assert run.status == "success", run.messages
    return run.messages


def _logged(world: World) -> str:
    return ActivityLog.objects.filter(log_sub_type="product_cron").latest("pk").comment


def _nothing_more(world: World) -> None:
    """A further run: no AliExpress call, no image downloaded, no feed."""
    world.calls.clear()
    world.media.downloads.clear()
    feeds = Feed.objects.count()
    _run(world)
    assert (sum(world.calls.values()), sum(world.media.downloads.values())) == (0, 0)
    assert Feed.objects.count() == feeds


@pytest.fixture
def ruled(world: World) -> World:
    """Given the profile empty but for an attribute-set rule, and the simple newly mirrored: the rule
    (as the catalog refresh runs it) brings the simple, and only it, into the profile."""
    ProfileProduct.objects.filter(profile=world.profile).delete()
    now = timezone.now()
    CatalogProduct.objects.filter(account=world.account).update(first_mirrored_at=now - timedelta(days=2))
    CatalogProduct.objects.filter(pk=world.simple.pk).update(first_mirrored_at=now)
    world.profile.rule_attribute_set_ids = [world.simple.attribute_set_id]
    world.profile.rules_since = now - timedelta(days=1)
    world.profile.save()
    assert rules.apply_rules(world.account) == {world.profile: 1}
    link = ProfileProduct.objects.get(profile=world.profile)
    assert (link.product_id, link.assigned_by) == (world.simple.pk, ProfileProduct.Origin.RULE)
    return world


def test_a_product_assigned_by_a_rule_goes_out_on_the_next_run_when_the_profile_asks(ruled: World) -> None:
    world = ruled
    assert [s.title for s in schedules() if s.job_code == JOB] == ["Product Cron"]  # built, in Cron Settings
    world.profile.auto_upload_new_products = True
    world.profile.save()

    note = _run(world)

    assert world.calls[SUBMIT] == 1
    (feed,) = Feed.objects.all()
    assert feed.operation_type == "PRODUCT_CREATE"
    assert list(feed.items.values_list("item_content_id", flat=True)) == [world.simple.sku]
    summary = "Product Cron: 1 uploaded, 0 updated (0 for new children), 0 unchanged, 0 failed."
    assert note == f"{world.account.name}: {summary}"
    assert _logged(world) == summary
    world.sync()
    assert world.listing(world.simple).status == ListingStatus.LIVE

    _nothing_more(world)
    assert (
        _logged(world) == "Product Cron: 0 uploaded, 0 updated (0 for new children), 1 unchanged, 0 failed."
    )


def test_a_product_assigned_by_a_rule_stays_unsent_when_the_profile_does_not_ask(ruled: World) -> None:
    assert ruled.profile.auto_upload_new_products is False

    note = _run(ruled)

    assert sum(ruled.calls.values()) == 0
    assert not Feed.objects.exists()
    assert not Listing.objects.filter(product=ruled.simple).exists()
    assert note.endswith("Product Cron: 0 uploaded, 0 updated (0 for new children), 0 unchanged, 0 failed.")


def _with_a_child_enabled_again(world: World, *, profile_sends: bool) -> CatalogProduct:
    """The configurable made live without one of its children (disabled in Magento), then the child
    enabled again and mirrored: a new child AliExpress has no SKU for."""
    world.profile.auto_upload_new_children = profile_sends
    world.profile.save()
    child = CatalogProduct.objects.filter(parent=world.configurable).order_by("sku").first()
    assert child is not None
    world.media.sandbox.update_product(child.sku, status=2)
    world.mirror()
    _upload_both(world)
    listing = world.listing(world.configurable)
    assert listing.status == ListingStatus.LIVE
    assert child.sku not in set(ListingSku.objects.filter(listing=listing).values_list("sku_code", flat=True))
    world.media.sandbox.update_product(child.sku, status=1)
    world.mirror()
    world.calls.clear()
    return child


def test_a_new_child_of_a_live_configurable_makes_it_be_sent(world: World) -> None:
    child = _with_a_child_enabled_again(world, profile_sends=True)
    product_id = world.listing(world.configurable).aliexpress_product_id

    note = _run(world)

    assert world.calls[SUBMIT] == 1
    update = Feed.objects.get(operation_type="PRODUCT_FULL_UPDATE")
    (item,) = update.items.all()
    assert (item.item_content_id, item.item_content["aliexpress_product_id"]) == (
        world.configurable.sku,
        product_id,
    )
    assert child.sku in {s["sku_code"] for s in item.item_content["sku_info_list"]}
    assert note.endswith("Product Cron: 0 uploaded, 1 updated (1 for new children), 1 unchanged, 0 failed.")
    world.sync()
    listing = world.listing(world.configurable)
    assert (listing.status, listing.aliexpress_product_id) == (ListingStatus.LIVE, product_id)
    assert ListingSku.objects.filter(listing=listing, sku_code=child.sku).exists()

    _nothing_more(world)
    assert (
        _logged(world) == "Product Cron: 0 uploaded, 0 updated (0 for new children), 2 unchanged, 0 failed."
    )


def test_a_new_child_is_held_back_when_the_profile_does_not_send_them(world: World) -> None:
    _with_a_child_enabled_again(world, profile_sends=False)

    _run(world)

    assert sum(world.calls.values()) == 0
    assert not Feed.objects.filter(operation_type="PRODUCT_FULL_UPDATE").exists()
    assert _logged(world) == (
        "Product Cron: 0 uploaded, 0 updated (0 for new children), 1 unchanged, 0 failed; 1 configurables "
        "with new children held back (their profile does not send new children automatically).\n"
        f"Held back: {world.configurable.sku}"
    )


def test_a_changed_price_is_sent_by_the_scheduled_product_update(world: World) -> None:
    _upload_both(world)
    new_price = _cents(world.simple.price) + Decimal("4.00")
    world.media.sandbox.update_product(world.simple.sku, price=float(new_price))
    world.mirror()
    world.calls.clear()
    world.media.downloads.clear()

    note = _run(world)

    assert world.calls[SUBMIT] == 1
    (item,) = Feed.objects.get(operation_type="PRODUCT_FULL_UPDATE").items.all()
    assert item.item_content_id == world.simple.sku
    # Only the simple's images were downloaded (to be sent); the configurable was found unchanged
    # without a download.
    assert dict(world.media.downloads) == {urlsplit(u).path: 1 for u in image_urls(world.simple)}
    assert note.endswith("Product Cron: 0 uploaded, 1 updated (0 for new children), 1 unchanged, 0 failed.")
    world.sync()
    (sent,) = world.ae.world.products.products[world.listing(world.simple).aliexpress_product_id].skus
    assert Decimal(str(sent["price"])) == new_price


def test_new_products_wait_for_the_next_run_once_the_daily_feed_limit_is_used(ruled: World) -> None:
    world = ruled
    world.profile.auto_upload_new_products = True
    world.profile.save()
    # Today's PRODUCT_CREATE feeds, all of them used (finished: the feed sync leaves them alone).
    Feed.objects.bulk_create(
        Feed(account=world.account, operation_type="PRODUCT_CREATE", status=FeedStatus.FINISHED)
        for _ in range(FEEDS_PER_DAY)
    )

    note = _run(world)

    assert sum(world.calls.values()) == 0
    assert Feed.objects.count() == FEEDS_PER_DAY
    assert not Listing.objects.filter(product=world.simple).exists()  # left as it was: tried next run
    summary = (
        "Product Cron: 0 uploaded, 0 updated (0 for new children), 0 unchanged, 0 failed; 1 products wait "
        "for the next run (AliExpress's daily feed limit)."
    )
    assert note == f"{world.account.name}: {summary}"
    entry = ActivityLog.objects.filter(log_sub_type="product_cron").latest("pk")
    assert (entry.level, entry.comment) == (Level.WARNING, summary)
