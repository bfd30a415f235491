"""The Alternate SKU Attribute (issue 14 item 3): an AliExpress SKU code that is not a Magento SKU is
resolved through the Magento attribute the settings name, read from the catalog mirror; on both Magento
sandboxes. And, with the listing state, through the listing's AliExpress product id and SKU code."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.catalog.services.refresh import refresh
from aliexpress_magento.listings.models import Listing, ListingSku, ListingStatus
from aliexpress_magento.orders.models import ImportStatus
from aliexpress_magento.sandbox.magento1 import Magento1Sandbox

from .conftest import Shop

ATTRIBUTE = "aliexpress_sku"  # the sandboxes' text attribute made for it (sandbox/catalog/attributes.py)


def ordered_skus(shop: Shop, magento_order_id: int) -> list[str]:
    """The SKUs of one Magento order's lines (a configurable's child line left out)."""
    if isinstance(shop.magento, Magento1Sandbox):
        items: list[dict[str, Any]] = shop.magento.order(magento_order_id)["items"]
    else:
        items = shop.magento.world.orders[str(magento_order_id)]["items"]
    return [str(i["sku"]) for i in items if not i.get("parent_item_id")]


def test_a_sku_code_held_by_the_alternate_attribute_is_ordered_as_that_products_sku(shop: Shop) -> None:
    target, _ = shop.salable_simples(2)
    shop.magento.update_product(target, text_values=((ATTRIBUTE, "AE-CODE-7"),))
    shop.account.alternate_sku_attribute = ATTRIBUTE
    shop.account.save(update_fields=["alternate_sku_attribute"])
    refresh(shop.account, full=True)
    assert CatalogProduct.objects.get(account=shop.account, sku=target).attributes[ATTRIBUTE] == "AE-CODE-7"
    shop.sell({"AE-CODE-7": 5})
    (by_attribute,) = shop.place(1)
    shop.sell({"AE-CODE-UNKNOWN": 5})
    (unknown,) = shop.place(1)

    shop.run()

    claims = shop.claims()
    made = claims[by_attribute]
    assert made.status == ImportStatus.IMPORTED
    assert made.magento_order_id is not None
    assert ordered_skus(shop, made.magento_order_id) == [target]
    failed = claims[unknown]
    assert failed.status == ImportStatus.FAILED
    assert failed.failure_reason == (
        "Unknown SKU in Magento: AE-CODE-UNKNOWN. It is neither a Magento SKU nor the aliexpress_sku "
        "(Alternate SKU Attribute) of a product in the catalog mirror, nor a listed AliExpress SKU (refresh "
        "the catalog if the product or its attribute value is new)."
    )
    assert shop.magento_orders() == 1


def test_a_code_on_several_products_fails_naming_them(shop: Shop) -> None:
    first, second = sorted(shop.salable_simples(2))
    for sku in (first, second):
        shop.magento.update_product(sku, text_values=((ATTRIBUTE, "AE-TWICE"),))
    shop.account.alternate_sku_attribute = ATTRIBUTE
    shop.account.save(update_fields=["alternate_sku_attribute"])
    refresh(shop.account, full=True)
    shop.sell({"AE-TWICE": 5})
    (order_id,) = shop.place(1)

    shop.run()

    failed = shop.claims()[order_id]
    assert failed.status == ImportStatus.FAILED
    assert failed.failure_reason == (
        f"The AliExpress SKU code AE-TWICE is the aliexpress_sku (Alternate SKU Attribute) of several "
        f"Magento products: {first}, {second}."
    )
    assert shop.magento_orders() == 0


def test_a_listed_sku_renamed_in_magento_is_ordered_under_its_new_sku(shop: Shop) -> None:
    """The listing keeps the product, not its SKU: the AliExpress product id and the SKU code sent at
    upload still name it after the mirror learnt the new SKU."""
    (sku,) = shop.salable_simples(1)
    refresh(shop.account, full=True)
    product = CatalogProduct.objects.get(account=shop.account, sku=sku)
    shop.sell({"OLD-SKU-1": 5})
    (ae_product_id,) = [p.product_id for p in shop.aliexpress.world.products.products.values() if p.status
                        == "onSelling"]  # fmt: skip
    listing = Listing.objects.create(
        account=shop.account, product=product, status=ListingStatus.LIVE, aliexpress_product_id=ae_product_id
    )
    ListingSku.objects.create(listing=listing, sku_code="OLD-SKU-1", product=product)
    (order_id,) = shop.place(1)

    shop.run()

    made = shop.claims()[order_id]
    assert made.status == ImportStatus.IMPORTED, made.failure_reason
    assert made.magento_order_id is not None
    assert ordered_skus(shop, made.magento_order_id) == [sku]
