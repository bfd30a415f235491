"""``apply_feed_results``: the feed sync's item results turned into listing states (issue 13, item 5).

A result finds its listing by the feed item the listing points at (the feed and our
``item_content_id``): a result of an upload the listing no longer waits for — a newer one replaced it —
changes nothing. Success: ``live`` with AliExpress's product id, and the listing's SKUs recorded with
the price, discount price and quantity the item carried (what AliExpress now shows; the price and
inventory syncs send only what differs from them). Failure: ``error`` with AliExpress's code and message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.feeds.services.sync import ItemResult
from aliexpress_magento.listings.mappers import listing as state
from aliexpress_magento.listings.models import Listing, ListingSku, ListingStatus

LOG_TYPE = "listing"
MAX_REASONS_LOGGED = 20


@dataclass(frozen=True)
class Applied:
    live: int
    error: int
    ignored: int  # results no listing waits for


def apply_feed_results(
    account: Account, results: Sequence[ItemResult], *, now: datetime | None = None
) -> Applied:
    """Apply ``results`` (``feeds.services.sync.sync(...).results``) to the account's listings, one
    feed's results at a time: a sync of many finished feeds (ten of 2,000 items after a large upload)
    holds one feed's listings and items in memory, not all of them (they held 600 MB for 20,000)."""
    if not results:
        return Applied(0, 0, 0)
    now = now or timezone.now()
    live = failed = 0
    reasons: list[str] = []
    for feed_results in _by_feed(results):
        done, refused = _apply(account, feed_results, now, reasons)
        live, failed = live + done, failed + refused
    applied = Applied(live, failed, len(results) - live - failed)
    if live or failed:
        _log(account, applied, reasons)
    return applied


def _by_feed(results: Sequence[ItemResult]) -> list[list[ItemResult]]:
    grouped: dict[int, list[ItemResult]] = {}
    for result in results:
        grouped.setdefault(result.feed_id, []).append(result)
    return list(grouped.values())


def _apply(
    account: Account, results: Sequence[ItemResult], now: datetime, reasons: list[str]
) -> tuple[int, int]:
    """One feed's results: the listings live or error, their SKUs recorded; returns (live, error)."""
    waiting = _waiting(account, results)
    live: list[tuple[Listing, dict[str, Any]]] = []
    failed: list[Listing] = []
    with transaction.atomic():
        for result in results:
            listing = waiting.get((result.feed_id, result.item_content_id))
            if listing is None:
                continue
            if result.success:
                _live(listing, result, now)
                live.append((listing, dict(listing.feed_item.item_content if listing.feed_item else {})))
            else:
                message = f"AliExpress refused the product: {result.error_message} ({result.error_code})"
                listing.status, listing.errors = ListingStatus.ERROR, [state.error("", "", message)]
                reasons.append(f"{listing.product.sku}: {message}")
                failed.append(listing)
            listing.synced_at = listing.updated_at = now
        changed = [*(lst for lst, _ in live), *failed]
        for listing in changed:
            listing.feed_item = None
        fields = [
            "status",
            "errors",
            "aliexpress_product_id",
            "uploaded_at",
            "synced_at",
            "updated_at",
            "feed_item",
        ]
        Listing.objects.bulk_update(changed, fields, batch_size=500)
        _record_skus(live, now)
    return len(live), len(failed)


def _waiting(account: Account, results: Iterable[ItemResult]) -> dict[tuple[int, str], Listing]:
    feed_ids = {r.feed_id for r in results}
    listings = Listing.objects.filter(account=account, feed_item__feed_id__in=feed_ids).select_related(
        "feed_item", "product"
    )
    return {(lst.feed_item.feed_id, lst.feed_item.item_content_id): lst for lst in listings if lst.feed_item}


def _live(listing: Listing, result: ItemResult, now: datetime) -> None:
    listing.status, listing.errors, listing.uploaded_at = ListingStatus.LIVE, [], now
    if result.product_id is not None:
        listing.aliexpress_product_id = result.product_id


def _record_skus(sent_items: Sequence[tuple[Listing, dict[str, Any]]], now: datetime) -> None:
    """Each live listing's SKUs as its item carried them: rows written or updated, SKUs no longer sent
    removed (a full update replaces the product's SKUs)."""
    if not sent_items:
        return
    listings = [listing for listing, _ in sent_items]
    products = _sku_products(listings)
    existing = {
        (s.listing_id, s.sku_code): s
        for s in ListingSku.objects.filter(listing__in=[lst.pk for lst in listings])
    }
    keep: set[tuple[int, str]] = set()
    create: list[ListingSku] = []
    update: list[ListingSku] = []
    for listing, item in sent_items:
        for sent in state.sent_skus(item):
            key = (listing.pk, sent.sku_code)
            keep.add(key)
            row = existing.get(key) or ListingSku(listing=listing, sku_code=sent.sku_code)
            row.product_id = products.get((listing.product_id, sent.sku_code))
            row.pushed_price, row.pushed_discount_price, row.pushed_qty = (
                sent.price,
                sent.discount_price,
                sent.inventory,
            )
            row.price_pushed_at = row.qty_pushed_at = now
            (update if row.pk else create).append(row)
    fields = [
        "product",
        "pushed_price",
        "pushed_discount_price",
        "pushed_qty",
        "price_pushed_at",
        "qty_pushed_at",
    ]
    ListingSku.objects.bulk_create(create, batch_size=500)
    ListingSku.objects.bulk_update(update, fields, batch_size=500)
    gone = [s.pk for key, s in existing.items() if key not in keep]
    ListingSku.objects.filter(pk__in=gone).delete()


def _sku_products(listings: Sequence[Listing]) -> dict[tuple[int, str], int]:
    """(listing's product, SKU code) → the Magento product of that SKU: the simple itself, or the child."""
    found = {(lst.product_id, lst.product.sku): lst.product_id for lst in listings}
    children = CatalogProduct.objects.filter(parent__in=[lst.product_id for lst in listings])
    found |= {(parent, sku): pk for pk, parent, sku in children.values_list("pk", "parent_id", "sku")}
    return found


def _log(account: Account, applied: Applied, reasons: list[str]) -> None:
    if len(reasons) > MAX_REASONS_LOGGED:
        reasons = [*reasons[:MAX_REASONS_LOGGED], f"… and {len(reasons) - MAX_REASONS_LOGGED} more."]
    level = Level.SUCCESS if not applied.error else Level.WARNING if applied.live else Level.ERROR
    comment = f"Feed results: {applied.live} live, {applied.error} error." + (
        "\n" + "\n".join(reasons) if reasons else ""
    )
    record(level, LOG_TYPE, comment, sub_type="results", account_id=account.pk)
