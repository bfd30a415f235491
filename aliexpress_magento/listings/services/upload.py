"""Validate & Upload (issue 13, items 2 and 5): build each product's item from the mirror, check it
against its category's schema, and send the valid ones through feeds.

- ``validate``: build and check only; an invalid product's listing becomes ``invalid`` with its errors,
  a valid one loses them. Images not uploaded yet are taken as they will be (their store URL stands in
  for the photobank URL): whether they upload is the upload's question.
- ``upload``: products of an active, complete profile only. Their images go to the photobank first (an
  image that fails is that listing's error, naming the image; one the cache checked at its URL after the
  product's mirror row was last written is not downloaded again: ``images.upload.known_urls``); then
  build and check; the valid ones are submitted, ``PRODUCT_CREATE`` for a product AliExpress does not
  have yet, ``PRODUCT_FULL_UPDATE`` for one it has — unless it is live and its item hashes as the last
  one sent (skipped, "unchanged"). A submitted listing is ``uploading`` with its feed item;
  :mod:`.results` applies the feed's results. A submission whose answer was lost counts as submitted:
  the feeds sync finds its job at AliExpress, or fails its items "not created".

The feed's ``item_content_id`` is the Magento SKU: readable on Developer → Api Feeds, unique per account.
Call both outside a transaction (``feeds.submit`` commits each feed's row before its call).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.clients.aliexpress.feeds import FeedItem, OperationType
from aliexpress_magento.feeds.models import FeedItem as FeedItemRow
from aliexpress_magento.feeds.services import submission
from aliexpress_magento.listings.mappers import listing as state
from aliexpress_magento.listings.mappers.payload import BuildResult, build_item
from aliexpress_magento.listings.mappers.validation import check
from aliexpress_magento.listings.models import Listing, ListingStatus, PhotobankImage
from aliexpress_magento.listings.services import snapshots
from aliexpress_magento.listings.services.images.upload import known_urls, photobank_urls
from aliexpress_magento.profiles.models import Profile
from aliexpress_magento.profiles.services import completeness

LOG_TYPE = "listing"
MAX_REASONS_LOGGED = 20
CREATE: OperationType = "PRODUCT_CREATE"
UPDATE: OperationType = "PRODUCT_FULL_UPDATE"
UNCHANGED = "unchanged since the last upload"
User = AbstractBaseUser | AnonymousUser | None


@dataclass
class Outcome:
    """Per SKU of the products asked for: done (valid / submitted), skipped or failed, with reasons."""

    done: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    def counts(self) -> str:
        return f"{len(self.done)} done, {len(self.skipped)} skipped, {len(self.failed)} failed"

    def reasons(self) -> list[str]:
        lines = [f"{sku}: skipped, {why}" for sku, why in self.skipped.items()]
        lines += [f"{sku}: {why}" for sku, why in self.failed.items()]
        if len(lines) > MAX_REASONS_LOGGED:
            lines = [*lines[:MAX_REASONS_LOGGED], f"… and {len(lines) - MAX_REASONS_LOGGED} more."]
        return lines


@dataclass
class _Built:
    listing: Listing
    result: BuildResult


# --- validate --------------------------------------------------------------------------------------------


def validate(account: Account, product_ids: Iterable[int], *, user: User = None) -> Outcome:
    """Build and check each product; write ``invalid`` + errors, or clear them. Nothing is sent."""
    outcome = Outcome()
    rows = _profiled(account, snapshots.products(account, product_ids), outcome)
    reader = snapshots.Reader(account)
    reader.load([r.profile_link.profile for r in rows])
    listings = _listings(account, rows)
    cached = _cached_photobank(account, rows)
    changed = []
    for row in rows:
        stand_in = {url: cached.get(url, url) for url in snapshots.needed_images(row, account.swatches)}
        built = _build(reader, row, stand_in, outcome)
        if built is None:
            continue
        listing = listings[row.pk]
        if built.ok:
            outcome.done.append(row.sku)
            _mark_valid(listing)
        else:
            outcome.failed[row.sku] = built.problems[0].message
            _mark_invalid(listing, built, reader, row)
        changed.append(listing)
    _save(changed, "status", "errors", "profile")
    _log(account, "Validate", outcome, user)
    return outcome


def _mark_valid(listing: Listing) -> None:
    if listing.status == ListingStatus.INVALID:
        live = listing.aliexpress_product_id is not None
        listing.status = ListingStatus.LIVE if live else ListingStatus.NOT_UPLOADED
        listing.errors = []


def _mark_invalid(
    listing: Listing, built: BuildResult, reader: snapshots.Reader, row: CatalogProduct
) -> None:
    profile = reader.profile(row.profile_link.profile)
    assert profile is not None  # built: its schema is there
    listing.status = ListingStatus.INVALID
    listing.errors = state.problem_errors(built.problems, profile)


# --- what changed ----------------------------------------------------------------------------------------


@dataclass
class Scan:
    """What :func:`changed` found: the products to send, and how many would be skipped as unchanged."""

    changed: list[int] = field(default_factory=list)
    unchanged: int = 0


def changed(account: Account, product_ids: Iterable[int]) -> Scan:
    """The products of ``product_ids`` that :func:`upload` would send rather than skip as unchanged, found
    without a call: each item is built with the photobank cache's URLs and hashed against the one last
    sent. A product with an image the cache does not know by that URL counts as changed (the upload
    downloads it and decides); so does one whose item is now invalid (the upload marks it). Products the
    upload would skip for another reason (inactive or incomplete profile, disabled) are in neither."""
    rows = _uploadable(account, snapshots.products(account, product_ids), Outcome())
    reader = snapshots.Reader(account)
    reader.load([r.profile_link.profile for r in rows])
    listings = _listings(account, rows)
    cached = _cached_photobank(account, rows)
    scan = Scan()
    for row in rows:
        needed = snapshots.needed_images(row, account.swatches)
        if any(url not in cached for url in needed):
            scan.changed.append(row.pk)
            continue
        built = _build(reader, row, {url: cached[url] for url in needed}, Outcome())
        if built is None:
            continue
        if built.ok and state.payload_hash(built.item) == listings[row.pk].payload_hash:
            scan.unchanged += 1
        else:
            scan.changed.append(row.pk)
    return scan


# --- upload ----------------------------------------------------------------------------------------------


def upload(
    account: Account,
    product_ids: Iterable[int],
    *,
    user: User = None,
    today: date | None = None,
) -> Outcome:
    """Upload the products of ``product_ids`` that are in an active, complete profile (see module doc)."""
    outcome = Outcome()
    rows = _uploadable(account, snapshots.products(account, product_ids), outcome)
    listings = _listings(account, rows)
    rows = [r for r in rows if not _in_flight(listings[r.pk], outcome, r.sku)]
    images = photobank_urls(
        account,
        [u for r in rows for u in snapshots.needed_images(r, account.swatches)],
        known=known_urls(account, _fresh_since(account, rows)),
    )
    reader = snapshots.Reader(account)
    reader.load([r.profile_link.profile for r in rows])
    batches: dict[OperationType, list[tuple[Listing, dict[str, Any], str]]] = {CREATE: [], UPDATE: []}
    changed: list[Listing] = []
    for row in rows:
        listing = listings[row.pk]
        needed = snapshots.needed_images(row, account.swatches)
        broken = [images.errors[u] for u in needed if u in images.errors]
        if broken:
            _fail(listing, outcome, row.sku, [state.error("image_url_list", "image", m) for m in broken])
            changed.append(listing)
            continue
        built = _build(reader, row, {u: images.urls[u] for u in needed}, outcome, today)
        if built is None:
            continue
        if not built.ok:
            outcome.failed[row.sku] = built.problems[0].message
            _mark_invalid(listing, built, reader, row)
            changed.append(listing)
            continue
        digest = state.payload_hash(built.item)
        if listing.status == ListingStatus.LIVE and listing.payload_hash == digest:
            outcome.skipped[row.sku] = UNCHANGED
            continue
        product_id = listing.aliexpress_product_id
        operation = UPDATE if product_id is not None else CREATE
        item = state.update_item(built.item, product_id) if product_id is not None else built.item
        batches[operation].append((listing, item, digest))
    _save(changed, "status", "errors", "profile")
    for operation, batch in batches.items():
        if batch:
            _submit(account, operation, batch, outcome, user)
    _log(account, "Upload", outcome, user)
    return outcome


def _uploadable(account: Account, rows: Sequence[CatalogProduct], outcome: Outcome) -> list[CatalogProduct]:
    """The products in an active profile with nothing missing; the others skipped with the reason."""
    rows = _profiled(account, rows, outcome)
    profiles = {r.profile_link.profile.pk: r.profile_link.profile for r in rows}
    missing = completeness.missing_by_profile(profiles.values())
    kept = []
    for row in rows:
        profile = row.profile_link.profile
        if profile.status != Profile.Status.ACTIVE:
            outcome.skipped[row.sku] = f"its profile “{profile.name}” is inactive"
        elif missing[profile.pk]:
            outcome.skipped[row.sku] = (
                f"its profile “{profile.name}” is incomplete: {' '.join(missing[profile.pk])}"
            )
        else:
            kept.append(row)
    return kept


def _in_flight(listing: Listing, outcome: Outcome, sku: str) -> bool:
    if listing.status == ListingStatus.UPLOADING and listing.feed_item_id is not None:
        outcome.skipped[sku] = "an upload of it awaits AliExpress's result"
        return True
    return False


def _fail(listing: Listing, outcome: Outcome, sku: str, errors: list[dict[str, str]]) -> None:
    listing.status, listing.errors = ListingStatus.ERROR, errors
    outcome.failed[sku] = " ".join(e["message"] for e in errors)


def _submit(
    account: Account,
    operation: OperationType,
    batch: list[tuple[Listing, dict[str, Any], str]],
    outcome: Outcome,
    user: User,
) -> None:
    items = [FeedItem(item_content_id=listing.product.sku, item_content=item) for listing, item, _ in batch]
    try:
        feeds = submission.submit(account, operation, items, user=user)
    except submission.FeedLimitReached as exc:
        for listing, _, _ in batch:
            outcome.failed[listing.product.sku] = f"not sent: {exc}"
        return
    except submission.SubmitFailed as exc:
        # A lost answer: the feed may exist at AliExpress, so its listings wait for it (in flight, never
        # sent again meanwhile) as for any feed; the feeds sync finds it or says it was not created.
        _record_sent(account, batch, exc.feeds, outcome, failure=str(exc), lost=exc.lost)
        return
    _record_sent(account, batch, feeds, outcome, failure="")


def _record_sent(
    account: Account,
    batch: list[tuple[Listing, dict[str, Any], str]],
    feeds: Sequence[Any],
    outcome: Outcome,
    *,
    failure: str,
    lost: bool = False,
) -> None:
    """Point each sent listing at its feed item (``uploading``); a listing in the feed that failed is
    ``error`` with the reason (unless its answer was ``lost``: it is in flight too); one that was never
    sent keeps its state, counted failed."""
    rows = FeedItemRow.objects.filter(feed__in=[f.pk for f in feeds]).select_related("feed")
    sent = {r.item_content_id: r for r in rows}
    failed_feed = feeds[-1].pk if failure and feeds and not lost else None
    now = timezone.now()
    changed = []
    for listing, _, digest in batch:
        sku = listing.product.sku
        row = sent.get(sku)
        if row is None:
            outcome.failed[sku] = f"not sent: {failure}"
            continue
        if row.feed_id == failed_feed:
            _fail(listing, outcome, sku, [state.error("", "", failure)])
        else:
            listing.status, listing.errors, listing.feed_item = ListingStatus.UPLOADING, [], row
            listing.payload_hash = digest
            outcome.done.append(sku)
        listing.updated_at = now
        changed.append(listing)
    _save(changed, "status", "errors", "profile", "feed_item", "payload_hash")


# --- shared ----------------------------------------------------------------------------------------------


def _profiled(account: Account, rows: Sequence[CatalogProduct], outcome: Outcome) -> list[CatalogProduct]:
    kept = []
    for row in rows:
        if row.parent_id is not None:
            outcome.skipped[row.sku] = "a child is listed as a SKU of its configurable, not on its own"
        elif row.removed_at is not None:
            outcome.skipped[row.sku] = "removed from Magento"
        elif not row.enabled:
            outcome.skipped[row.sku] = "disabled in Magento"
        elif not hasattr(row, "profile_link"):
            outcome.skipped[row.sku] = "in no profile"
        else:
            kept.append(row)
    return kept


def _listings(account: Account, rows: Sequence[CatalogProduct]) -> dict[int, Listing]:
    """The listing of each product (created ``not_uploaded`` where there is none), its profile current."""
    found = {
        listing.product_id: listing
        for listing in Listing.objects.filter(product__in=[r.pk for r in rows]).select_related("product")
    }
    missing = [
        Listing(account=account, product=r, profile=r.profile_link.profile) for r in rows if r.pk not in found
    ]
    with transaction.atomic():
        Listing.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        created = Listing.objects.filter(product__in=[r.pk for r in rows if r.pk not in found])
        found |= {listing.product_id: listing for listing in created.select_related("product")}
    for row in rows:
        found[row.pk].profile = row.profile_link.profile
    return found


def _cached_photobank(account: Account, rows: Sequence[CatalogProduct]) -> dict[str, str]:
    urls = {u for r in rows for u in snapshots.needed_images(r, account.swatches)}
    cached = PhotobankImage.objects.filter(account=account, source_url__in=urls).order_by("checked_at", "pk")
    return dict(cached.values_list("source_url", "photobank_url"))  # the newest entry per URL wins


def _fresh_since(account: Account, rows: Sequence[CatalogProduct]) -> dict[str, datetime]:
    """Each image URL → the newest ``mirrored_at`` of the products (a row and its live children) that
    show it: a photobank entry checked before that is downloaded again (``images.upload.known_urls``)."""
    since: dict[str, datetime] = {}
    for row in rows:
        kids: list[CatalogProduct] = getattr(row, "live_children", None) or []
        written = max([row.mirrored_at, *(k.mirrored_at for k in kids)])
        for url in snapshots.needed_images(row, account.swatches):
            since[url] = max(since.get(url, written), written)
    return since


def _build(
    reader: snapshots.Reader,
    row: CatalogProduct,
    photobank: dict[str, str],
    outcome: Outcome,
    today: date | None = None,
) -> BuildResult | None:
    profile = reader.profile(row.profile_link.profile)
    if profile is None:
        outcome.skipped[row.sku] = f"its profile “{row.profile_link.profile.name}” has no category schema"
        return None
    product = reader.product(row, photobank)
    day = today or timezone.localdate()
    built = build_item(product, profile, reader.settings, today=day)
    return check(built, profile.raw_schema, profile.category_id)


def _save(listings: Sequence[Listing], *fields: str) -> None:
    now = timezone.now()
    for listing in listings:
        listing.updated_at = now
    Listing.objects.bulk_update(listings, [*fields, "updated_at"], batch_size=500)


def _log(account: Account, operation: str, outcome: Outcome, user: User) -> None:
    reasons = outcome.reasons()
    level = Level.SUCCESS if not outcome.failed else Level.WARNING if outcome.done else Level.ERROR
    comment = f"{operation}: {outcome.counts()}." + ("\n" + "\n".join(reasons) if reasons else "")
    record(level, LOG_TYPE, comment, sub_type=operation.lower(), user=user, account_id=account.pk)
