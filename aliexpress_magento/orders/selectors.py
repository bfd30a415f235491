"""Read-only questions about an account's orders (and the catalog mirror's configurable parents)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q, QuerySet

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.models import CatalogProduct

from .models import AliExpressOrder, ImportStatus

MAX_ATTEMPTS = 3  # automatic attempts; then the order stays failed until someone acts (M2E's rule)


def due_for_import(account: Account, now: datetime) -> QuerySet[AliExpressOrder]:
    """The account's orders a run tries: never tried, interrupted mid-attempt, or failed with a retry due.
    Oldest first, so a backlog is worked in the buyers' order."""
    retry_due = Q(status=ImportStatus.FAILED, attempts__lt=MAX_ATTEMPTS, next_retry_at__lte=now)
    pending = Q(status__in=[ImportStatus.NEW, ImportStatus.CREATING])
    return AliExpressOrder.objects.filter(pending | retry_due, account=account).order_by(
        "aliexpress_created_at", "id"
    )


def parent_skus(account: Account, skus: Iterable[str]) -> dict[str, str]:
    """A configurable child's SKU → its parent's, from the catalog mirror (empty where it has none or
    the mirror does not know the SKU): Magento 2 orders a child through its parent."""
    rows = CatalogProduct.objects.filter(
        account=account, sku__in=list(skus), parent__isnull=False, removed_at__isnull=True
    ).values_list("sku", "parent__sku")
    return dict(rows)


def live_skus(account: Account, skus: Iterable[str]) -> set[str]:
    """Which of ``skus`` are live products of the catalog mirror."""
    rows = CatalogProduct.objects.filter(account=account, sku__in=list(skus), removed_at__isnull=True)
    return set(rows.values_list("sku", flat=True))


def skus_by_attribute(account: Account, code: str, values: Iterable[str]) -> dict[str, list[str]]:
    """Each value → the SKUs of the mirror's live products whose attribute ``code`` holds it (the
    Alternate SKU Attribute). ``code`` is a validated attribute code (accounts.forms.ATTRIBUTE_CODE)."""
    wanted = set(values)
    found: dict[str, list[str]] = {}
    rows = CatalogProduct.objects.filter(
        account=account, removed_at__isnull=True, **{f"attributes__{code}__in": list(wanted)}
    ).values_list("sku", f"attributes__{code}")
    for sku, value in rows.order_by("sku"):
        if value in wanted:
            found.setdefault(str(value), []).append(sku)
    return found
