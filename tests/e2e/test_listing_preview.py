"""A product's page on AliExpress → Manage Products in a real browser: its Preview shows the item Validate
& Upload would send, read as JSON from the page, and its validation result — for a valid simple, a
configurable (one SKU per child) and a product the profile cannot map — with nothing written or sent."""

from __future__ import annotations

import json
from decimal import ROUND_FLOOR
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.listings.models import Listing
from tests.e2e.grid_actions import GRID_PATH
from tests.e2e.shirts import unmapped_material
from tests.flow import conftest as shared
from tests.flow.listings import conftest as sandboxes
from tests.flow.listings import test_upload
from tests.flow.listings.test_upload import FULL_SLEEVE, NONE_BRAND, World

pytestmark = pytest.mark.browser

# The flow tests' sandboxes and profile (their fixtures live beside them).
ae_sandbox, ae_calls, media = sandboxes.ae_sandbox, shared.ae_calls, sandboxes.media
authorized, account, world = sandboxes.authorized, sandboxes.account, test_upload.world

VALID = "Valid: nothing missing or refused by the category's schema."


def _open(page: Page, base_url: str, row: CatalogProduct) -> dict[str, Any]:
    """Open the row's page from the grid's View link; the payload the Preview shows."""
    page.goto(f"{base_url}{GRID_PATH}")
    line = page.locator("#result_list tbody tr", has=page.locator(f"td.field-sku:text-is('{row.sku}')"))
    line.locator("a.view-listing").click()
    expect(page.locator(".breadcrumbs")).to_contain_text(row.sku)
    expect(page.locator("#listing-state")).to_have_text("Not uploaded")
    payload: dict[str, Any] = json.loads(page.locator("#preview-payload").inner_text())
    return payload


def _qty(row: CatalogProduct) -> int:
    assert row.salable_qty is not None
    return int(row.salable_qty.to_integral_value(rounding=ROUND_FLOOR))


def test_the_preview_shows_the_item_to_send_and_its_validation(
    logged_in: Page, live_server: Any, world: World
) -> None:
    page, simple = logged_in, world.simple

    item = _open(page, live_server.url, simple)

    expect(page.locator("#preview-valid")).to_have_text(VALID)
    expect(page.locator("#preview-problems")).to_have_count(0)
    assert item["category_id"] == world.profile.category_id
    assert item["title_multi_language_list"] == [{"locale": "en_US", "title": simple.name}]
    assert item["category_attributes"] == {
        "Brand Name": {"value": NONE_BRAND},
        "Sleeve Length(cm)": {"value": FULL_SLEEVE},
    }
    assert item["image_url_list"] == [image["url"] for image in simple.images]  # none in the photobank yet
    assert simple.price is not None
    assert item["sku_info_list"] == [
        {"sku_code": simple.sku, "price": float(simple.price), "inventory": _qty(simple)}
    ]

    item = _open(page, live_server.url, world.configurable)

    expect(page.locator("#preview-valid")).to_have_text(VALID)
    children = CatalogProduct.objects.filter(parent=world.configurable, enabled=True).order_by("sku")
    assert [s["sku_code"] for s in item["sku_info_list"]] == [c.sku for c in children]
    assert {s["sku_code"]: s["inventory"] for s in item["sku_info_list"]} == {
        c.sku: _qty(c) for c in children
    }
    assert all(set(s["sku_attributes"]) == {"Color", "Size"} for s in item["sku_info_list"])

    item = _open(page, live_server.url, world.invalid)

    expect(page.locator("#preview-problems li")).to_have_text([unmapped_material(world, world.invalid)])
    expect(page.locator("#preview-valid")).to_have_count(0)
    assert item["category_attributes"] == {"Brand Name": {"value": NONE_BRAND}}  # the unmapped one left out
    assert [s["sku_code"] for s in item["sku_info_list"]] == [world.invalid.sku]

    assert Listing.objects.count() == 0  # the preview writes nothing
    assert sum(world.calls.values()) == 0  # and sends nothing
