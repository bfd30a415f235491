"""Read-only questions other apps ask about an account's listings (the orders' line resolution)."""

from __future__ import annotations

from collections.abc import Iterable

from aliexpress_magento.accounts.models import Account

from .models import ListingSku


def listed_magento_skus(account: Account, lines: Iterable[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """(AliExpress product id, SKU code) → the Magento SKU of the product listed under it, today: the
    mirror's product the listing SKU points to (a SKU renamed in Magento after the upload still resolves,
    since the listing keeps the product, not its SKU). Pairs without a live listed product are left out."""
    wanted = {(product_id, code) for product_id, code in lines if product_id}
    if not wanted:
        return {}
    rows = ListingSku.objects.filter(
        listing__account=account,
        listing__aliexpress_product_id__in={product_id for product_id, _ in wanted},
        sku_code__in={code for _, code in wanted},
        product__isnull=False,
        product__removed_at__isnull=True,
    ).values_list("listing__aliexpress_product_id", "sku_code", "product__sku")
    found: dict[tuple[int, str], str] = {}
    for product_id, code, sku in rows:
        if product_id is not None and (product_id, code) in wanted:
            found[(product_id, code)] = sku
    return found
