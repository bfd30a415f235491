"""Which Magento SKU an AliExpress order line names (issue 14 item 3).

A line's ``sku_code`` is, in order:

1. a Magento SKU itself (a live product of the catalog mirror; with no mirror, the Store's check
   decides);
2. else the value of the account's *Alternate SKU Attribute* on one mirrored product (CedCommerce's
   "Alternate SKU Attribute": a Magento attribute the merchant fills with each product's AliExpress SKU
   code) — on several products, the order fails naming them: guessing would ship the wrong item;
3. else, when the listing state exists, the product listed under the line's AliExpress product id with
   that SKU code (found even after the SKU was renamed in Magento).

A code none of these resolves is left as it is: ``availability.check`` fails the order naming it, with
:func:`unknown_hint` saying where it was looked for.
"""

from __future__ import annotations

from collections.abc import Sequence

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.aliexpress.orders import ChildOrder
from aliexpress_magento.listings.selectors import listed_magento_skus
from aliexpress_magento.orders.mappers import UnusableOrder
from aliexpress_magento.orders.selectors import live_skus, skus_by_attribute


def resolve(account: Account, children: Sequence[ChildOrder]) -> dict[str, str]:
    """AliExpress SKU code → Magento SKU, for the codes that are not Magento SKUs themselves."""
    codes = {c.sku_code for c in children if c.sku_code}
    unresolved = codes - live_skus(account, codes)
    found: dict[str, str] = {}
    code_attribute = account.alternate_sku_attribute
    if unresolved and code_attribute:
        for value, skus in skus_by_attribute(account, code_attribute, unresolved).items():
            if len(skus) > 1:
                raise UnusableOrder(
                    f"The AliExpress SKU code {value} is the {code_attribute} (Alternate SKU Attribute) of "
                    f"several Magento products: {', '.join(skus)}."
                )
            found[value] = skus[0]
    left = [(c.product_id or 0, c.sku_code) for c in children if c.sku_code in unresolved - set(found)]
    if left:
        for (_, code), sku in listed_magento_skus(account, left).items():
            found.setdefault(code, sku)
    return found


def unknown_hint(account: Account) -> str:
    """What the "Unknown SKU" reason adds: where else the code was looked for."""
    if account.alternate_sku_attribute:
        return (
            f" It is neither a Magento SKU nor the {account.alternate_sku_attribute} (Alternate SKU "
            "Attribute) of a product in the catalog mirror, nor a listed AliExpress SKU (refresh the "
            "catalog if the product or its attribute value is new)."
        )
    return (
        " It is neither a Magento SKU nor a listed AliExpress SKU (set the Alternate SKU Attribute if "
        "your AliExpress SKU codes are not Magento SKUs)."
    )
