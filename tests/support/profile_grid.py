"""Rows for the profile grid's tests: mirrored products written directly (no catalog refresh needed to
count them), profiles and assignments."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.profiles.models import Profile, ProfileProduct


def make_products(account: Account, count: int, *, first_id: int = 1) -> list[CatalogProduct]:
    now = timezone.now()
    rows = [
        CatalogProduct(
            account=account,
            entity_id=entity_id,
            sku=f"SKU-{entity_id}",
            type="simple",
            name=f"Product {entity_id}",
            enabled=True,
            visibility=4,
            updated_at=now,
            content_hash="0" * 64,
            mirrored_at=now,
        )
        for entity_id in range(first_id, first_id + count)
    ]
    return CatalogProduct.objects.bulk_create(rows)


def make_profile(account: Account, code: str, **fields: Any) -> Profile:
    values: dict[str, Any] = {"name": code.replace("_", " ").title(), "status": Profile.Status.ACTIVE}
    return Profile.objects.create(account=account, code=code, **{**values, **fields})


def assign(profile: Profile, products: list[CatalogProduct]) -> None:
    now = timezone.now()
    ProfileProduct.objects.bulk_create(
        ProfileProduct(product=product, profile=profile, assigned_at=now) for product in products
    )
