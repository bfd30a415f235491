"""Pure pieces of the price and inventory syncs and of delete (issue 13, items 6 and 7): each SKU's
current AliExpress values, the deltas against the values last pushed, and the chunking of calls.

The values are the payload builder's (:func:`..payload.build_item` computes the same ones with the same
rules, a unit test keeps the two equal): a sync must never send a price an upload would not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from aliexpress_magento.listings.mappers.inputs import (
    ListingSettings,
    ProductSnapshot,
    SalableStock,
    SpecialPrice,
)
from aliexpress_magento.listings.mappers.inventory import aliexpress_inventory
from aliexpress_magento.listings.mappers.price import PriceError, aliexpress_price, discount_price

T = TypeVar("T")
MAX_PRODUCTS_PER_CALL = 20  # clients.aliexpress.products.MAX_BATCH_PRODUCTS (a mapper imports no client)
MAX_SKUS_PER_PRODUCT = 200  # ... MAX_BATCH_SKUS
MAX_DELETE_IDS = 100  # ... MAX_DELETE_IDS
# online/offline publish no maximum; production clients send 49 ids, the sandbox takes 50.
MAX_STATUS_CHANGE_IDS = 49


@dataclass(frozen=True)
class SkuPrice:
    """A SKU's AliExpress price now, or why it cannot be sent (``problem``)."""

    sku_code: str
    price: Decimal | None
    discount_price: Decimal | None
    problem: str = ""


def current_prices(product: ProductSnapshot, settings: ListingSettings, today: date) -> dict[str, SkuPrice]:
    """Each SKU of ``product`` (the simple itself, or each live child) with its price after the rule and
    the conversion, and its discount price from a valid special price; a child without a price of its
    own takes the parent's price and special price (as the builder does)."""
    if not product.is_configurable:
        return {product.sku: _price(product.sku, product.price, product.special_price, settings, today)}
    out = {}
    for child in product.children:
        own = child.price is not None
        price = child.price if own else product.price
        special = child.special_price if own else product.special_price
        out[child.sku] = _price(child.sku, price, special, settings, today)
    return out


def _price(
    code: str, price: Decimal | None, special: SpecialPrice | None, settings: ListingSettings, today: date
) -> SkuPrice:
    if price is None:
        return SkuPrice(code, None, None, f"SKU {code} has no price in Magento.")
    try:
        sent, discount = aliexpress_price(price, settings), discount_price(special, price, settings, today)
    except PriceError as error:
        return SkuPrice(code, None, None, f"SKU {code}: {error}")
    if sent <= 0:
        return SkuPrice(
            code, None, None, f"SKU {code} costs {price}, {sent} after the price rule; AliExpress needs 0.01."
        )
    return SkuPrice(code, sent, discount)


def current_stock(product: ProductSnapshot, settings: ListingSettings) -> dict[str, int | None]:
    """Each SKU's AliExpress inventory now (None: the salable quantity was never read)."""
    if not product.is_configurable:
        return {product.sku: _stock(product.stock, settings)}
    return {child.sku: _stock(child.stock, settings) for child in product.children}


def _stock(stock: SalableStock | None, settings: ListingSettings) -> int | None:
    return None if stock is None else aliexpress_inventory(stock, settings)


# --- deltas ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PushedSku:
    """A SKU as AliExpress has it (``ListingSku``): the values last pushed."""

    sku_code: str
    price: Decimal | None
    discount_price: Decimal | None
    qty: int | None


def price_changes(pushed: Iterable[PushedSku], current: Mapping[str, SkuPrice]) -> list[SkuPrice]:
    """The SKUs AliExpress has whose price or discount price differs from the last pushed. A SKU gone
    from Magento (or disabled) keeps its price: its stock goes to 0 instead. A SKU with a problem is
    returned too (the caller reports it and sends nothing for it)."""
    changed = []
    for sku in pushed:
        now = current.get(sku.sku_code)
        if now is None:
            continue
        if now.problem or (now.price, now.discount_price) != (sku.price, sku.discount_price):
            changed.append(now)
    return changed


def stock_changes(pushed: Iterable[PushedSku], current: Mapping[str, int | None]) -> list[tuple[str, int]]:
    """(SKU, inventory) for the SKUs AliExpress has whose inventory differs from the last pushed. A SKU
    no longer for sale in Magento (its child disabled or removed) goes to 0; a SKU whose stock was never
    read is left alone."""
    changed = []
    for sku in pushed:
        qty = current.get(sku.sku_code, 0)
        if qty is not None and qty != sku.qty:
            changed.append((sku.sku_code, qty))
    return changed


# --- chunking --------------------------------------------------------------------------------------


def batches(
    updates: Sequence[tuple[int, Sequence[T]]],
    products_per_call: int,
    skus_per_product: int = MAX_SKUS_PER_PRODUCT,
) -> list[list[tuple[int, list[T]]]]:
    """``(AliExpress product id, its SKU updates)`` packed into calls of at most ``products_per_call``
    products (capped at AliExpress's 20) and ``skus_per_product`` SKUs per product entry, in order. A
    product with more SKUs than an entry takes is split into several entries, never two in one call."""
    size = max(1, min(products_per_call, MAX_PRODUCTS_PER_CALL))
    calls: list[list[tuple[int, list[T]]]] = []
    current: list[tuple[int, list[T]]] = []
    for product_id, skus in updates:
        for piece in chunks(skus, skus_per_product):
            if len(current) == size or any(p == product_id for p, _ in current):
                calls.append(current)
                current = []
            current.append((product_id, piece))
    if current:
        calls.append(current)
    return calls


def zero_first(
    updates: Sequence[tuple[int, Sequence[tuple[str, int]]]],
) -> list[tuple[int, list[tuple[str, int]]]]:
    """Inventory updates with the zero-stock ones first (DESIGN §8: a SKU sold out in Magento must stop
    selling on AliExpress before anything else is sent): the products with a SKU going to 0 first, each
    product's zeros before its other SKUs. A product stays one entry, so the calls stay the fewest."""
    ordered = [(p, sorted(skus, key=lambda s: s[1] != 0)) for p, skus in updates]
    return sorted(ordered, key=lambda u: not any(qty == 0 for _, qty in u[1]))


def chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size`` (the delete call's 100 ids, the status calls' ids)."""
    step = max(1, size)
    for start in range(0, len(items), step):
        yield list(items[start : start + step])
