"""Auto-assignment rules: new products of the rule's categories or attribute sets join the profile."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog, JobRun
from aliexpress_magento.catalog.tasks import refresh_catalog
from aliexpress_magento.profiles.models import Profile, ProfileProduct
from aliexpress_magento.profiles.services.rules import apply_rules
from tests.flow.catalog import conftest as catalog_fixtures
from tests.flow.catalog.conftest import Shop
from tests.support import catalog_rows as rows
from tests.support.accounts import make_account

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)
# The catalog flow tests' shop on each Magento sandbox, for the refresh job's test.
platform, catalog_size, shop = catalog_fixtures.platform, catalog_fixtures.catalog_size, catalog_fixtures.shop


@pytest.fixture
def account() -> Account:
    return make_account("https://ae.unused.test", "https://shop.unused.test")


def test_only_products_first_mirrored_since_the_rule_join(account: Account) -> None:
    since = timezone.now()
    shoes = rows.profile(account, "shoes", rule_category_ids=[10], rules_since=since)
    old = rows.product(account, categories=[10], first_mirrored_at=since - HOUR)
    new = rows.product(account, categories=[10], first_mirrored_at=since + HOUR)
    at_the_second = rows.product(account, categories=[10], first_mirrored_at=since)
    rows.product(account, categories=[11], first_mirrored_at=since + HOUR)  # another category

    assert apply_rules(account) == {shoes: 2}

    assert {rows.profile_of(new), rows.profile_of(at_the_second)} == {shoes.pk}
    assert rows.profile_of(old) is None
    assert set(ProfileProduct.objects.values_list("assigned_by", flat=True)) == {"rule"}


def test_attribute_sets_match_too_and_children_removed_and_assigned_products_are_left(
    account: Account,
) -> None:
    since = timezone.now() - HOUR
    shoes = rows.profile(account, "shoes", rule_attribute_set_ids=[9], rules_since=since)
    bags = rows.profile(account, "bags")
    by_set = rows.product(account, attribute_set_id=9)
    parent = rows.configurable(account, children=2, attribute_set_id=9)
    rows.product(account, attribute_set_id=9, removed_at=timezone.now())
    placed = rows.product(account, attribute_set_id=9)
    rows.put(bags, placed)

    assert apply_rules(account) == {shoes: 2}

    assert set(ProfileProduct.objects.filter(profile=shoes).values_list("product_id", flat=True)) == {
        by_set.pk,
        parent.pk,
    }
    assert rows.profile_of(placed) == bags.pk  # a rule never moves a product


def test_inactive_profiles_and_profiles_without_rules_take_nothing(account: Account) -> None:
    since = timezone.now() - HOUR
    rows.profile(account, "off", rule_category_ids=[10], rules_since=since, status=Profile.Status.INACTIVE)
    rows.profile(account, "bare", rules_since=since)
    rows.product(account, categories=[10])

    assert apply_rules(account) == {}
    assert ProfileProduct.objects.count() == 0
    assert ActivityLog.objects.filter(log_type="profile").count() == 0


def test_a_product_matching_two_profiles_goes_to_the_lowest_id(account: Account) -> None:
    since = timezone.now() - HOUR
    first = rows.profile(account, "first", rule_category_ids=[10], rules_since=since)
    second = rows.profile(account, "second", rule_category_ids=[10, 11], rules_since=since)
    both = rows.product(account, categories=[10, 11])
    only_second = rows.product(account, categories=[11])

    assert apply_rules(account) == {first: 1, second: 1}

    assert (rows.profile_of(both), rows.profile_of(only_second)) == (first.pk, second.pk)
    assert apply_rules(account) == {}  # nothing new: a second pass assigns nothing


def test_each_profile_that_gained_products_gets_one_activity_log_entry(account: Account) -> None:
    since = timezone.now() - HOUR
    rows.category(account, 10, "Shoes")
    shoes = rows.profile(
        account,
        "shoes",
        name="Shoes",
        rule_category_ids=[10, 77],
        rule_attribute_set_ids=[4],
        rules_since=since,
    )
    rows.profile(account, "hats", rule_category_ids=[12], rules_since=since)  # gains nothing
    rows.products(account, 3, attribute_set_id=4)
    rows.product(account, categories=[10])

    apply_rules(account)

    (entry,) = ActivityLog.objects.filter(log_type="profile")
    assert (entry.log_sub_type, entry.related_id, entry.account_id, entry.comment) == (
        "auto_assign",
        str(shoes.pk),
        account.pk,
        "Auto-assignment: 4 products joined profile Shoes (rule: categories Shoes, #77; attribute sets 4).",
    )


def test_the_catalog_refresh_job_applies_the_rules_and_notes_it(shop: Shop) -> None:
    refresh_catalog.apply(kwargs={"account_id": shop.account.pk})  # the full read: the mirror is there
    shoes = rows.profile(
        shop.account, "shoes", name="Shoes", rule_attribute_set_ids=[4], rules_since=timezone.now()
    )
    # A product that arrives after the rule (written directly: the incremental read leaves it alone).
    arrived = rows.product(shop.account, attribute_set_id=4, first_mirrored_at=timezone.now())

    refresh_catalog.apply(kwargs={"account_id": shop.account.pk})

    first, second = JobRun.objects.filter(job_code="catalog.refresh").order_by("id")
    assert "Demo shop: Auto-assignment: no new product matched a profile's rules." in first.messages
    assert "Demo shop: Auto-assignment: 1 product joined profiles (1 to Shoes)." in second.messages
    assert rows.profile_of(arrived) == shoes.pk
