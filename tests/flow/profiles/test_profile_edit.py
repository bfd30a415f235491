# ruff: noqa: F811 - the fixtures are imported from editing_support and named again as parameters
"""Add New Profile / Edit Profile through the admin page: Profile Info, the auto-assignment rules, the
AliExpress category (tree, search, Suggest), the Activity Logs, and the view-only user's page."""

from __future__ import annotations

from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog, Level
from aliexpress_magento.profiles.models import (
    PROFILE_CODE_HELP,
    AliExpressCategory,
    AttributeMapping,
    CategorySchema,
    Profile,
)
from aliexpress_magento.profiles.services import categories
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.profiles.conftest import fail_every_call
from tests.flow.profiles.editing_support import (  # noqa: F401 - fixtures
    MENS,
    SHIRTS,
    change_url,
    info,
    magento_attributes,
    magento_categories,
    profile,
    shirts_profile,
    viewer_client,
)
from tests.support.accounts import make_account

ADD_URL = reverse("admin:profiles_profile_add")
SUGGEST = "aliexpress.solution.product.category.suggest"
CODE_RULE = (
    "Use only small letters (a-z), numbers (0-9) or underscore (_), "
    "and start with a small letter — no spaces."
)


def _logs(**filters: object) -> list[tuple[str, str]]:
    return [(e.log_sub_type, e.comment) for e in ActivityLog.objects.filter(log_type="profile", **filters)]


def _endpoint(name: str, profile: Profile) -> str:
    return reverse(f"admin:profiles_profile_{name}", args=[profile.pk])


# --- Profile Info -----------------------------------------------------------------------------------


def test_add_a_profile_then_continue_editing_it(merchant_client: Client, account: Account, merchant) -> None:  # type: ignore[no-untyped-def]
    answer = merchant_client.post(
        ADD_URL,
        {
            "account": account.pk,
            "code": "mens_shirts",
            "name": "Men's shirts",
            "status": "active",
            "_continue": "1",
        },
    )

    created = Profile.objects.get(account=account)
    assert answer.status_code == 302 and answer["Location"] == change_url(created)
    assert (created.code, created.name, created.status, created.category_id, created.rules_since) == (
        "mens_shirts",
        "Men's shirts",
        "active",
        None,
        None,
    )
    entry = ActivityLog.objects.get(log_type="profile")
    assert (entry.level, entry.log_sub_type, entry.comment) == (
        Level.INFO,
        "create",
        "Profile “Men's shirts” (mens_shirts) created, active.",
    )
    assert (entry.account_id, entry.user_id, entry.related_id, entry.related_repr) == (
        account.pk,
        merchant.pk,
        str(created.pk),
        "Men's shirts",
    )


def test_the_add_page_shows_the_manuals_help_and_buttons(merchant_client: Client, account: Account) -> None:
    page = merchant_client.get(ADD_URL).content.decode()

    assert PROFILE_CODE_HELP in page
    assert "Give some name to profile to identify them" in page
    assert "Make active to enable the profile" in page
    for button in (
        'class="button profile-back">Back<',
        ">Reset<",
        'value="Save"',
        'value="Save and Continue Edit"',
    ):
        assert button in page
    assert 'title="Save the profile first">Profile Products<' in page  # disabled until saved
    assert (
        "Save the profile first (Save and Continue Edit); then choose its AliExpress category here." in page
    )


@pytest.mark.parametrize("code", ["Shirts", "1shirts", "men shirts", "men-shirts", "_shirts"])
def test_a_code_breaking_the_rule_is_refused_with_its_message(
    merchant_client: Client, account: Account, code: str
) -> None:
    answer = merchant_client.post(
        ADD_URL, {"account": account.pk, "code": code, "name": "Shirts", "status": "active"}
    )

    assert answer.status_code == 200
    assert answer.context["adminform"].form.errors == {"code": [CODE_RULE]}
    assert not Profile.objects.exists()


def test_code_and_name_are_unique_per_account(
    merchant_client: Client, account: Account, profile: Profile
) -> None:
    answer = merchant_client.post(
        ADD_URL, {"account": account.pk, "code": "shirts", "name": "Shirts", "status": "active"}
    )

    assert answer.context["adminform"].form.errors == {
        "code": ["Profile Code “shirts” is already used by profile “Shirts” of this account."],
        "name": ["Profile Name “Shirts” is already used by another profile of this account."],
    }
    other = make_account("https://ae2.sandbox.test", "https://shop2.sandbox.test", name="Second shop")
    again = merchant_client.post(
        ADD_URL, {"account": other.pk, "code": "shirts", "name": "Shirts", "status": "active"}
    )
    assert again.status_code == 302
    assert Profile.objects.filter(code="shirts").count() == 2


def test_editing_keeps_the_account_and_logs_the_changed_fields(
    merchant_client: Client, account: Account, profile: Profile
) -> None:
    other = make_account("https://ae2.sandbox.test", "https://shop2.sandbox.test", name="Second shop")
    data = info(profile, name="Shirts for men", status="inactive", account=other.pk, _save="1")
    del data["_continue"]
    answer = merchant_client.post(change_url(profile), data)

    assert answer.status_code == 302 and answer["Location"] == reverse("admin:profiles_profile_changelist")
    profile.refresh_from_db()
    assert (profile.account_id, profile.name, profile.status) == (account.pk, "Shirts for men", "inactive")
    assert _logs(log_sub_type="edit") == [
        ("edit", "Profile “Shirts for men” (shirts) changed: Profile Name, Status.")
    ]


def test_a_save_without_changes_logs_nothing(merchant_client: Client, profile: Profile) -> None:
    merchant_client.post(change_url(profile), info(profile))

    assert _logs() == []


def test_auto_assignment_rules_offer_the_mirror_and_restart_their_clock(
    merchant_client: Client,
    account: Account,
    profile: Profile,
    magento_categories: None,
    magento_attributes: None,
) -> None:
    page = merchant_client.get(change_url(profile)).content.decode()
    assert '<option value="4">Default Category/Men/Tops</option>' in page
    assert "Attribute set 4 (1 products)" in page

    merchant_client.post(
        change_url(profile), info(profile, rule_category_ids=["4"], rule_attribute_set_ids=["4"])
    )

    profile.refresh_from_db()
    first = profile.rules_since
    assert (profile.rule_category_ids, profile.rule_attribute_set_ids) == ([4], [4])
    assert first is not None
    assert _logs() == [("edit", "Profile “Shirts” (shirts) changed: Auto-assignment rules.")]
    merchant_client.post(
        change_url(profile), info(profile, rule_category_ids=["4"], rule_attribute_set_ids=["4"])
    )
    profile.refresh_from_db()
    assert profile.rules_since == first  # the same rules: their clock goes on


# --- the AliExpress category -----------------------------------------------------------------------


def test_the_tree_endpoint_opens_one_level_at_a_time(merchant_client: Client, profile: Profile) -> None:
    roots = merchant_client.get(_endpoint("category_children", profile)).json()["categories"]
    mens = merchant_client.get(_endpoint("category_children", profile), {"parent": MENS}).json()["categories"]

    assert len(roots) == 37
    assert {"id": MENS, "name": "Men's Clothing", "leaf": False, "level": 1} in roots
    assert {"id": SHIRTS, "name": "Shirts", "leaf": True, "level": 2} in mens


def test_search_looks_through_the_opened_levels(
    merchant_client: Client, account: Account, profile: Profile
) -> None:
    categories.children(account)
    categories.children(account, MENS)

    found = merchant_client.get(_endpoint("category_search", profile), {"q": "shirt"}).json()
    nothing = merchant_client.get(_endpoint("category_search", profile), {"q": "zzz"}).json()

    assert found == {
        "categories": [
            {
                "id": 200000344,
                "name": "Hoodies & Sweatshirts",
                "leaf": True,
                "level": 2,
                "path": "Men's Clothing > Hoodies & Sweatshirts",
            },
            {"id": SHIRTS, "name": "Shirts", "leaf": True, "level": 2, "path": "Men's Clothing > Shirts"},
        ],
        "message": "",
    }
    assert nothing["categories"] == []
    assert nothing["message"].startswith("No cached category is named like “zzz”")


def test_suggest_asks_aliexpress_with_the_title(
    merchant_client: Client, profile: Profile, ae_calls: Counter[str]
) -> None:
    found = merchant_client.post(
        _endpoint("category_suggest", profile), {"title": "Floral summer dress for women"}
    ).json()

    assert ae_calls[SUGGEST] == 1
    assert found["categories"][0] == {
        "id": 200000347,
        "name": "Dresses",
        "leaf": True,
        "path": "Women's Clothing > Dresses",
        "id_path": [200000345, 200000347],
    }
    assert merchant_client.get(_endpoint("category_suggest", profile)).status_code == 403  # POST only


def test_picking_a_leaf_stores_it_fetches_its_schema_and_returns_to_the_tab(
    merchant_client: Client, account: Account, profile: Profile
) -> None:
    merchant_client.get(_endpoint("category_children", profile))
    merchant_client.get(_endpoint("category_children", profile), {"parent": MENS})

    answer = merchant_client.post(
        change_url(profile), info(profile, aliexpress_category=SHIRTS, _tab="category")
    )

    assert answer.status_code == 302 and answer["Location"] == change_url(profile) + "#category-mapping"
    profile.refresh_from_db()
    assert (profile.category_id, profile.category_path) == (SHIRTS, ["Men's Clothing", "Shirts"])
    assert CategorySchema.objects.filter(account=account, category_id=SHIRTS).exists()
    assert _logs() == [
        ("category", "Profile “Shirts” (shirts): AliExpress category set to Men's Clothing > Shirts (348).")
    ]
    page = merchant_client.get(change_url(profile)).content.decode()
    assert "Men&#x27;s Clothing &gt; Shirts (348)" in page
    assert "Aliexpress / Magento Attribute Mapping (Required / Optional)" in page


def test_a_suggested_leaf_not_cached_yet_is_found_along_its_path(
    merchant_client: Client, profile: Profile
) -> None:
    answer = merchant_client.post(
        change_url(profile),
        info(
            profile, aliexpress_category=201531301, aliexpress_category_path="200000343,200000779,201531301"
        ),
    )

    assert answer.status_code == 302
    profile.refresh_from_db()
    assert profile.category_path == ["Men's Clothing", "Tops & Tees", "T-Shirts"]


def test_a_non_leaf_or_unknown_category_is_refused(
    merchant_client: Client, account: Account, profile: Profile
) -> None:
    categories.children(account)

    not_leaf = merchant_client.post(change_url(profile), info(profile, aliexpress_category=MENS))
    unknown = merchant_client.post(change_url(profile), info(profile, aliexpress_category=999))

    assert not_leaf.context["adminform"].form.errors == {
        "aliexpress_category": ["Men's Clothing is not a leaf category: choose one of its subcategories."]
    }
    assert unknown.context["adminform"].form.errors == {
        "aliexpress_category": [
            "Category 999 is not in this account's AliExpress category tree: pick it from the tree."
        ]
    }
    profile.refresh_from_db()
    assert profile.category_id is None


def test_a_schema_that_cannot_be_fetched_is_a_message_not_an_error_page(
    merchant_client: Client, account: Account, profile: Profile, ae_sandbox: AliExpressSandbox
) -> None:
    categories.children(account)
    categories.children(account, MENS)
    fail_every_call(ae_sandbox)

    answer = merchant_client.post(change_url(profile), info(profile, aliexpress_category=SHIRTS), follow=True)

    assert answer.status_code == 200
    errors = [m.message for m in answer.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1 and errors[0].startswith(
        "Could not fetch the product schema of category 348 from AliExpress"
    )
    profile.refresh_from_db()
    assert profile.category_id == SHIRTS  # saved: the schema can be refreshed later
    page = answer.content.decode()
    assert (
        '<span id="schema-summary" class="errornote">The category\'s attribute schema has not been fetched.'
        in page
    )
    assert "Refresh schema" in page

    ae_sandbox.knobs.update({"fault_rate": 0.0})
    refreshed = merchant_client.post(_endpoint("refresh_schema", profile), follow=True)
    assert [m.message for m in refreshed.context["messages"]][-1] == (
        "The category's attribute schema was fetched again from AliExpress."
    )
    assert CategorySchema.objects.filter(account=account, category_id=SHIRTS).exists()


def test_refresh_category_tree_forgets_the_cache_and_keeps_the_pick(
    merchant_client: Client, account: Account, shirts_profile: Profile
) -> None:
    cached = AliExpressCategory.objects.filter(account=account).count()
    assert cached > 0

    answer = merchant_client.post(_endpoint("refresh_tree", shirts_profile), follow=True)

    assert [m.message for m in answer.context["messages"]] == [
        f"The AliExpress category tree will be fetched again as you open it ({cached} cached categories "
        "cleared)."
    ]
    assert not AliExpressCategory.objects.filter(account=account).exists()
    shirts_profile.refresh_from_db()
    assert (shirts_profile.category_id, shirts_profile.category_path) == (
        SHIRTS,
        ["Men's Clothing", "Shirts"],
    )
    assert categories.children(account) != []  # the roots are fetched again when the tree is opened


def test_a_new_category_drops_the_old_ones_mappings(
    merchant_client: Client, account: Account, shirts_profile: Profile
) -> None:
    AttributeMapping.objects.create(
        profile=shirts_profile, aliexpress_attribute="Brand Name", source="fixed", fixed_value="200010868"
    )
    categories.children(account, 200000779)

    merchant_client.post(change_url(shirts_profile), info(shirts_profile, aliexpress_category=201531301))

    assert not AttributeMapping.objects.filter(profile=shirts_profile).exists()
    assert _logs() == [
        (
            "category",
            "Profile “Shirts” (shirts): AliExpress category set to Men's Clothing > Tops & Tees > T-Shirts "
            "(201531301). 1 attribute mappings of the previous category removed.",
        )
    ]


# --- view permission only --------------------------------------------------------------------------


def test_a_view_only_user_sees_the_page_read_only(viewer_client: Client, shirts_profile: Profile) -> None:
    page = viewer_client.get(change_url(shirts_profile)).content.decode()

    assert 'class="button profile-back">Back<' in page
    assert 'name="_save"' not in page and 'name="_continue"' not in page and ">Reset<" not in page
    assert 'id="category-picker"' not in page and "Refresh schema" not in page
    assert 'name="code"' not in page  # shown as text
    assert (
        "disabled" in page
        and 'name="m-category-0-source" class="source-select" aria-label="Source of Brand Name" disabled'
        in page
    )


def test_a_view_only_user_cannot_change_anything(viewer_client: Client, shirts_profile: Profile) -> None:
    assert (
        viewer_client.post(change_url(shirts_profile), info(shirts_profile, name="Hacked")).status_code == 403
    )
    assert (
        viewer_client.post(_endpoint("category_suggest", shirts_profile), {"title": "shirt"}).status_code
        == 403
    )
    assert viewer_client.post(_endpoint("refresh_schema", shirts_profile)).status_code == 403
    assert viewer_client.post(_endpoint("refresh_tree", shirts_profile)).status_code == 403
    assert viewer_client.get(ADD_URL).status_code == 403
    shirts_profile.refresh_from_db()
    assert shirts_profile.name == "Shirts"
    assert _logs() == []


def test_another_accounts_profile_is_not_found(viewer_client: Client) -> None:
    other = make_account("https://ae2.sandbox.test", "https://shop2.sandbox.test", name="Second shop")
    hidden = Profile.objects.create(account=other, code="hidden", name="Hidden")

    assert viewer_client.get(change_url(hidden)).status_code == 404
    assert viewer_client.get(_endpoint("category_children", hidden)).status_code == 404
