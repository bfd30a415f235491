"""The Magento admin page of an order, for the grid's Magento order number.

A best guess: both Magento versions let the merchant move the admin path (Magento 2's
``backend/frontName``, Magento 1's ``admin/routers/adminhtml/args/frontName``); these are the default
paths. Magento 2 then asks for its admin login (and a secret key in the URL, if the store requires
one, sends the merchant to the dashboard instead)."""

from __future__ import annotations

MAGENTO2_PATH = "/admin/sales/order/view/order_id/{id}/"
MAGENTO1_PATH = "/index.php/admin/sales_order/view/order_id/{id}/"
INDEX_PHP = "/index.php"


def magento_order_url(platform: str, base_url: str, order_id: int | None) -> str:
    """The order's admin page, or "" when the account has no store URL or the order no Magento id."""
    base = base_url.rstrip("/")
    if not base or order_id is None:
        return ""
    if platform == "magento1":
        path = MAGENTO1_PATH
        if base.endswith(INDEX_PHP):  # the base URL already names the front controller
            path = path.removeprefix(INDEX_PHP)
        return base + path.format(id=order_id)
    return base + MAGENTO2_PATH.format(id=order_id)
