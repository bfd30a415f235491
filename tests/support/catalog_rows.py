"""Mirrored catalog rows written straight to the database, for the profile assignment tests: the
refresh that fills them from a Store is tested on its own (tests/flow/catalog)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from itertools import count
from typing import Any

from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.models import CatalogCategory, CatalogProduct, CatalogProductCategory
from aliexpress_magento.profiles.models import Profile, ProfileProduct

_ids = count(1000)


def product(account: Account, **fields: Any) -> CatalogProduct:
    """One live, listable simple product; ``fields`` override any column, ``categories`` links it."""
    entity_id = next(_ids)
    category_ids = fields.pop("categories", [])
    now = timezone.now()
    values: dict[str, Any] = {
        "entity_id": entity_id,
        "sku": f"SKU-{entity_id}",
        "type": "simple",
        "name": f"Product {entity_id}",
        "enabled": True,
        "visibility": 4,
        "price": Decimal("10.00"),
        "salable_qty": Decimal("5"),
        "updated_at": now,
        "content_hash": "0" * 64,
        "mirrored_at": now,
        "first_mirrored_at": now,
        "category_ids": category_ids,
    }
    row = CatalogProduct.objects.create(account=account, **{**values, **fields})
    CatalogProductCategory.objects.bulk_create(
        CatalogProductCategory(product=row, category_id=c) for c in category_ids
    )
    return row


def products(account: Account, n: int, **fields: Any) -> list[CatalogProduct]:
    """``n`` listable simple products written in one bulk insert (no category links)."""
    now = timezone.now()
    rows = []
    for _ in range(n):
        entity_id = next(_ids)
        values: dict[str, Any] = {
            "entity_id": entity_id, "sku": f"SKU-{entity_id}", "type": "simple",
            "name": f"Product {entity_id}", "enabled": True, "visibility": 4, "price": Decimal("10.00"),
            "salable_qty": Decimal("5"),
            "updated_at": now, "content_hash": "0" * 64, "mirrored_at": now, "first_mirrored_at": now,
        }  # fmt: skip
        rows.append(CatalogProduct(account=account, **{**values, **fields}))
    return CatalogProduct.objects.bulk_create(rows)


def configurable(account: Account, children: int, **fields: Any) -> CatalogProduct:
    """A configurable with ``children`` simple children (not visible individually, as in Magento)."""
    parent = product(account, type="configurable", **fields)
    for _ in range(children):
        product(account, parent=parent, visibility=1)
    return parent


def category(account: Account, category_id: int, name: str, path: str = "") -> CatalogCategory:
    return CatalogCategory.objects.create(
        account=account,
        category_id=category_id,
        parent_id=2,
        name=name,
        path=path or f"Default Category/{name}",
        level=2,
        mirrored_at=timezone.now(),
    )


def profile(account: Account, code: str, **fields: Any) -> Profile:
    return Profile.objects.create(account=account, code=code, name=fields.pop("name", code.title()), **fields)


def put(profile: Profile, *rows: CatalogProduct, at: datetime | None = None) -> None:
    """Assign rows directly (the state a test starts from, not the service under test)."""
    ProfileProduct.objects.bulk_create(
        ProfileProduct(product=row, profile=profile, assigned_at=at or timezone.now()) for row in rows
    )


def profile_of(row: CatalogProduct) -> int | None:
    """The id of the profile the product is in now, or None."""
    link = ProfileProduct.objects.filter(product=row).values_list("profile_id", flat=True).first()
    return link
