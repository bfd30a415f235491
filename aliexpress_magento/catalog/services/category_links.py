"""``CatalogProductCategory`` kept in step with ``CatalogProduct.category_ids`` for the rows a refresh page
writes: set-based, three statements a page whatever its size (ids, delete, insert), never one per product.

Only written rows are relinked: a row the refresh skips (same content hash) has the same ``category_ids``,
so its links are already right. ``category_ids`` is in the hash, so a product moved between categories
is always written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.models import CatalogProduct, CatalogProductCategory


def rewrite(account: Account, rows: Sequence[Mapping[str, Any]]) -> None:
    """Replace the category links of ``rows`` (the values just written: ``entity_id``, ``category_ids``)
    by their ``category_ids``. Runs inside the page's transaction."""
    if not rows:
        return
    found = CatalogProduct.objects.filter(account=account, entity_id__in=[r["entity_id"] for r in rows])
    pks = dict(found.values_list("entity_id", "pk"))
    CatalogProductCategory.objects.filter(product_id__in=list(pks.values())).delete()
    CatalogProductCategory.objects.bulk_create(
        CatalogProductCategory(product_id=pks[row["entity_id"]], category_id=category_id)
        for row in rows
        for category_id in dict.fromkeys(row["category_ids"])  # Magento may list a category twice
    )
