"""The Product Cron (``listings.sync_products``; issue 13, item 5): what goes to AliExpress without a mass
action, in three steps, each through the mass actions' own services.

1. **New products** of the active profiles with *Upload new products automatically*: those with no
   listing yet or still *not uploaded* — assigned by hand or by the auto-assignment rules — go through
   Validate & Upload (``upload.upload``). An invalid one becomes *invalid* and is not tried again by the
   cron (Validate & Upload does, once fixed): each try could cost image downloads and uploads.
2. **New children**: a live configurable with an enabled child AliExpress has no SKU for (not in its
   ``ListingSku`` rows) is sent as a full update when its profile has *Send new children of listed
   configurables automatically*; otherwise it is held back, whatever else changed on it, since any full
   update would publish the child.
3. **The scheduled product update**: every other live listing whose item, built now, no longer hashes as
   the one last sent goes through Update Selected Product(s) (``bulk.update``). The hash is compared
   first without a call (``upload.changed``): an unchanged product costs no AliExpress call and no image
   download.

Products go in parts of the account's Feed Size (one feed per part and operation type); a part is not
started when AliExpress's daily feed limit for its operation type is used up, and what is left waits for
the next run (the listings keep their state). Each run writes one Activity Logs entry with the counts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.clients.aliexpress.feeds import OperationType
from aliexpress_magento.feeds.mappers import feed_size
from aliexpress_magento.feeds.services.submission import feeds_left_today
from aliexpress_magento.listings.models import Listing, ListingSku, ListingStatus
from aliexpress_magento.listings.services import bulk, upload
from aliexpress_magento.listings.services.upload import CREATE, UNCHANGED, UPDATE, Outcome, User
from aliexpress_magento.profiles.models import Profile

JOB = "listings.sync_products"
LOG_TYPE = "listing"
SCAN_CHUNK = 500  # live products hashed per query batch: bounded memory on a large catalog


@dataclass
class ProductSync:
    """One run's result: the uploads' and the updates' outcomes (per SKU), how many live products were
    found unchanged, the configurables sent for their new children, those held back, and how many
    products wait for the next run because the daily feed limit is reached."""

    uploaded: Outcome = field(default_factory=Outcome)
    updated: Outcome = field(default_factory=Outcome)
    unchanged: int = 0
    new_children: list[str] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)
    waiting: int = 0

    def summary(self) -> str:
        failed = len(self.uploaded.failed) + len(self.updated.failed)
        text = (
            f"Product Cron: {len(self.uploaded.done)} uploaded, {len(self.updated.done)} updated "
            f"({len(self.new_children)} for new children), {self.unchanged} unchanged, {failed} failed"
        )
        if self.held_back:
            text += (
                f"; {len(self.held_back)} configurables with new children held back (their profile does "
                "not send new children automatically)"
            )
        if self.waiting:
            text += f"; {self.waiting} products wait for the next run (AliExpress's daily feed limit)"
        return text + "."


def sync_products(
    account: Account, *, user: User = None, beat: Callable[[], None] = lambda: None
) -> ProductSync:
    """Run the three steps of the module docstring for ``account``; one Activity Logs entry."""
    result = ProductSync()
    result.waiting += _in_parts(account, CREATE, new_products(account), upload.upload, result.uploaded, beat)
    grown = with_new_children(account)
    allowed = _sends_new_children(grown)
    held = grown - allowed
    result.held_back = _skus(held)
    live = [pk for pk in live_products(account) if pk not in held]
    due: list[int] = []
    for start in range(0, len(live), SCAN_CHUNK):
        scan = upload.changed(account, live[start : start + SCAN_CHUNK])
        due += scan.changed
        result.unchanged += scan.unchanged
        beat()
    result.waiting += _in_parts(account, UPDATE, due, bulk.update, result.updated, beat)
    result.unchanged += sum(1 for why in result.updated.skipped.values() if why == UNCHANGED)
    result.new_children = sorted(set(_skus(allowed)) & set(result.updated.done))
    _log(account, result, user)
    return result


def new_products(account: Account) -> list[int]:
    """The products to upload in step 1: in an active profile that uploads new products, never uploaded."""
    profiles = Profile.objects.filter(
        account=account, status=Profile.Status.ACTIVE, auto_upload_new_products=True
    )
    rows = CatalogProduct.objects.filter(
        account=account,
        profile_link__profile__in=profiles,
        parent__isnull=True,
        enabled=True,
        removed_at__isnull=True,
    ).filter(Q(listing__isnull=True) | Q(listing__status=ListingStatus.NOT_UPLOADED))
    return list(rows.order_by("pk").values_list("pk", flat=True))


def live_products(account: Account) -> list[int]:
    rows = Listing.objects.filter(account=account, status=ListingStatus.LIVE)
    return list(rows.order_by("product_id").values_list("product_id", flat=True))


def with_new_children(account: Account) -> set[int]:
    """The live configurables with an enabled child in Magento that AliExpress has no SKU for, in one
    query (the children whose SKU code is missing from their parent's listing)."""
    sent = ListingSku.objects.filter(listing__product=OuterRef("parent_id"), sku_code=OuterRef("sku"))
    children = CatalogProduct.objects.filter(
        account=account, parent__listing__status=ListingStatus.LIVE, enabled=True, removed_at__isnull=True
    )
    return set(children.exclude(Exists(sent)).values_list("parent_id", flat=True).distinct())


def _sends_new_children(product_ids: set[int]) -> set[int]:
    rows = CatalogProduct.objects.filter(
        pk__in=product_ids, profile_link__profile__auto_upload_new_children=True
    )
    return set(rows.values_list("pk", flat=True))


def _skus(product_ids: set[int]) -> list[str]:
    return sorted(CatalogProduct.objects.filter(pk__in=product_ids).values_list("sku", flat=True))


def _in_parts(
    account: Account,
    operation: OperationType,
    product_ids: Sequence[int],
    send: bulk.ActionFn,
    into: Outcome,
    beat: Callable[[], None],
) -> int:
    """``send`` the products by Feed Size parts while the daily feed limit of ``operation`` allows;
    returns how many were left for the next run."""
    size = feed_size(account.feed_size)
    for start in range(0, len(product_ids), size):
        if feeds_left_today(account, operation) == 0:
            return len(product_ids) - start
        part = send(account, product_ids[start : start + size])
        into.done += part.done
        into.skipped |= part.skipped
        into.failed |= part.failed
        beat()
    return 0


def _log(account: Account, result: ProductSync, user: User) -> None:
    reasons = [*result.uploaded.reasons(), *result.updated.reasons()]
    reasons = [r for r in reasons if not r.endswith(f"skipped, {UNCHANGED}")]
    if result.held_back:
        reasons.append("Held back: " + ", ".join(result.held_back[: upload.MAX_REASONS_LOGGED]))
    failed = result.uploaded.failed or result.updated.failed
    level = Level.WARNING if failed or result.waiting else Level.SUCCESS
    comment = result.summary() + ("\n" + "\n".join(reasons) if reasons else "")
    record(level, LOG_TYPE, comment, sub_type="product_cron", user=user, account_id=account.pk)
