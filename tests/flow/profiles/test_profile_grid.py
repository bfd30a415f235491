"""AliExpress → Manage Profiles, the Aliexpress Profile Listing grid (manual §4.3, §4.4): its columns
and counts, the filter row, who sees what, and the mass actions Delete and Change Status."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.listings.models import Listing
from aliexpress_magento.profiles import selectors
from aliexpress_magento.profiles.models import AttributeMapping, CategorySchema, Profile, ProfileProduct
from aliexpress_magento.profiles.services import completeness
from aliexpress_magento.profiles.services import profiles as services
from tests.support.accounts import make_account
from tests.support.profile_grid import assign, make_products, make_profile

pytestmark = pytest.mark.django_db

GRID = reverse("admin:profiles_profile_changelist")
AE_URL, M2_URL = "https://ae.unused.test", "https://shop.unused.test"


@pytest.fixture
def shop() -> Account:
    return make_account(AE_URL, M2_URL, name="Shop A")


@pytest.fixture
def dresses(shop: Account) -> Profile:
    """A profile in Apparel / Women / Dresses with a complete mapping and 3 products."""
    profile = make_profile(shop, "dresses", category_id=200001, category_path=["Apparel", "Women", "Dresses"])
    parsed = {"attributes": [{"name": "Brand Name", "required": True}], "sku_attributes": []}
    CategorySchema.objects.create(
        account=shop, category_id=200001, raw_schema="{}", parsed=parsed, fetched_at=timezone.now()
    )
    AttributeMapping.objects.create(
        profile=profile, aliexpress_attribute="Brand Name", source="fixed", fixed_value="201512802"
    )
    assign(profile, make_products(shop, 3))
    return profile


def _ids(response: Any) -> list[int]:
    return [profile.pk for profile in response.context["cl"].result_list]


def _cell(html: str, row_pk: int, column: str) -> str:
    """The text of one cell of the row whose checkbox holds ``row_pk``."""
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if f'value="{row_pk}"' in r]
    assert len(rows) == 1, f"no row for {row_pk}"
    cell = re.search(rf'<td class="field-{column}">(.*?)</td>', rows[0], re.S)
    assert cell, f"no {column} cell"
    return re.sub(r"<[^>]+>", "", cell.group(1)).strip()


# --- Columns and counts ---------------------------------------------------------------------------


def test_the_grid_shows_the_manuals_columns_header_and_counts(merchant_client, shop, dresses) -> None:
    empty = make_profile(shop, "empty_one", status=Profile.Status.INACTIVE)

    response = merchant_client.get(GRID)
    html = response.content.decode()

    assert response.context["cl"].title == "Aliexpress Profile Listing"
    # As the page prints them (capfirst), after the checkbox column.
    headers = [capfirst(h["text"]) for h in response.context["result_headers"]][1:]
    assert headers == [
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
    assert '<span id="page-of">Page 1 of 1 pages</span>' in html
    assert '<span id="total-records">Total 2 records found</span>' in html
    assert 'id="add-profile">Add New Profile</a>' in html
    assert [
        _cell(html, dresses.pk, c)
        for c in ("name", "status", "profile_category", "profile_sub_category", "total_item")
    ] == ["Dresses", "Active", "Apparel", "Dresses", "3"]
    assert _cell(html, dresses.pk, "uploaded") == "0 [0%]"
    assert _cell(html, dresses.pk, "not_uploaded") == "3"
    assert _cell(html, dresses.pk, "missing_mappings") == "complete"
    assert [
        _cell(html, empty.pk, c)
        for c in (
            "status",
            "profile_category",
            "profile_sub_category",
            "total_item",
            "uploaded",
            "not_uploaded",
        )
    ] == [
        "Inactive",
        "",
        "",
        "0",
        "0 [0%]",
        "0",
    ]
    assert _cell(html, empty.pk, "missing_mappings") == f"incomplete: 1 missing{completeness.NO_CATEGORY}"
    edit = reverse("admin:profiles_profile_change", args=[dresses.pk])
    assert f'<a href="{edit}" class="edit-profile">Edit Profile</a>' in html


def test_a_missing_required_mapping_is_named_in_the_row(merchant_client, shop, dresses) -> None:
    dresses.mappings.all().delete()

    html = merchant_client.get(GRID).content.decode()

    assert (
        _cell(html, dresses.pk, "missing_mappings")
        == "incomplete: 1 missingBrand Name (required): not mapped."
    )
    assert 'title="Brand Name (required): not mapped."' in html


def test_a_page_costs_the_same_queries_with_3_or_20_rows(merchant_client, shop) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert merchant_client.get(GRID).status_code == 200
        return len(captured)

    for n in range(3):
        assign(make_profile(shop, f"small_{n}"), make_products(shop, 2, first_id=100 * n + 1))
    few = queries()
    for n in range(3, 20):
        assign(make_profile(shop, f"small_{n}"), make_products(shop, 2, first_id=100 * n + 1))
    assert queries() == few


def test_upload_counts_count_the_products_aliexpress_holds(shop, dresses) -> None:
    empty = make_profile(shop, "empty_one")
    assert selectors.upload_counts([dresses.pk, empty.pk]) == {dresses.pk: (0, 3), empty.pk: (0, 0)}
    products = list(CatalogProduct.objects.filter(profile_link__profile=dresses).order_by("entity_id"))
    for product, status in zip(products, ("live", "offline", "error"), strict=True):
        Listing.objects.create(account=shop, product=product, status=status)
    # a listing of a product outside the profile counts for no profile
    Listing.objects.create(account=shop, product=make_products(shop, 1, first_id=900)[0], status="live")
    assert selectors.upload_counts([dresses.pk, empty.pk]) == {dresses.pk: (2, 1), empty.pk: (0, 0)}
    assert selectors.ItemCounts(total=3, uploaded=1, not_uploaded=2).uploaded_percent == 33
    assert selectors.ItemCounts(total=0, uploaded=0, not_uploaded=0).uploaded_percent == 0


def test_the_pager_pages_by_20_and_keeps_the_filter(merchant_client, shop) -> None:
    for n in range(23):
        make_profile(shop, f"bulk_{n}")
    make_profile(shop, "other")

    second = merchant_client.get(GRID, {"filter_name": "bulk", "p": 2})

    assert len(_ids(second)) == 3
    html = second.content.decode()
    assert '<span id="page-of">Page 2 of 2 pages</span>' in html
    assert '<span id="total-records">Total 23 records found</span>' in html
    assert "filter_name=bulk&amp;p=0" in html or "filter_name=bulk&amp;p=1" in html  # page links keep it


# --- Filters --------------------------------------------------------------------------------------


@pytest.fixture
def three(shop, dresses) -> dict[str, Profile]:
    shoes = make_profile(shop, "shoes", category_path=["Shoes", "Sneakers"], status=Profile.Status.INACTIVE)
    assign(shoes, make_products(shop, 1, first_id=50))
    bags = make_profile(shop, "bags", category_path=["Luggage & Bags"])  # a root alone: no sub category
    return {"dresses": dresses, "shoes": shoes, "bags": bags}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"filter_name": "SHO"}, ["shoes"]),
        ({"filter_status": "inactive"}, ["shoes"]),
        ({"filter_status": "nonsense"}, ["dresses", "shoes", "bags"]),
        ({"filter_profile_category": "apparel"}, ["dresses"]),
        ({"filter_profile_category": "bags"}, ["bags"]),
        ({"filter_profile_sub_category": "sneak"}, ["shoes"]),
        ({"filter_profile_sub_category": "bags"}, []),  # Bags is a root, not a sub category
        ({"filter_profile_sub_category": "women"}, []),  # a middle level is neither
        ({"filter_total_item_from": "1"}, ["dresses", "shoes"]),
        ({"filter_total_item_from": "1", "filter_total_item_to": "2"}, ["shoes"]),
        ({"filter_not_uploaded_from": "3"}, ["dresses"]),
        ({"filter_uploaded_from": "1"}, []),
        ({"filter_total_item_to": "x"}, ["dresses", "shoes", "bags"]),  # not a number: ignored
        ({"filter_name": "s", "filter_status": "active"}, ["dresses", "bags"]),
    ],
)
def test_each_column_filter_narrows_the_rows(merchant_client, three, params, expected) -> None:
    response = merchant_client.get(GRID, params)
    assert response.status_code == 200
    assert _ids(response) == [three[name].pk for name in expected]


def test_the_id_range_filter(merchant_client, three) -> None:
    low = three["shoes"].pk
    response = merchant_client.get(GRID, {"filter_id_from": low, "filter_id_to": low})
    assert _ids(response) == [low]


def test_reset_filter_drops_the_filters_and_keeps_the_page_size_and_sort(merchant_client, three) -> None:
    response = merchant_client.get(GRID, {"filter_name": "sho", "per_page": 50, "o": "2"})
    cl = response.context["cl"]
    assert cl.reset_filter_url == "?o=2&per_page=50"
    assert cl.kept_params == [("per_page", "50"), ("o", "2")]
    html = response.content.decode()
    assert 'name="filter_name" value="sho"' in html
    assert 'id="reset-filter">Reset Filter</a>' in html


def test_sorting_by_a_count_column(merchant_client, three) -> None:
    headers = [h["text"] for h in merchant_client.get(GRID).context["result_headers"]]
    by_total = str(headers.index("Total Item"))
    assert _ids(merchant_client.get(GRID, {"o": f"-{by_total}.1"})) == [
        three["dresses"].pk,
        three["shoes"].pk,
        three["bags"].pk,
    ]


# --- Who sees what --------------------------------------------------------------------------------


@pytest.fixture
def viewer_client(client, django_user_model, shop):  # type: ignore[no-untyped-def]
    viewer = django_user_model.objects.create_user("viewer", password="a-long-test-password", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_profile"))
    shop.allowed_users.add(viewer)
    client.force_login(viewer)
    return client


def test_a_view_only_user_sees_the_granted_accounts_profiles_read_only(viewer_client, shop, dresses) -> None:
    other = make_profile(make_account(AE_URL, M2_URL, name="Shop B"), "hidden")

    response = viewer_client.get(GRID)
    html = response.content.decode()

    assert _ids(response) == [dresses.pk]
    assert 'name="_selected_action"' not in html
    assert "Add New Profile" not in html
    assert 'name="action"' not in html
    assert "Select All" not in html
    assert 'id="search-filter">Search</button>' in html  # filtering is reading
    assert '">View Profile</a>' in html
    assert viewer_client.get(reverse("admin:profiles_profile_change", args=[other.pk])).status_code == 404


def test_a_view_only_user_cannot_run_an_action(viewer_client, dresses) -> None:
    viewer_client.post(
        GRID,
        {"action": "delete_profiles", "_selected_action": [dresses.pk], "index": "0", "confirm": "yes"},
    )
    assert Profile.objects.filter(pk=dresses.pk).exists()


def test_a_user_with_change_but_not_delete_gets_change_status_only(client, django_user_model, shop) -> None:
    editor = django_user_model.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_profile", "change_profile"]))
    shop.allowed_users.add(editor)
    client.force_login(editor)
    make_profile(shop, "one")

    choices = client.get(GRID).context["action_form"].fields["action"].choices
    assert [label for value, label in choices if value] == ["Change Status"]


# --- Mass actions ---------------------------------------------------------------------------------


def test_delete_asks_first_then_deletes_and_unassigns_the_products(merchant_client, shop, dresses) -> None:
    keep = make_profile(shop, "keep")
    chosen = {"action": "delete_profiles", "_selected_action": [dresses.pk], "index": "0"}

    confirm = merchant_client.post(GRID, chosen)

    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Their 3 products will be unassigned: the products stay in the catalog" in page
    assert "<td>Dresses</td><td>dresses</td><td>3</td>" in page
    assert Profile.objects.count() == 2

    done = merchant_client.post(GRID, {**chosen, "confirm": "Yes, delete"}, follow=True)

    assert done.redirect_chain == [(GRID, 302)]
    assert list(Profile.objects.values_list("pk", flat=True)) == [keep.pk]
    assert ProfileProduct.objects.count() == 0
    assert CatalogProduct.objects.count() == 3
    assert [str(m) for m in done.context["messages"]] == [
        "1 profile deleted; 3 products unassigned (they stay in the catalog)."
    ]
    entry = ActivityLog.objects.get()
    assert (entry.log_type, entry.log_sub_type, entry.account_id, entry.related_id, entry.related_repr) == (
        "profile",
        "delete",
        shop.pk,
        str(dresses.pk),
        "Dresses",
    )
    assert (
        entry.comment
        == "Profile 'Dresses' (dresses) deleted: 3 products unassigned, they stay in the catalog."
    )


def test_change_status_asks_which_then_applies(merchant_client, shop, dresses) -> None:
    inactive = make_profile(shop, "sleeping", status=Profile.Status.INACTIVE)
    chosen = {"action": "change_status", "_selected_action": [dresses.pk, inactive.pk], "index": "0"}

    ask = merchant_client.post(GRID, chosen)
    assert ask.status_code == 200
    assert '<select name="status" id="new-status">' in ask.content.decode()

    unanswered = merchant_client.post(GRID, {**chosen, "confirm": "Change Status"})
    assert unanswered.status_code == 200
    assert "Choose a status." in unanswered.content.decode()

    done = merchant_client.post(
        GRID, {**chosen, "confirm": "Change Status", "status": "inactive"}, follow=True
    )

    assert set(Profile.objects.values_list("status", flat=True)) == {"inactive"}
    assert [str(m) for m in done.context["messages"]] == [
        "1 profile set to Inactive. 1 already Inactive, left as they were."
    ]
    entry = ActivityLog.objects.get()
    assert (entry.log_sub_type, entry.account_id, entry.related_id) == ("status", shop.pk, str(dresses.pk))
    assert entry.comment == "Profile 'Dresses' (dresses) status changed from Active to Inactive."


def test_select_all_acts_on_every_filtered_row_across_pages(merchant_client, shop) -> None:
    bulk = [make_profile(shop, f"bulk_{n}") for n in range(23)]
    other = make_profile(shop, "other")
    page_one = _ids(merchant_client.get(GRID, {"filter_name": "bulk"}))
    assert len(page_one) == 20
    chosen = {
        "action": "change_status",
        "select_across": "1",
        "_selected_action": page_one,
        "index": "0",
        "confirm": "Change Status",
        "status": "inactive",
    }

    merchant_client.post(f"{GRID}?filter_name=bulk", chosen)

    assert set(Profile.objects.filter(pk__in=[p.pk for p in bulk]).values_list("status", flat=True)) == {
        "inactive"
    }
    assert Profile.objects.get(pk=other.pk).status == "active"
    assert ActivityLog.objects.filter(log_sub_type="status").count() == 23


def test_select_all_with_a_count_filter_deletes_exactly_the_matching_rows(merchant_client, shop) -> None:
    full = make_profile(shop, "full")
    assign(full, make_products(shop, 2))
    empties = [make_profile(shop, f"empty_{n}") for n in range(2)]
    chosen = {
        "action": "delete_profiles",
        "select_across": "1",
        "_selected_action": [empties[0].pk],
        "index": "0",
    }

    confirm = merchant_client.post(f"{GRID}?filter_total_item_to=0", chosen)
    assert list(confirm.context["profiles"]) == empties

    merchant_client.post(f"{GRID}?filter_total_item_to=0", {**chosen, "confirm": "Yes, delete"})

    assert list(Profile.objects.values_list("pk", flat=True)) == [full.pk]
    assert ProfileProduct.objects.count() == 2


def test_the_services_report_what_they_did(shop, dresses, merchant) -> None:
    other = make_profile(shop, "other")
    assert services.change_status(Profile.objects.all(), "active", merchant) == services.StatusChanged(0, 2)
    assert ActivityLog.objects.count() == 0  # nothing changed, nothing logged
    with pytest.raises(ValueError):
        services.change_status(Profile.objects.all(), "paused", merchant)

    deleted = services.delete_profiles(Profile.objects.filter(pk__in=[dresses.pk, other.pk]), merchant)

    assert deleted == services.Deleted(profiles=2, unassigned=3)
    assert ActivityLog.objects.filter(log_sub_type="delete", user=merchant).count() == 2
