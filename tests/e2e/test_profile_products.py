"""A merchant opens a profile's Profile Products tab, lists the catalog, filters it and assigns products by
filter across pages, and is asked before products of another profile are moved (manual §4.2)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from aliexpress_magento.profiles.models import Profile, ProfileProduct
from tests.support import catalog_rows as rows
from tests.support.accounts import make_account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Nothing is called on these hosts: the tab reads the mirror in the database.
AE_URL, M2_URL = "https://ae.unused.test", "https://shop.unused.test"


def open_tab(page: Page, live_server, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + reverse("admin:profiles_profile_products", args=[profile.pk]))


def test_reset_filter_lists_all_and_select_all_assigns_every_matching_product_across_pages(
    logged_in: Page, live_server
) -> None:
    account = make_account(AE_URL, M2_URL)
    shoes = rows.profile(account, "shoes", name="Shoes")
    rows.products(account, 25, name="Red sneaker")
    rows.products(account, 5, name="Blue boot")
    page = logged_in

    open_tab(page, live_server, shoes)
    expect(page.locator("#profile-tabs a.active")).to_have_text("Profile Products")
    expect(page.locator("#no-records")).to_contain_text("No products are assigned to this profile yet")
    expect(page.locator("#total-records")).to_have_text("Total 0 records found")

    page.click("#reset-filter")
    expect(page.locator("#total-records")).to_have_text("Total 30 records found")
    expect(page.locator("#page-of")).to_have_text("Page 1 of 2 pages")

    page.fill("#filter-name", "red")
    page.click("#search-button")
    expect(page.locator("#total-records")).to_have_text("Total 25 records found")
    expect(page.locator("#product-grid tbody tr")).to_have_count(20)  # 20 per page: 5 on page 2

    page.click("#select-all")
    expect(page.locator("#selected-count")).to_have_text("25")
    page.select_option("#massaction-action", "assign")
    page.click("#massaction-submit")

    expect(page.locator(".messagelist")).to_contain_text("Products assigned: 25 assigned.")
    assert ProfileProduct.objects.filter(profile=shoes).count() == 25
    assert ProfileProduct.objects.filter(product__name="Blue boot").count() == 0
    page.select_option("#filter-profile", "this")
    page.click("#search-button")
    expect(page.locator("#total-records")).to_have_text("Total 25 records found")
    expect(page.locator("#product-grid td.field-profile").first).to_have_text("Shoes")


def test_select_visible_assigns_the_page_and_a_product_of_another_profile_asks_before_moving(
    logged_in: Page, live_server
) -> None:
    account = make_account(AE_URL, M2_URL)
    shoes = rows.profile(account, "shoes", name="Shoes")
    bags = rows.profile(account, "bags", name="Bags")
    taken = rows.product(account, sku="A-TAKEN", name="Tote")
    free = rows.product(account, sku="B-FREE", name="Sneaker")
    rows.put(bags, taken)
    page = logged_in

    open_tab(page, live_server, shoes)
    page.click("#reset-filter")
    page.click("#select-visible")
    expect(page.locator("#selected-count")).to_have_text("2")
    page.select_option("#massaction-action", "assign")
    page.click("#massaction-submit")

    expect(page.locator("#conflict-question")).to_have_text("1 product is in profile Bags.")
    assert ProfileProduct.objects.filter(profile=shoes).count() == 0
    page.click("#cancel-move")
    expect(page.locator("#total-records")).to_have_text("Total 2 records found")
    assert ProfileProduct.objects.filter(profile=shoes).count() == 0

    page.click("#select-visible")
    page.select_option("#massaction-action", "assign")
    page.click("#massaction-submit")
    page.click("#move-them")
    expect(page.locator(".messagelist")).to_contain_text(
        "Products assigned: 1 assigned, 1 moved here from other profiles."
    )
    assert [rows.profile_of(taken), rows.profile_of(free)] == [shoes.pk, shoes.pk]
