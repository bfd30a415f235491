"""The snapshot's names and descriptions by locale: the main locale's from the row, each further one's
from the texts mirrored for the store view mapped to it (no database: unsaved rows)."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.listings.services import snapshots


def _account(**fields: Any) -> Account:
    return Account(store_view_code="default", main_locale="en_US", **fields)


def _row(**fields: Any) -> CatalogProduct:
    values: dict[str, Any] = {
        "sku": "SHIRT-1", "type": "simple", "name": "Linen shirt",
        "attributes": {"short_description": "A shirt"}, "store_view_texts": {},
    }  # fmt: skip
    return CatalogProduct(**{**values, **fields})


def _texts(account: Account, row: CatalogProduct) -> tuple[dict[str, str], dict[str, str]]:
    product = snapshots.Reader(account).product(row, {})
    return dict(product.names), dict(product.descriptions)


def test_each_mapped_view_gives_its_locale_its_texts() -> None:
    account = _account(extra_locales={"french": "fr_FR", "german": "de_DE"})
    row = _row(
        store_view_texts={
            "french": {"name": "Chemise en lin", "description": "<p>Lin</p>", "short_description": "Une"},
            "german": {
                "name": "Leinenhemd",
                "short_description": "Ein Hemd",
            },  # no description: the short one
        }
    )
    names, descriptions = _texts(account, row)
    assert names == {"en_US": "Linen shirt", "fr_FR": "Chemise en lin", "de_DE": "Leinenhemd"}
    assert descriptions == {"en_US": "A shirt", "fr_FR": "<p>Lin</p>", "de_DE": "Ein Hemd"}


def test_a_view_without_texts_or_not_mapped_gives_nothing() -> None:
    account = _account(extra_locales={"french": "fr_FR", "spanish": "en_US"})  # en_US: the main locale
    row = _row(store_view_texts={"german": {"name": "Leinenhemd"}, "spanish": {"name": "Camisa"}})
    assert _texts(account, row) == ({"en_US": "Linen shirt"}, {"en_US": "A shirt"})
    assert _texts(_account(extra_locales={}), _row(store_view_texts={"french": {"name": "Chemise"}}))[0] == {
        "en_US": "Linen shirt"
    }
