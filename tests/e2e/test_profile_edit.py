"""Add New Profile / Edit Profile in a real browser: the tabs, the code rule, the category tree, search
and Suggest, and the attribute mapping table with its value maps. The AliExpress sandbox answers
in-process (``api_clients.route_to``): the live server runs in this process too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.models import CatalogAttribute, CatalogProduct
from aliexpress_magento.profiles.models import AttributeMapping, Profile
from aliexpress_magento.profiles.services import categories, schemas
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.accounts.conftest import AE_URL, M2_URL, authorize
from tests.support.accounts import APP_KEY, APP_SECRET, make_account

pytestmark = pytest.mark.browser

MENS, SHIRTS = 200000343, 348
CODE_RULE = (
    "Use only small letters (a-z), numbers (0-9) or underscore (_), "
    "and start with a small letter — no spaces."
)


@pytest.fixture
def account(transactional_db) -> Iterator[Account]:  # type: ignore[no-untyped-def]
    sandbox = AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET)
    with api_clients.route_to(AE_URL, httpx.WSGITransport(app=sandbox)):
        yield authorize(sandbox, make_account(AE_URL, M2_URL, name="Browser shop"))


@pytest.fixture
def profile(account: Account) -> Profile:
    return Profile.objects.create(account=account, code="shirts", name="Shirts")


@pytest.fixture
def shirts_profile(profile: Profile, account: Account) -> Profile:
    categories.children(account)
    categories.children(account, MENS)
    schemas.schema(account, SHIRTS)
    Profile.objects.filter(pk=profile.pk).update(
        category_id=SHIRTS, category_path=["Men's Clothing", "Shirts"]
    )
    now = timezone.now()
    for code, label, options in (
        ("color", "Color", [{"id": "49", "label": "Black"}, {"id": "50", "label": "White"}]),
        ("size", "Size", [{"id": "60", "label": "S"}, {"id": "61", "label": "M"}]),
    ):
        CatalogAttribute.objects.create(
            account=account, code=code, label=label, input_type="select", options=options, mirrored_at=now
        )
    CatalogProduct.objects.create(
        account=account, entity_id=1, sku="TEE", type="configurable", name="Tee", enabled=True, visibility=4,
        axes=["color", "size"], updated_at=now, content_hash="x", mirrored_at=now,
    )  # fmt: skip
    profile.refresh_from_db()
    return profile


def _edit(page: Page, live_server: Any, profile: Profile, tab: str = "") -> None:
    page.goto(f"{live_server.url}/admin/profiles/profile/{profile.pk}/change/{tab}")


def _category_tab(page: Page) -> None:
    page.click("#profile-tabs a[data-tab=category]")
    expect(page.locator("#category-mapping")).to_be_visible()
    expect(page.locator("#profile-info")).to_be_hidden()


def test_create_a_profile_through_the_tabs(logged_in: Page, live_server, account: Account) -> None:
    page = logged_in
    page.goto(f"{live_server.url}/admin/profiles/profile/add/")
    expect(page.locator("h1")).to_have_text("Add Aliexpress Profile")
    expect(page.locator("#profile-tabs .disabled")).to_have_text("Profile Products")
    page.fill("#id_code", "Mens Shirts")
    page.fill("#id_name", "Men's shirts")
    page.click(".profile-buttons >> nth=0 >> input[name=_continue]")
    expect(page.locator(".field-code .errorlist")).to_have_text(CODE_RULE)
    expect(page.locator(".field-code .help")).to_contain_text("first character should be a letter")

    page.fill("#id_code", "mens_shirts")
    page.click(".profile-buttons >> nth=0 >> input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    created = Profile.objects.get(code="mens_shirts")
    expect(page.locator("#profile-tabs a[data-tab=products]")).to_have_attribute(
        "href", f"/admin/profiles/profile/{created.pk}/products/"
    )

    _category_tab(page)
    page.click('button.tree-toggle:has-text("Men\'s Clothing")')
    page.click("button.tree-pick:text-is('• Shirts')")
    expect(page.locator("#chosen-category")).to_have_text("Men's Clothing > Shirts (348)")
    assert page.url.endswith("#category-mapping")
    expect(page.locator("#category-mapping")).to_be_visible()  # back on the tab it was saved from
    expect(page.locator("#schema-summary")).to_have_text("Attribute schema: 12 attributes, 2 SKU attributes.")
    expect(page.locator("#missing-mappings li")).to_have_text(
        ["Brand Name (required): not mapped.", "Sleeve Length(cm) (required): not mapped."]
    )
    created.refresh_from_db()
    assert (created.category_id, created.category_path) == (SHIRTS, ["Men's Clothing", "Shirts"])


def test_pick_a_category_by_search_and_by_suggest(logged_in: Page, live_server, account, profile) -> None:  # type: ignore[no-untyped-def]
    categories.children(account)
    categories.children(account, MENS)
    page = logged_in
    _edit(page, live_server, profile, "#category-mapping")
    expect(page.locator("#category-mapping")).to_be_visible()

    page.fill("#category-search", "shirt")
    page.press("#category-search", "Enter")  # searches; does not submit the page
    expect(page.locator("#picker-results button")).to_have_text(
        ["Men's Clothing > Hoodies & Sweatshirts", "Men's Clothing > Shirts"]
    )
    page.click('#picker-results button:text-is("Men\'s Clothing > Shirts")')
    expect(page.locator("#chosen-category")).to_have_text("Men's Clothing > Shirts (348)")

    page.fill("#suggest-title", "Floral summer dress for women")
    page.click("#suggest-button")
    expect(page.locator("#picker-results button").first).to_have_text("Women's Clothing > Dresses")
    page.locator("#picker-results button").first.click()
    expect(page.locator("#chosen-category")).to_have_text("Women's Clothing > Dresses (200000347)")
    profile.refresh_from_db()
    assert profile.category_path == ["Women's Clothing", "Dresses"]

    page.fill("#category-search", "zzz")
    page.click("#category-search-button")
    expect(page.locator("#picker-message")).to_contain_text("No cached category is named like “zzz”")


def test_map_attributes_and_values(logged_in: Page, live_server, shirts_profile: Profile) -> None:
    page = logged_in
    _edit(page, live_server, shirts_profile, "#category-mapping")
    brand, sleeve, kind, color = (page.locator(f"tr[data-attribute='{n}']") for n in (
        "Brand Name", "Sleeve Length(cm)", "Shirts Type", "Color"))  # fmt: skip
    expect(brand.locator(".badge").first).to_have_text("Required")

    brand.locator(".source-select").select_option("fixed")
    brand.locator(".mapping-fixed select").select_option(label="NONE")
    sleeve.locator(".source-select").select_option("magento")
    sleeve.locator(".magento-select").select_option("size")
    expect(sleeve.locator(".value-map tr td:first-child")).to_have_text(["S", "M"])
    sleeve.locator(".value-map tr[data-option='60'] select").select_option(label="Short")
    sleeve.locator("select[name$='-default']").select_option(label="Full")
    kind.locator(".source-select").select_option("fixed")
    custom = kind.locator("input[name$='-fixed_custom']")
    expect(custom).to_be_hidden()
    kind.locator(".mapping-fixed select").select_option(label="Other")
    expect(custom).to_be_visible()
    custom.fill("Flannel")
    color.locator(".source-select").select_option("magento")
    color.locator(".magento-select").select_option("color")
    color.locator(".value-map tr[data-option='49'] select").select_option(label="Black")
    color.locator("input[name$='-swatch']").check()
    page.click(".profile-buttons >> nth=0 >> input[name=_continue]")

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".messagelist")).to_contain_text("Attribute mapping saved (4 attributes changed).")
    expect(page.locator("#category-mapping")).to_be_visible()
    expect(page.locator("#missing-mappings")).to_have_count(0)
    expect(sleeve.locator(".value-map tr[data-option='60'] select option:checked")).to_have_text("Short")
    rows = {m.aliexpress_attribute: m for m in AttributeMapping.objects.filter(profile=shirts_profile)}
    assert set(rows) == {"Brand Name", "Sleeve Length(cm)", "Shirts Type", "Color"}
    assert (rows["Shirts Type"].fixed_value, rows["Shirts Type"].fixed_custom) == ("4", "Flannel")
    assert rows["Sleeve Length(cm)"].value_map == {"60": {"value": "990100002", "custom": ""}}
    assert (rows["Color"].kind, rows["Color"].value_map, rows["Color"].send_swatch_image) == (
        "sku",
        {"49": {"value": "193", "custom": ""}},
        True,
    )


def test_a_missing_required_mapping_is_shown_and_saving_goes_on(
    logged_in: Page, live_server, shirts_profile: Profile
) -> None:
    page = logged_in
    _edit(page, live_server, shirts_profile, "#category-mapping")
    expect(page.locator("#missing-mappings li")).to_have_count(2)
    sleeve = page.locator("tr[data-attribute='Sleeve Length(cm)']")
    sleeve.locator(".source-select").select_option("magento")
    sleeve.locator(".magento-select").select_option("size")
    page.click(".profile-buttons >> nth=0 >> input[name=_continue]")

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("#missing-mappings li")).to_have_text(
        [
            "Brand Name (required): not mapped.",
            "Sleeve Length(cm) (required): Magento attribute size has no value map and no default value.",
        ]
    )
    expect(page).to_have_url(re.compile(r"#category-mapping$"))
