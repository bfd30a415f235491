"""Assigning products to a profile by filter: one set-based statement, exact counts, move or skip."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.profiles.models import Profile, ProfileProduct
from aliexpress_magento.profiles.product_selectors import ProductFilter, filtered_products
from aliexpress_magento.profiles.services.assignment import AssignResult, assign, conflicts, unassign
from tests.support import catalog_rows as rows
from tests.support.accounts import make_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def account() -> Account:
    return make_account("https://ae.unused.test", "https://shop.unused.test")


def everything(account: Account):  # type: ignore[no-untyped-def]
    return CatalogProduct.objects.filter(account=account)


def test_only_live_parents_are_assigned_and_children_follow_their_configurable(account: Account) -> None:
    shoes = rows.profile(account, "shoes")
    simple = rows.product(account)
    parent = rows.configurable(account, children=3)
    gone = rows.product(account, removed_at=timezone.now())

    result = assign(shoes, everything(account), move=False, user=None)

    assert result == AssignResult(
        assigned=2, moved=0, skipped_in_other_profiles=0, skipped_children=3, skipped_removed=1
    )
    assert set(ProfileProduct.objects.values_list("product_id", flat=True)) == {simple.pk, parent.pk}
    assert rows.profile_of(gone) is None
    assert set(parent.children.values_list("profile_link__profile", flat=True)) == {None}


def test_without_move_products_of_another_profile_stay_there(account: Account) -> None:
    shoes, bags = rows.profile(account, "shoes"), rows.profile(account, "bags")
    free = rows.products(account, 4)
    taken = rows.products(account, 2)
    rows.put(bags, *taken)
    rows.put(shoes, free[0])

    result = assign(shoes, everything(account), move=False, user=None)

    assert result == AssignResult(
        assigned=3, moved=0, skipped_in_other_profiles=2, skipped_children=0, already_here=1
    )
    assert [rows.profile_of(p) for p in taken] == [bags.pk, bags.pk]
    assert ProfileProduct.objects.filter(profile=shoes).count() == 4


def test_with_move_products_of_another_profile_come_here(account: Account) -> None:
    shoes, bags = rows.profile(account, "shoes"), rows.profile(account, "bags")
    free = rows.products(account, 3)
    taken = rows.products(account, 2)
    rows.put(bags, *taken)

    result = assign(shoes, everything(account), move=True, user=None)

    assert result == AssignResult(assigned=3, moved=2, skipped_in_other_profiles=0, skipped_children=0)
    assert {rows.profile_of(p) for p in [*free, *taken]} == {shoes.pk}
    assert ProfileProduct.objects.filter(profile=bags).count() == 0


def test_a_filter_assigns_only_what_it_matches_and_never_another_accounts_products(account: Account) -> None:
    shoes = rows.profile(account, "shoes")
    red = rows.product(account, name="Red shoe", categories=[10])
    rows.product(account, name="Blue shoe", categories=[11])
    other_account = make_account("https://ae.unused.test", "https://other.unused.test", name="Other shop")
    foreign = rows.product(other_account, name="Red shoe")

    by_name = filtered_products(shoes, ProductFilter(name="red", in_profile="any"))
    result = assign(shoes, by_name, move=False, user=None)
    assert result.assigned == 1
    assert rows.profile_of(red) == shoes.pk

    # Even a queryset naming another account's product does not bring it in.
    assert assign(shoes, CatalogProduct.objects.filter(pk=foreign.pk), move=True, user=None).assigned == 0
    assert rows.profile_of(foreign) is None


@pytest.mark.parametrize("move", [False, True])
def test_a_filter_joining_two_categories_counts_and_assigns_each_product_once(
    account: Account, move: bool
) -> None:
    shoes, bags = rows.profile(account, "shoes"), rows.profile(account, "bags")
    both = rows.product(account, categories=[10, 11])
    held = rows.product(account, categories=[10, 11])
    rows.product(account, categories=[12])
    rows.put(bags, held)
    in_two = CatalogProduct.objects.filter(account=account, category_links__category_id__in=[10, 11])
    assert in_two.count() == 4  # the join repeats each product

    result = assign(shoes, in_two, move=move, user=None)

    assert (result.assigned, result.moved, result.skipped_in_other_profiles) == (1, int(move), int(not move))
    assert [(p.code, n) for p, n in conflicts(shoes, in_two)] == ([] if move else [("bags", 1)])
    assert rows.profile_of(both) == shoes.pk
    assert rows.profile_of(held) == (shoes.pk if move else bags.pk)


def test_conflicts_lists_the_other_profiles_holding_matching_products(account: Account) -> None:
    shoes = rows.profile(account, "shoes", name="Shoes")
    bags, hats = rows.profile(account, "bags", name="Bags"), rows.profile(account, "hats", name="Hats")
    rows.put(bags, *rows.products(account, 3))
    rows.put(hats, *rows.products(account, 1))
    rows.put(shoes, *rows.products(account, 2))
    rows.products(account, 5)

    found = conflicts(shoes, everything(account))

    assert [(p.name, n) for p, n in found] == [("Bags", 3), ("Hats", 1)]


def test_unassign_removes_only_this_profiles_products(account: Account) -> None:
    shoes, bags = rows.profile(account, "shoes"), rows.profile(account, "bags")
    mine = rows.products(account, 3)
    theirs = rows.products(account, 2)
    rows.put(shoes, *mine)
    rows.put(bags, *theirs)

    assert unassign(shoes, everything(account), user=None) == 3

    assert ProfileProduct.objects.filter(profile=shoes).count() == 0
    assert ProfileProduct.objects.filter(profile=bags).count() == 2


def test_each_operation_leaves_one_activity_log_entry_with_its_counts(account: Account, merchant) -> None:  # type: ignore[no-untyped-def]
    shoes, bags = rows.profile(account, "shoes", name="Shoes"), rows.profile(account, "bags")
    rows.products(account, 4)
    rows.put(bags, *rows.products(account, 1))

    assign(shoes, everything(account), move=False, user=merchant)
    unassign(shoes, everything(account).filter(pk__lt=0), user=merchant)

    assign_log, unassign_log = ActivityLog.objects.filter(log_type="profile").order_by("id")
    assert (assign_log.log_sub_type, assign_log.comment) == (
        "assign",
        "Products assigned to profile Shoes: 4 assigned, 1 skipped (in another profile).",
    )
    assert (assign_log.account_id, assign_log.user_id, assign_log.related_id) == (
        account.pk,
        merchant.pk,
        str(shoes.pk),
    )
    assert (unassign_log.log_sub_type, unassign_log.comment) == (
        "unassign",
        "Products removed from profile Shoes: 0.",
    )


@pytest.mark.parametrize("move", [False, True])
def test_assigning_a_filter_takes_the_same_few_statements_for_10_and_for_1000_products(
    account: Account, move: bool
) -> None:
    ContentType.objects.get_for_model(Profile)  # cached for the process: neither run pays for it
    statements = []
    for size in (10, 1000):
        shoes = rows.profile(account, f"shoes_{size}")
        other = rows.profile(account, f"other_{size}")
        made = rows.products(account, size, name=f"batch {size}")
        rows.put(other, *made[: size // 10])
        batch = filtered_products(shoes, ProductFilter(name=f"batch {size}", in_profile="any"))
        with CaptureQueriesContext(connection) as captured:
            result = assign(shoes, batch, move=move, user=None)
        assert result.assigned == size - size // 10
        assert ProfileProduct.objects.filter(profile=shoes).count() == (size if move else size * 9 // 10)
        statements.append(len(captured.captured_queries))

    assert statements[0] == statements[1]
    assert statements[0] <= 6  # counts, insert, activity log (+ savepoint statements)
