"""The running refresh's progress on ``CatalogState``, for the Refresh catalog button's panel.

One UPDATE per page of products or chunk of SKUs, never per product: the panel polls every second and a
refresh of 100,000 products must not pay for it. Updates go through ``QuerySet.update`` (no read first);
each page commits on its own, so the panel, in another connection, sees the progress as it happens.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.models import CatalogProduct, CatalogState

PRODUCTS, STOCK, TAXONOMY, IDLE = "products", "stock", "taxonomy", ""


def _update(account: Account, **fields: Any) -> None:
    if not CatalogState.objects.filter(account=account).update(**fields):
        CatalogState.objects.get_or_create(account=account, defaults=fields)


def start(account: Account) -> None:
    """A refresh begins: the products phase, nothing read yet, the last outcome cleared."""
    _update(
        account,
        refresh_phase=PRODUCTS,
        refresh_done=0,
        refresh_total=None,
        refresh_started_at=timezone.now(),
        refresh_finished_at=None,
        refresh_message="",
    )


def products_read(account: Account, read: int) -> None:
    _update(account, refresh_done=read)


def stock_started(account: Account, *, checked: int = 0) -> None:
    """The stock phase checks every live SKU: their count is its total. ``checked`` were already asked
    for beside the product pass (the SKUs of the pages it wrote)."""
    live = CatalogProduct.objects.filter(account=account, removed_at__isnull=True).count()
    _update(account, refresh_phase=STOCK, refresh_done=min(checked, live), refresh_total=live)


def stock_checked(account: Account, checked: int) -> None:
    _update(account, refresh_done=checked)


def taxonomy_started(account: Account) -> None:
    """The last phase: the stock figures stay (the panel shows no count for it; the end keeps them)."""
    _update(account, refresh_phase=TAXONOMY)


def finish(account: Account, message: str) -> None:
    """The refresh ended (done or failed): idle again, with its outcome in words."""
    _update(account, refresh_phase=IDLE, refresh_finished_at=timezone.now(), refresh_message=message)
