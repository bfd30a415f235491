"""The further store views' texts as the mirror keeps them: what a view's read gives, how it enters the
row and its content hash, and which views an account maps."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.mappers import content_hash, row_values, texts_by_product, view_text
from aliexpress_magento.catalog.services.view_texts import mapped_views
from aliexpress_magento.stores.model import StoreProduct

WHEN = datetime(2026, 12, 1, tzinfo=UTC)


def product(entity_id: int, name: str, **fields: Any) -> StoreProduct:
    values: dict[str, Any] = {
        "entity_id": entity_id, "sku": f"SKU-{entity_id}", "name": name, "type": "simple", "enabled": True,
        "visibility": 4, "price": None, "special_price": None, "weight": None, "updated_at": WHEN,
        "attributes": {}, "images": (), "category_ids": (),
    }  # fmt: skip
    return StoreProduct(**{**values, **fields})


def test_a_views_texts_are_its_name_and_descriptions_with_the_empty_ones_left_out() -> None:
    read = product(
        1, "Chemise", attributes={"description": "<p>Lin</p>", "short_description": " ", "color": "5"}
    )
    assert view_text(read) == {"name": "Chemise", "description": "<p>Lin</p>"}
    listed = product(2, "Robe", attributes={"short_description": ("a", "b")})
    assert view_text(listed) == {"name": "Robe", "short_description": "a, b"}


def test_texts_by_product_take_each_views_products_and_their_children() -> None:
    child = product(11, "Chemise rouge")
    parent = product(10, "Chemise", type="configurable", children=(child,))
    read = {"french": [parent], "german": [product(10, "Hemd"), product(12, "")]}
    assert texts_by_product(read) == {
        10: {"french": {"name": "Chemise"}, "german": {"name": "Hemd"}},
        11: {"french": {"name": "Chemise rouge"}},
    }


def test_no_further_view_keeps_the_hash_and_a_changed_text_changes_it() -> None:
    read = product(1, "Shirt")
    plain = row_values(read)
    assert plain["store_view_texts"] == {}
    without_key = {k: v for k, v in plain.items() if k != "store_view_texts"}
    assert content_hash(plain, None) == content_hash({**without_key, "store_view_texts": {}}, None)
    french = row_values(read, {"french": {"name": "Chemise"}})
    renamed = row_values(read, {"french": {"name": "Chemise en lin"}})
    hashes = {content_hash(v, None) for v in (plain, french, renamed)}
    assert len(hashes) == 3
    # the same texts in another order of views: the same hash (the views are sorted)
    two = {"german": {"name": "Hemd"}, "french": {"name": "Chemise"}}
    assert content_hash(row_values(read, two), None) == content_hash(
        row_values(read, dict(reversed(two.items()))), None
    )


def test_the_views_to_read_leave_out_the_accounts_own_view_and_the_main_locale() -> None:
    account = Account(
        store_view_code="default",
        main_locale="en_US",
        extra_locales={"german": "de_DE", "french": "fr_FR", "default": "es_ES", "uk": "en_US"},
    )
    assert mapped_views(account) == ["french", "german"]
    assert mapped_views(Account(store_view_code="default", extra_locales={})) == []
