"""What a merchant does to failed orders (the Failed Orders grid's actions call these)."""

from __future__ import annotations

from django.db.models import QuerySet

from aliexpress_magento.orders.models import AliExpressOrder, ImportStatus


def retry_now(orders: QuerySet[AliExpressOrder]) -> int:
    """The failed ones among ``orders`` are tried by the next run, whatever their attempts. An order a
    placement was started for keeps that mark: the retry looks it up in Magento before anything else."""
    return orders.filter(status=ImportStatus.FAILED).update(status=ImportStatus.NEW, next_retry_at=None)
