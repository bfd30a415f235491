"""What the refresh mirrors beside the product fields, on both Magento sandboxes: the attribute set, the
product ↔ category links, and when a product was first mirrored."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.catalog.models import CatalogProduct, CatalogProductCategory
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.stores.model import StoreProduct

from .conftest import Shop

DEFAULT_SET = 4  # the "Default" attribute set of a stock install: every demo product's


class _Recategorised:
    """The shop's Store, except that ``sku`` is answered in ``categories`` (the sandboxes' APIs cannot
    move a product between categories)."""

    def __init__(self, store: Any, sku: str, categories: tuple[int, ...]) -> None:
        self.store, self.sku, self.categories = store, sku, categories

    def products_changed_since(self, since: datetime, *, page_size: int = 100) -> Iterator[StoreProduct]:
        for product in self.store.products_changed_since(since, page_size=page_size):
            yield replace(product, category_ids=self.categories) if product.sku == self.sku else product

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def __enter__(self) -> _Recategorised:
        self.store.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.__exit__(*exc)


def _links() -> set[tuple[str, int]]:
    return set(CatalogProductCategory.objects.values_list("product__sku", "category_id"))


def test_every_product_is_mirrored_with_its_attribute_set(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    assert dict(CatalogProduct.objects.values_list("sku", "attribute_set_id")) == {
        p.sku: DEFAULT_SET for p in shop.sandbox.world.catalog.products
    }


def test_category_links_follow_the_category_ids_of_every_product(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    expected = {(p.sku, c) for p in shop.sandbox.world.catalog.products for c in p.category_ids}
    assert len(expected) > 30  # most products sit in two categories
    assert _links() == expected
    assert all(row.category_ids for row in CatalogProduct.objects.all())
    assert _links() == {(row.sku, c) for row in CatalogProduct.objects.all() for c in row.category_ids}


def test_a_product_moved_to_other_categories_has_exactly_its_new_links(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh.refresh(shop.account, full=True)
    sku = shop.sellable_simple().sku
    others = _links() - {link for link in _links() if link[0] == sku}
    shop.sandbox.update_product(sku, name="Moved")  # so the incremental read meets it
    real = api_clients.store
    monkeypatch.setattr(
        api_clients, "store", lambda account, **kw: _Recategorised(real(account, **kw), sku, (11, 12))
    )
    counts = refresh.refresh(shop.account)
    assert counts.changed == 1
    assert _links() == others | {(sku, 11), (sku, 12)}
    assert CatalogProduct.objects.get(sku=sku).category_ids == [11, 12]


def test_the_links_are_written_per_page_not_per_product(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refresh, "PAGE_SIZE", 10)
    with CaptureQueriesContext(connection) as queries:
        refresh.refresh(shop.account, full=True)
    statements = [
        q["sql"].split()[0] for q in queries.captured_queries if "catalog_catalogproductcategory" in q["sql"]
    ]
    assert statements == ["DELETE", "INSERT"] * 3  # 30 products read in 3 pages of 10, every row new


def test_a_no_change_refresh_touches_no_link(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    with CaptureQueriesContext(connection) as queries:
        refresh.refresh(shop.account, full=True)
    assert [q["sql"] for q in queries.captured_queries if "catalog_catalogproductcategory" in q["sql"]] == []


def test_first_mirrored_at_is_written_on_insert_and_never_again(shop: Shop) -> None:
    refresh.refresh(shop.account, full=True)
    first = dict(CatalogProduct.objects.values_list("sku", "first_mirrored_at"))
    assert all(first.values())
    assert first == dict(CatalogProduct.objects.values_list("sku", "mirrored_at"))
    sku = shop.sellable_simple().sku
    shop.sandbox.update_product(sku, price=321.5)
    assert refresh.refresh(shop.account).changed == 1
    row = CatalogProduct.objects.get(sku=sku)
    assert row.mirrored_at > first[sku]
    assert dict(CatalogProduct.objects.values_list("sku", "first_mirrored_at")) == first
