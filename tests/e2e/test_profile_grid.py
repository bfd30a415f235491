"""A merchant uses AliExpress → Manage Profiles, the Aliexpress Profile Listing (manual §4.3, §4.4):
reads the columns and counts, selects rows with the massaction bar, filters, and runs Change Status and
Delete through their confirmation pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.profiles.models import Profile, ProfileProduct
from tests.support.accounts import make_account
from tests.support.profile_grid import assign, make_products, make_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Nothing is called on these hosts: the grid reads the database only.
AE_URL, M2_URL = "https://ae.unused.test", "https://shop.unused.test"


def _open_grid(page: Page) -> None:
    page.click("#content-main a:text-is('Manage Profiles')")
    expect(page.locator("#content h1")).to_have_text("Aliexpress Profile Listing")


def _row(page: Page, name: str):  # type: ignore[no-untyped-def]
    return page.locator("#result_list tbody tr", has=page.locator(f"td.field-name:text-is('{name}')"))


def test_the_grid_shows_each_profiles_columns_and_counts(logged_in: Page, live_server) -> None:
    shop = make_account(AE_URL, M2_URL)
    dresses = make_profile(shop, "dresses", category_path=["Apparel", "Women", "Dresses"])
    assign(dresses, make_products(shop, 3))
    make_profile(shop, "shoes", status=Profile.Status.INACTIVE, category_path=["Shoes"])
    page = logged_in

    _open_grid(page)

    expect(page.locator("#add-profile")).to_have_text("Add New Profile")
    expect(page.locator("#per-page-form")).to_have_text(
        "Page 1 of 1 pages | View 20 30 50 100 200 per page | Total 2 records found", use_inner_text=True
    )
    expect(page.locator("#result_list thead tr").first.locator("th")).to_have_text(
        [
            "",
            "ID",
            "Profile Name",
            "Status",
            "Profile Category",
            "Profile Sub Category",
            "Total Item",
            "Uploaded",
            "Not Uploaded",
            "Missing mappings",
            "Actions",
        ]
    )
    row = _row(page, "Dresses")
    expect(row.locator("td.field-id")).to_have_text(str(dresses.pk))
    expect(row.locator("td:not(.action-checkbox)")).to_have_text(
        [
            str(dresses.pk),
            "Dresses",
            "Active",
            "Apparel",
            "Dresses",
            "3",
            "0 [0%]",
            "3",
            "incomplete: 1 missingNo AliExpress category chosen.",  # the list folds under its summary
            "Edit Profile",
        ]
    )
    expect(row.locator(".missing-mappings summary")).to_have_text("incomplete: 1 missing")
    expect(row.locator(".missing-mappings li")).not_to_be_visible()
    shoes = _row(page, "Shoes")
    expect(shoes.locator("td.field-status")).to_have_text("Inactive")
    expect(shoes.locator("td.field-profile_category")).to_have_text("Shoes")
    expect(shoes.locator("td.field-profile_sub_category")).to_have_text("")
    expect(shoes.locator("td.field-uploaded")).to_have_text("0 [0%]")

    row.locator("summary").click()
    expect(row.locator(".missing-mappings li")).to_be_visible()
    row.locator("a.edit-profile").click()
    expect(page).to_have_url(f"{live_server.url}/admin/profiles/profile/{dresses.pk}/change/")


def test_select_visible_and_select_all_count_the_selection(logged_in: Page, live_server) -> None:
    shop = make_account(AE_URL, M2_URL)
    for n in range(23):
        make_profile(shop, f"bulk_{n}")
    page = logged_in
    _open_grid(page)
    count = page.locator("#massaction-count")
    boxes = page.locator("#result_list input.action-select")
    expect(boxes).to_have_count(20)
    expect(count).to_have_text("0")

    page.click("a[data-select=visible]")
    expect(count).to_have_text("20")
    page.click("a[data-select=unvisible]")
    expect(count).to_have_text("0")
    expect(page.locator("#result_list input.action-select:checked")).to_have_count(0)

    page.click("a[data-select=all]")
    expect(count).to_have_text("23")  # every row of every page
    expect(page.locator("input[name=select_across]")).to_have_value("1")
    boxes.first.uncheck()
    expect(count).to_have_text("19")  # back to the rows on this page
    expect(page.locator("input[name=select_across]")).to_have_value("0")

    page.click("a[data-select=none]")
    expect(count).to_have_text("0")
    boxes.nth(2).check()
    boxes.nth(5).check()
    expect(count).to_have_text("2")


def test_mass_change_status_asks_which_status_then_applies_it(logged_in: Page, live_server) -> None:
    shop = make_account(AE_URL, M2_URL)
    for code in ("alpha", "beta", "gamma"):
        make_profile(shop, code)
    page = logged_in
    _open_grid(page)

    _row(page, "Alpha").locator("input.action-select").check()
    _row(page, "Gamma").locator("input.action-select").check()
    expect(page.locator("#massaction-count")).to_have_text("2")
    page.select_option("#massaction-action", label="Change Status")
    page.click("#massaction-submit")

    expect(page.locator("#status-summary")).to_have_text("The new status of these 2 profiles:")
    expect(page.locator("#profiles-to-change li")).to_have_text(
        ["Alpha (alpha): now Active", "Gamma (gamma): now Active"]
    )
    page.select_option("#new-status", label="Inactive")
    page.click("#confirm-status")

    expect(page.locator(".messagelist")).to_have_text("2 profiles set to Inactive.")
    expect(_row(page, "Alpha").locator("td.field-status")).to_have_text("Inactive")
    expect(_row(page, "Beta").locator("td.field-status")).to_have_text("Active")
    expect(_row(page, "Gamma").locator("td.field-status")).to_have_text("Inactive")


def test_filter_then_select_all_and_delete_after_confirmation(logged_in: Page, live_server) -> None:
    shop = make_account(AE_URL, M2_URL)
    products = make_products(shop, 5)
    for n in range(22):
        make_profile(shop, f"old_{n}")
    assign(Profile.objects.get(code="old_0"), products[:2])
    keep = make_profile(shop, "keep_me")
    assign(keep, products[2:])
    page = logged_in
    _open_grid(page)
    expect(page.locator("#total-records")).to_have_text("Total 23 records found")

    page.fill("#result_list input[name=filter_name]", "old")
    page.click("#search-filter")
    expect(page.locator("#total-records")).to_have_text("Total 22 records found")
    expect(page.locator("#result_list input[name=filter_name]")).to_have_value("old")
    page.click("a[data-select=all]")
    expect(page.locator("#massaction-count")).to_have_text("22")
    page.select_option("#massaction-action", label="Delete")
    page.click("#massaction-submit")

    expect(page.locator("#delete-summary")).to_contain_text(
        "Their 2 products will be unassigned: the products stay in the catalog"
    )
    expect(page.locator("#profiles-to-delete tbody tr")).to_have_count(22)
    assert Profile.objects.count() == 23  # nothing happens before the answer
    page.click("#confirm-delete")

    expect(page.locator(".messagelist")).to_have_text(
        "22 profiles deleted; 2 products unassigned (they stay in the catalog)."
    )
    expect(page.locator("#total-records")).to_have_text("Total 0 records found")
    expect(page.locator("#result_list tr.no-records")).to_have_text("No records found.")
    page.click("#reset-filter")
    expect(page.locator("#total-records")).to_have_text("Total 1 records found")
    expect(page.locator("#result_list input[name=filter_name]")).to_have_value("")
    expect(_row(page, "Keep Me").locator("td.field-total_item")).to_have_text("3")
    assert CatalogProduct.objects.count() == 5
    assert ProfileProduct.objects.count() == 3


def test_status_filter_and_enter_in_a_range_box(logged_in: Page, live_server) -> None:
    shop = make_account(AE_URL, M2_URL)
    make_profile(shop, "on_one")
    make_profile(shop, "off_one", status=Profile.Status.INACTIVE)
    busy = make_profile(shop, "busy", status=Profile.Status.INACTIVE)
    assign(busy, make_products(shop, 4))
    page = logged_in
    _open_grid(page)

    page.select_option("#result_list select[name=filter_status]", label="Inactive")
    page.click("#search-filter")
    expect(page.locator("#result_list td.field-name")).to_have_text(["Off One", "Busy"])

    page.fill("#result_list input[name=filter_total_item_from]", "1")
    page.press("#result_list input[name=filter_total_item_from]", "Enter")
    expect(page.locator("#result_list td.field-name")).to_have_text(["Busy"])
    expect(page.locator("#result_list select[name=filter_status]")).to_have_value("inactive")

    page.click("#reset-filter")
    expect(page.locator("#result_list td.field-name")).to_have_text(["On One", "Off One", "Busy"])
