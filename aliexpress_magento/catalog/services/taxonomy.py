"""Magento's attributes (with their options) and category tree mirrored into ``CatalogAttribute`` and
``CatalogCategory``: what the profile pages offer when mapping, read locally instead of from Magento.

Both are small (hundreds of attributes, at most thousands of categories) and read whole, so a refresh is a
bulk upsert of everything read and a delete of what Magento no longer has: the read is complete by
construction (a failed read raises before anything is written, and removes nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.mappers import attribute_values, category_rows
from aliexpress_magento.catalog.models import CatalogAttribute, CatalogCategory, CatalogState
from aliexpress_magento.stores.base import Store

BATCH = 500  # rows per INSERT


@dataclass
class TaxonomyCounts:
    attributes: int = 0
    attributes_removed: int = 0
    categories: int = 0
    categories_removed: int = 0

    def summary(self) -> str:
        return (
            f"{self.attributes:,} attributes ({self.attributes_removed:,} removed), "
            f"{self.categories:,} categories ({self.categories_removed:,} removed)"
        )


def refresh_taxonomy(account: Account, store: Store) -> TaxonomyCounts:
    """Mirror the store's attributes and category tree; both read before anything is written."""
    attributes = {a.code: attribute_values(a) for a in store.attributes()}
    categories = {row.pop("category_id"): row for row in category_rows(store.category_tree())}
    now = timezone.now()
    with transaction.atomic():
        counts = TaxonomyCounts(
            attributes=len(attributes),
            attributes_removed=_mirror(account, CatalogAttribute, "code", attributes, now),
            categories=len(categories),
            categories_removed=_mirror(account, CatalogCategory, "category_id", categories, now),
        )
        CatalogState.objects.update_or_create(account=account, defaults={"taxonomy_read_at": now})
    record(
        Level.SUCCESS,
        "catalog",
        f"Magento attributes and categories mirrored: {counts.summary()}.",
        sub_type="taxonomy",
        account_id=account.pk,
    )
    return counts


def _mirror(
    account: Account, model: type[Model], key: str, rows: dict[Any, dict[str, Any]], now: datetime
) -> int:
    """Upsert ``rows`` (by ``key`` → fields) for the account and delete the account's other rows;
    returns how many were deleted."""
    mine = model._default_manager.filter(account=account)
    gone = set(mine.values_list(key, flat=True)) - set(rows)
    removed = mine.filter(**{f"{key}__in": gone}).delete()[0] if gone else 0
    fields = [*next(iter(rows.values()), {}), "mirrored_at"]
    model._default_manager.bulk_create(
        [model(account=account, mirrored_at=now, **{key: k}, **values) for k, values in rows.items()],
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["account", key],
        update_fields=fields,
    )
    return removed
