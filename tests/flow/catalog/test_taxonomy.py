"""Magento's attributes (with options) and category tree mirrored, on both Magento sandboxes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.catalog import selectors
from aliexpress_magento.catalog.models import CatalogAttribute, CatalogCategory, CatalogState
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.catalog.services.taxonomy import refresh_taxonomy
from aliexpress_magento.sandbox.catalog.attributes import COLORS, SIZES
from aliexpress_magento.sandbox.catalog.demo import CATEGORY_TREE
from aliexpress_magento.stores.model import StoreAttribute, StoreCategory

from .conftest import Shop


def _expected_paths() -> dict[int, str]:
    paths = {2: "Default Category"}
    for category_id, parent, name in CATEGORY_TREE:  # parents come first
        paths[category_id] = f"{paths[parent]} / {name}"
    return paths


class _Pruned:
    """The shop's Store without the attribute ``code`` and without the category ``category_id``."""

    def __init__(self, store: Any, code: str, category_id: int) -> None:
        self.store, self.code, self.category_id = store, code, category_id

    def attributes(self) -> list[StoreAttribute]:
        return [a for a in self.store.attributes() if a.code != self.code]

    def category_tree(self) -> StoreCategory:
        return self._prune(self.store.category_tree())

    def _prune(self, node: StoreCategory) -> StoreCategory:
        kept = tuple(self._prune(c) for c in node.children if c.id != self.category_id)
        return replace(node, children=kept)


def test_attributes_are_mirrored_with_their_options(shop: Shop) -> None:
    with api_clients.store(shop.account) as store:
        counts = refresh_taxonomy(shop.account, store)
        codes = {a.code for a in store.attributes()}
    assert set(CatalogAttribute.objects.values_list("code", flat=True)) == codes
    assert counts.attributes == len(codes) and counts.attributes_removed == 0
    color = selectors.attribute(shop.account, "color")
    assert color is not None and (color.label, color.input_type) == ("Color", "select")
    assert sorted((o["id"], o["label"]) for o in color.options) == sorted((str(i), n) for i, n in COLORS)
    size = selectors.attribute(shop.account, "size")
    assert size is not None
    assert sorted((o["id"], o["label"]) for o in size.options) == sorted((str(i), n) for i, n in SIZES)
    assert selectors.attribute(shop.account, "no_such_code") is None
    labels = [a.label for a in selectors.attributes(shop.account)]
    assert labels == sorted(labels)


def test_categories_are_mirrored_with_their_paths_in_path_order(shop: Shop) -> None:
    with api_clients.store(shop.account) as store:
        counts = refresh_taxonomy(shop.account, store)
    expected = _expected_paths()
    mirrored = [(c.category_id, c.path) for c in selectors.categories(shop.account)]
    assert mirrored == sorted(expected.items(), key=lambda pair: pair[1])
    assert counts.categories == 11
    shirts = CatalogCategory.objects.get(category_id=7)
    assert (shirts.name, shirts.parent_id, shirts.level, shirts.active) == ("Shirts", 6, 3, True)


def test_an_attribute_or_category_gone_from_the_store_disappears(shop: Shop) -> None:
    with api_clients.store(shop.account) as store:
        refresh_taxonomy(shop.account, store)
        counts = refresh_taxonomy(shop.account, _Pruned(store, "material", 11))  # type: ignore[arg-type]
    assert (counts.attributes_removed, counts.categories_removed) == (1, 2)  # Home and its Kitchen
    assert selectors.attribute(shop.account, "material") is None
    assert selectors.attribute(shop.account, "color") is not None
    assert set(CatalogCategory.objects.values_list("category_id", flat=True)) == set(_expected_paths()) - {
        11,
        12,
    }
    logged = ActivityLog.objects.filter(log_sub_type="taxonomy").latest("id").comment
    assert logged.startswith("Magento attributes and categories mirrored: ")
    assert logged.endswith(" attributes (1 removed), 9 categories (2 removed).")


def test_a_full_refresh_mirrors_the_taxonomy_and_an_incremental_one_does_not(shop: Shop) -> None:
    refresh.refresh(shop.account)
    assert (CatalogAttribute.objects.count(), CatalogCategory.objects.count()) == (0, 0)
    assert CatalogState.objects.get(account=shop.account).taxonomy_read_at is None
    refresh.refresh(shop.account, full=True)
    assert CatalogCategory.objects.count() == 11 and CatalogAttribute.objects.count() > 0
    state = CatalogState.objects.get(account=shop.account)
    assert state.taxonomy_read_at is not None
    assert state.refresh_message.endswith(" categories (0 removed).")
    refresh.refresh(shop.account, taxonomy=True)  # the button's incremental refresh asks for it too
    assert CatalogState.objects.get(account=shop.account).taxonomy_read_at > state.taxonomy_read_at
