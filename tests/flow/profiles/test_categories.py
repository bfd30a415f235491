"""The category tree cache: fetched one level at a time, then answered from the database."""

from __future__ import annotations

from collections import Counter

import pytest

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog, Level
from aliexpress_magento.profiles.models import AliExpressCategory
from aliexpress_magento.profiles.services import categories
from aliexpress_magento.profiles.services.remote import FetchError
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.profiles.conftest import fail_every_call

TREE = "aliexpress.solution.seller.category.tree.query"
MENS = 200000343


def _ids(rows: list[AliExpressCategory]) -> set[int]:
    return {r.category_id for r in rows}


def test_the_first_call_fetches_and_stores_one_level(account: Account, ae_calls: Counter[str]) -> None:
    roots = categories.children(account)

    assert ae_calls == Counter({TREE: 1})
    assert len(roots) == 37
    assert {MENS, 200000345, 200135143} <= _ids(roots)
    mens = next(r for r in roots if r.category_id == MENS)
    assert (mens.name, mens.names, mens.level, mens.is_leaf, mens.parent_id) == (
        "Men's Clothing",
        {"en": "Men's Clothing"},
        1,
        False,
        0,
    )
    assert AliExpressCategory.objects.filter(account=account).count() == 37  # only the first level
    log = ActivityLog.objects.get(log_type="category")
    assert (log.level, log.comment, log.account_id) == (
        Level.INFO,
        "Fetched 37 AliExpress categories under the root.",
        account.pk,
    )


def test_the_second_call_answers_from_the_cache(account: Account, ae_calls: Counter[str]) -> None:
    first = categories.children(account)
    again = categories.children(account)

    assert ae_calls[TREE] == 1
    assert _ids(again) == _ids(first)


def test_a_lower_level_is_fetched_under_its_parent(account: Account, ae_calls: Counter[str]) -> None:
    categories.children(account)
    shirts_level = categories.children(account, MENS)

    assert ae_calls[TREE] == 2
    shirts = next(r for r in shirts_level if r.category_id == 348)
    assert (shirts.name, shirts.level, shirts.is_leaf, shirts.parent_id) == ("Shirts", 2, True, MENS)
    assert len(shirts_level) == 14
    assert categories.children(account, 348) == []  # a cached leaf: nothing to ask
    assert ae_calls[TREE] == 2
    assert ActivityLog.objects.filter(
        comment="Fetched 14 AliExpress categories under Men's Clothing (200000343)."
    ).exists()


def test_refresh_fetches_again(account: Account, ae_calls: Counter[str]) -> None:
    categories.children(account)
    AliExpressCategory.objects.filter(category_id=MENS).update(name="stale")

    fresh = categories.children(account, refresh=True)

    assert ae_calls[TREE] == 2
    assert next(r.name for r in fresh if r.category_id == MENS) == "Men's Clothing"
    assert AliExpressCategory.objects.filter(account=account).count() == 37


def test_a_remote_failure_keeps_the_cache_and_logs_an_error(
    account: Account, ae_sandbox: AliExpressSandbox, ae_calls: Counter[str]
) -> None:
    before = _ids(categories.children(account))
    fail_every_call(ae_sandbox)

    with pytest.raises(FetchError) as failure:
        categories.children(account, refresh=True)

    assert ae_calls[TREE] == 2
    assert str(failure.value).startswith("Could not fetch the categories under the root from AliExpress: ")
    assert str(failure.value).endswith(" The cached copy is kept.")
    assert _ids(categories.children(account)) == before
    error = ActivityLog.objects.get(level=Level.ERROR)
    assert (error.log_type, error.comment, error.account_id) == ("category", str(failure.value), account.pk)


def test_search_looks_through_the_cached_names(account: Account) -> None:
    categories.children(account)
    categories.children(account, MENS)

    assert [r.category_id for r in categories.search(account, "shirt")] == [200000344, 348]
    assert categories.search(account, "  ") == []
    assert categories.search(account, "nothing like this") == []


def test_refresh_tree_drops_the_cache(account: Account, ae_calls: Counter[str]) -> None:
    categories.children(account)
    categories.children(account, MENS)

    assert categories.refresh_tree(account) == 51
    assert not AliExpressCategory.objects.filter(account=account).exists()
    categories.children(account)
    assert ae_calls[TREE] == 3
