"""AliExpress → Manage Products' mass actions in a real browser (issue 13, item 3), on the Magento 2 and
AliExpress sandboxes with the complete Shirts profile of tests/flow/listings (a simple, a configurable and
an invalid simple): each of the seven actions from the massaction bar, its progress followed by the page's
poll to the result summary (done / skipped / failed with reasons), then the grid's states and columns,
the detail page, and what the AliExpress sandbox holds; "Select All" across pages of a filtered grid."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.feeds.models import Feed
from aliexpress_magento.listings.models import PhotobankImage
from aliexpress_magento.listings.services import bulk
from aliexpress_magento.profiles.models import ProfileProduct
from aliexpress_magento.profiles.services import assignment
from tests.e2e.grid_actions import ManageProducts, manage_products
from tests.e2e.shirts import unmapped_material
from tests.flow import conftest as shared
from tests.flow.listings import conftest as sandboxes
from tests.flow.listings import test_upload
from tests.flow.listings.conftest import UPLOAD
from tests.flow.listings.test_price_inventory import _ae_sku, _set_stock
from tests.flow.listings.test_upload import SUBMIT, World, _cents, _material

pytestmark = pytest.mark.browser

# The flow tests' sandboxes and profile (their fixtures live beside them).
ae_sandbox, ae_calls, media = sandboxes.ae_sandbox, shared.ae_calls, sandboxes.media
authorized, account, world = sandboxes.authorized, sandboxes.account, test_upload.world

IMAGES, VALIDATE_UPLOAD, UPDATE = (
    "Image(s) Upload",
    "Validate & Upload Product(s)",
    "Update Selected Product(s)",
)
PRICE, INVENTORY, DELETE = "Product Price Update", "Product Inventory Update", "Delete Selected Product(s)"
VALIDATE = "Validate only"
NOT_HELD = "not on AliExpress yet: use Validate & Upload Product(s)"
UNCHANGED = "unchanged since the last push"


@pytest.fixture
def grid(logged_in: Page, live_server: Any, monkeypatch: pytest.MonkeyPatch, world: World) -> ManageProducts:
    world.account.price_rule = "increase_percent"  # AliExpress's price column differs from Magento's
    world.account.price_percentage = Decimal("10")
    world.account.save()
    grid = manage_products(logged_in, live_server, monkeypatch)
    grid.open()
    expect(grid.page.locator("#total-records")).to_have_text("Total 3 records found")
    return grid


@pytest.fixture
def live(grid: ManageProducts, world: World) -> World:
    """The simple and the configurable uploaded from the grid and live (the feeds synced)."""
    grid.run(
        VALIDATE_UPLOAD,
        [world.simple.sku, world.configurable.sku],
        "2 of 2 products processed: 2 done, 0 skipped, 0 failed.",
    )
    world.sync()
    grid.page.reload()
    for row in (world.simple, world.configurable):
        expect(grid.row(row.sku).locator(".listing-state")).to_have_text("Live")
        product_id = world.listing(row).aliexpress_product_id
        assert product_id in world.ae.world.products.products
        expect(grid.cell(row.sku, "aliexpress_product_id")).to_have_text(str(product_id))
    world.calls.clear()
    return world


def _ae_product(world: World, row: CatalogProduct) -> Any:
    product_id = world.listing(row).aliexpress_product_id
    assert product_id is not None
    return world.ae.world.products.products[product_id]


def _detail(grid: ManageProducts, sku: str) -> None:
    grid.row(sku).locator("a.view-listing").click()
    expect(grid.page.locator("#listing-detail")).to_be_visible()


# --- before any upload ------------------------------------------------------------------------------


def test_images_upload_to_the_photobank_and_validate_only_flags_the_invalid_product(
    grid: ManageProducts, world: World
) -> None:
    broken = world.invalid.images[0]["url"]
    world.media.files[urlparse(broken).path] = (b"<html>not a picture</html>", "text/html")
    everything = [world.simple.sku, world.configurable.sku, world.invalid.sku]

    grid.run(
        IMAGES,
        everything,
        "3 of 3 products processed: 2 done, 0 skipped, 1 failed.",
        [f"{world.invalid.sku}: Image {broken} is not an image (the server sent text/html)."],
    )

    sent = {r.source_url: r.photobank_url for r in PhotobankImage.objects.filter(account=world.account)}
    assert world.calls[UPLOAD] == len(sent)
    wanted = [i["url"] for row in (world.simple, world.configurable) for i in row.images]
    assert set(wanted) <= set(sent)
    _detail(grid, world.simple.sku)  # the preview now takes the photobank's copies
    payload = grid.page.locator("#preview-payload")
    for image in world.simple.images:
        expect(payload).to_contain_text(sent[image["url"]])
        expect(payload).not_to_contain_text(image["url"])

    grid.open()
    sentence = unmapped_material(world, world.invalid)
    grid.run(
        VALIDATE,
        everything,
        "3 of 3 products processed: 2 done, 0 skipped, 1 failed.",
        [f"{world.invalid.sku}: {sentence}"],
    )

    grid.page.reload()
    state = grid.row(world.invalid.sku).locator(".listing-state")
    expect(state).to_have_text("Invalid (1)")
    state.hover()
    expect(state).to_have_attribute("title", sentence)
    for row in (world.simple, world.configurable):
        expect(grid.row(row.sku).locator(".listing-state")).to_have_text("Not uploaded")
    _detail(grid, world.invalid.sku)
    expect(grid.page.locator("#listing-state")).to_have_text("Invalid")
    expect(grid.page.locator("#listing-errors tbody tr td")).to_have_text(
        ["Sleeve Length(cm)", "material", sentence]
    )


# --- live products ----------------------------------------------------------------------------------


def test_update_selected_sends_the_changed_product_only(grid: ManageProducts, live: World) -> None:
    world = live
    renamed = f"{world.simple.name} (new season)"
    world.media.sandbox.update_product(world.simple.sku, name=renamed)
    world.mirror()

    grid.run(
        UPDATE,
        [world.simple.sku, world.configurable.sku, world.invalid.sku],
        "3 of 3 products processed: 1 done, 2 skipped, 0 failed.",
        [
            f"{world.configurable.sku}: skipped, unchanged since the last upload",
            f"{world.invalid.sku}: skipped, {NOT_HELD}",
        ],
    )

    assert world.calls[SUBMIT] == 1
    assert Feed.objects.latest("pk").operation_type == "PRODUCT_FULL_UPDATE"
    grid.page.reload()
    expect(grid.row(world.simple.sku).locator(".listing-state")).to_have_text("Uploading")
    world.sync()
    grid.page.reload()
    expect(grid.row(world.simple.sku).locator(".listing-state")).to_have_text("Live")
    expect(grid.cell(world.simple.sku, "name")).to_have_text(renamed)
    assert _ae_product(world, world.simple).subject() == renamed


def test_price_and_inventory_updates_push_the_changed_skus_only(grid: ManageProducts, live: World) -> None:
    world = live
    both = [world.simple.sku, world.configurable.sku]
    new_price = _cents(world.simple.price) + Decimal("5.00")
    on_aliexpress = (new_price * Decimal("1.10")).quantize(Decimal("0.01"))
    world.media.sandbox.update_product(world.simple.sku, price=float(new_price))
    world.mirror()
    grid.page.reload()
    expect(grid.cell(world.simple.sku, "aliexpress_price")).to_have_text(str(on_aliexpress))
    # A configurable's column: the range of its SKUs' prices, as AliExpress holds them (not the parent's 0).
    held = [Decimal(str(s["price"])) for s in _ae_product(world, world.configurable).skus]
    assert len(set(held)) > 1
    expect(grid.cell(world.configurable.sku, "aliexpress_price")).to_have_text(
        f"{min(held):.2f} - {max(held):.2f}"
    )

    grid.run(
        PRICE,
        both,
        "2 of 2 products processed: 1 done, 1 skipped, 0 failed.",
        [f"{world.configurable.sku}: skipped, {UNCHANGED}"],
    )

    assert Decimal(str(_ae_sku(world, world.simple, world.simple.sku)["price"])) == on_aliexpress
    child = CatalogProduct.objects.filter(parent=world.configurable).order_by("sku").first()
    assert child is not None
    expected = _set_stock(world, child.sku, 37)

    grid.run(
        INVENTORY,
        both,
        "2 of 2 products processed: 1 done, 1 skipped, 0 failed.",
        [f"{world.simple.sku}: skipped, {UNCHANGED}"],
    )

    assert _ae_sku(world, world.configurable, child.sku)["inventory"] == expected
    grid.page.reload()
    _detail(grid, world.configurable.sku)
    pushed = grid.page.locator("#listing-skus tbody tr", has=grid.page.locator(f"td:text-is('{child.sku}')"))
    expect(pushed.locator("td").nth(3)).to_have_text(str(expected))
    grid.page.go_back()
    _detail(grid, world.simple.sku)
    pushed = grid.page.locator("#listing-skus tbody tr")
    expect(pushed.locator("td").nth(1)).to_have_text(str(on_aliexpress))


def test_delete_removes_the_aliexpress_products_and_keeps_them_in_their_profile(
    grid: ManageProducts, live: World
) -> None:
    world = live
    ids = {row.sku: world.listing(row).aliexpress_product_id for row in (world.simple, world.configurable)}

    grid.run(
        DELETE,
        [world.simple.sku, world.configurable.sku, world.invalid.sku],
        "3 of 3 products processed: 2 done, 1 skipped, 0 failed.",
        [f"{world.invalid.sku}: skipped, not on AliExpress"],
    )

    assert not set(ids.values()) & set(world.ae.world.products.products)
    grid.page.select_option("select[name=filter_state]", "deleted")
    grid.page.click("#search-filter")
    expect(grid.page.locator("#total-records")).to_have_text("Total 2 records found")
    for row in (world.simple, world.configurable):
        expect(grid.row(row.sku).locator(".listing-state")).to_have_text("Deleted")
        expect(grid.cell(row.sku, "aliexpress_product_id")).to_have_text("-")  # the admin's empty value
        expect(grid.cell(row.sku, "profile")).to_have_text(world.profile.name)
        assert ProfileProduct.objects.get(product=row).profile_id == world.profile.pk
    _detail(grid, world.simple.sku)
    expect(grid.page.locator("#listing-state")).to_have_text("Deleted")
    expect(grid.page.locator("#listing-skus-none")).to_have_text("Nothing pushed yet.")


# --- Select All -------------------------------------------------------------------------------------


def test_select_all_takes_every_page_of_the_filtered_grid_and_the_bar_moves_chunk_by_chunk(
    grid: ManageProducts, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = CatalogProduct.objects.filter(profile_link__isnull=False).values("pk")
    more = list(
        CatalogProduct.objects.filter(
            account=world.account, type="simple", parent__isnull=True, removed_at__isnull=True
        )
        .exclude(pk__in=taken)
        .order_by("pk")[:21]
    )
    assert len(more) == 21
    assignment.assign(world.profile, CatalogProduct.objects.filter(pk__in=[p.pk for p in more]), move=False)
    monkeypatch.setattr(bulk, "CHUNK", 10)
    validate = bulk.ACTIONS["validate_only"].fn
    calls: list[int] = []

    def watched(account, product_ids, *, user=None):  # type: ignore[no-untyped-def]
        if calls:  # between two chunks: the page shows the first one processed
            expect(grid.panel.locator(".bulk-text")).to_have_text("Running: 10 of 23 products processed.")
            expect(grid.panel.locator(".bulk-bar")).to_have_attribute("value", "43")
        calls.append(len(product_ids))
        return validate(account, product_ids, user=user)

    monkeypatch.setitem(bulk.ACTIONS, "validate_only", bulk.Action(VALIDATE, watched))
    grid.open()
    grid.page.select_option("select[name=filter_type]", "simple")
    grid.page.click("#search-filter")
    expect(grid.page.locator("#total-records")).to_have_text("Total 23 records found")
    expect(grid.page.locator("#page-of")).to_have_text("Page 1 of 2 pages")
    expect(grid.page.locator("#result_list tbody tr")).to_have_count(20)
    grid.page.click(".massaction [data-select=all]")
    grid.submit(VALIDATE, selected=23)

    done = grid.work()

    chosen = [world.simple, world.invalid, *more]
    assert sorted(done.product_ids) == sorted(row.pk for row in chosen)
    assert calls == [10, 10, 3]
    expected = _validation_of(world, chosen)
    grid.expect_done(
        f"{VALIDATE}: 23 of 23 products processed: {len(expected['done'])} done, "
        f"{len(expected['skipped'])} skipped, {len(expected['failed'])} failed.",
        [*expected["skipped"], *expected["failed"]],
    )
    grid.page.select_option("select[name=filter_state]", "invalid")
    grid.page.click("#search-filter")  # the type filter stays
    expect(grid.page.locator("#total-records")).to_have_text(f"Total {len(expected['failed'])} records found")


def _validation_of(world: World, rows: list[CatalogProduct]) -> dict[str, list[str]]:
    """What Validate only says of each row, from the mirror and the profile: a product disabled in
    Magento is skipped; one whose material the profile leaves unmapped fails naming it; the rest pass."""
    mapped = {_material(world.simple), _material(world.configurable)}
    said: dict[str, list[str]] = {"done": [], "skipped": [], "failed": []}
    for row in rows:
        if not row.enabled:
            said["skipped"].append(f"{row.sku}: skipped, disabled in Magento")
        elif _material(row) not in mapped:
            said["failed"].append(f"{row.sku}: {unmapped_material(world, row)}")
        else:
            said["done"].append(row.sku)
    return said
