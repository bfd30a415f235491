"""Validate & Upload after Image(s) Upload: an image the photobank cache checked at its URL after the
product's mirror row was last written is not downloaded again; a product whose image changed (a new file,
so a new mirror row) has its images downloaded again. Image(s) Upload itself always downloads."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from aliexpress_magento.listings.models import ListingStatus
from aliexpress_magento.listings.services import bulk, snapshots
from aliexpress_magento.listings.services import upload as listings
from tests.flow.listings.conftest import UPLOAD
from tests.flow.listings.test_upload import World, world

pytestmark = pytest.mark.parametrize("media", ["magento2", "magento1"], indirect=True)
__all__ = ["world"]  # the upload tests' fixture, used here


def _needed_paths(world: World, *rows: object) -> set[str]:
    ids = [r.pk for r in rows]  # type: ignore[attr-defined]
    products = snapshots.products(world.account, ids)
    return {urlsplit(u).path for p in products for u in snapshots.needed_images(p, world.account.swatches)}


def _both(world: World) -> list[int]:
    return [world.simple.pk, world.configurable.pk]


def test_image_upload_then_validate_and_upload_downloads_each_image_once(world: World) -> None:
    world.media.downloads.clear()

    bulk.upload_images(world.account, _both(world))
    outcome = listings.upload(world.account, _both(world))

    assert sorted(outcome.done) == sorted([world.simple.sku, world.configurable.sku])
    needed = _needed_paths(world, world.simple, world.configurable)
    assert len(needed) >= 3
    assert dict(world.media.downloads) == dict.fromkeys(needed, 1)
    assert world.calls[UPLOAD] == len(needed)


def test_image_upload_asked_again_downloads_every_image_again(world: World) -> None:
    bulk.upload_images(world.account, _both(world))
    world.media.downloads.clear()

    bulk.upload_images(world.account, _both(world))

    assert dict(world.media.downloads) == dict.fromkeys(
        _needed_paths(world, world.simple, world.configurable), 1
    )


def test_a_product_whose_image_changed_has_its_images_downloaded_again(world: World) -> None:
    bulk.upload_images(world.account, _both(world))
    listings.upload(world.account, _both(world))
    world.sync()
    before = _needed_paths(world, world.simple)
    count = world.media.sandbox.product(world.simple.sku).images
    world.media.sandbox.update_product(world.simple.sku, images=count + 1)  # a new file in its gallery
    world.mirror()
    world.media.downloads.clear()
    world.calls.clear()

    outcome = listings.upload(world.account, _both(world))

    after = _needed_paths(world, world.simple)
    (new_file,) = after - before
    # The simple's images, its new file among them, downloaded once each; the configurable's none. (What
    # the simple's new item then says is the upload tests' matter: the sandbox may draw the new file
    # like an old one.)
    assert dict(world.media.downloads) == dict.fromkeys(after, 1)
    assert outcome.skipped[world.configurable.sku] == listings.UNCHANGED
    assert world.listing(world.configurable).status == ListingStatus.LIVE
    assert new_file.startswith("/media/catalog/product/")
