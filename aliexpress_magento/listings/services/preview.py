"""Preview (beyond the manual): the item Validate & Upload would send for one product now, and its
validation result — built exactly as the upload builds it, read-only (nothing is written or sent).
Images not in the photobank yet show their store URL, as Validate only takes them."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.listings.mappers import price as pricing
from aliexpress_magento.listings.mappers.payload import build_item
from aliexpress_magento.listings.mappers.validation import check
from aliexpress_magento.listings.models import PhotobankImage
from aliexpress_magento.listings.services import snapshots


@dataclass(frozen=True)
class Preview:
    payload: str  # the item as JSON, indented for reading; empty when it cannot be built
    problems: tuple[str, ...]  # sentences for the merchant; none: the item is valid
    note: str = ""  # why nothing could be built
    # Per SKU priced, how its price is converted: "SKU: X EUR = Y USD at rate R (source, date)".
    conversions: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return bool(self.payload) and not self.problems


def preview(account: Account, product_id: int) -> Preview:
    rows = snapshots.products(account, [product_id])
    if not rows or not hasattr(rows[0], "profile_link"):
        return Preview("", (), "The product is in no profile: there is nothing to preview.")
    row = rows[0]
    reader = snapshots.Reader(account)
    profile = reader.profile(row.profile_link.profile)
    if profile is None:
        name = row.profile_link.profile.name
        return Preview("", (), f"Its profile “{name}” has no AliExpress category schema yet.")
    urls = snapshots.needed_images(row, account.swatches)
    cached = dict(
        PhotobankImage.objects.filter(account=account, source_url__in=urls).values_list(
            "source_url", "photobank_url"
        )
    )
    product = reader.product(row, {url: cached.get(url, url) for url in urls})
    built = check(
        build_item(product, profile, reader.settings, today=timezone.localdate()),
        profile.raw_schema,
        profile.category_id,
    )
    payload = json.dumps(built.item, indent=2, ensure_ascii=False, sort_keys=True, default=str)
    return Preview(payload, tuple(p.message for p in built.problems), conversions=_conversions(row, reader))


def _conversions(row: CatalogProduct, reader: snapshots.Reader) -> tuple[str, ...]:
    """The product's own price, or its SKUs' (a configurable's children); a price that cannot be
    converted is left out here: the problems above say why."""
    priced = getattr(row, "live_children", None) or [row]
    lines = []
    for sku in priced:
        if sku.price is None:
            continue
        try:
            note = pricing.conversion_note(sku.price, reader.settings)
        except pricing.PriceError:
            continue
        if note:
            lines.append(f"{sku.sku}: {note}")
    return tuple(lines)
