"""Manage Products' mass actions (issue 13, item 3): a selection becomes one ``BulkAction`` row (the
product ids, read in one query whatever their number, never sent through the broker), the
``listings.bulk_action`` job processes it in chunks through the service the action names, and the row
carries the progress and the result the page polls.

``ACTIONS`` is the one dispatch table: the grid offers exactly its entries, the job calls them. An entry
is a label (the manual's wording) and ``fn(account, product_ids, *, user) -> Outcome``: the manual's six
actions, plus Validate only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.celery import app
from aliexpress_magento.feeds.mappers import feed_size
from aliexpress_magento.listings.models import BulkAction, Listing
from aliexpress_magento.listings.services import inventory, prices, removal, snapshots, upload
from aliexpress_magento.listings.services.images.upload import photobank_urls
from aliexpress_magento.listings.services.upload import Outcome, User

JOB = "listings.bulk_action"
# The account lock each mass action runs under (``lock_name``). Product Price / Inventory Update share
# the Price and Inventory Crons' locks: each run reads the last values pushed and sends the differences,
# so two runs at once would both send the same SKUs. The other actions that write listings (images,
# uploads through feeds, deletes, validation) share one lock: two uploads at once would both find a
# product not in flight and submit it twice. A run that finds its lock held waits (re-queued).
PRICE_LOCK = "listings.sync_price"
INVENTORY_LOCK = "listings.sync_inventory"
WRITE_LOCK = JOB
CHUNK = 100  # products per service call: progress moves, and one chunk's failure stays small
MAX_REASONS = 50  # kept on the row for the summary; the Activity Log keeps its own 20
LOG_TYPE = "listing"

ActionFn = Callable[..., Outcome]  # fn(account, product_ids, *, user) -> Outcome


def upload_images(account: Account, product_ids: Iterable[int], *, user: User = None) -> Outcome:
    """Image(s) Upload: each product's images (main, and swatches when on) to the photobank, each
    source uploaded once; a product with a broken image fails naming it."""
    outcome = Outcome()
    rows = [r for r in snapshots.products(account, product_ids) if _images_wanted(r, outcome)]
    needed = {r.pk: snapshots.needed_images(r, account.swatches) for r in rows}
    images = photobank_urls(account, [u for urls in needed.values() for u in urls])
    for row in rows:
        broken = [images.errors[u] for u in needed[row.pk] if u in images.errors]
        if broken:
            outcome.failed[row.sku] = broken[0]
        elif not needed[row.pk]:
            outcome.skipped[row.sku] = "it has no images"
        else:
            outcome.done.append(row.sku)
    return outcome


def _images_wanted(row: Any, outcome: Outcome) -> bool:
    if row.parent_id is not None:
        outcome.skipped[row.sku] = "a child is listed as a SKU of its configurable, not on its own"
    elif row.removed_at is not None:
        outcome.skipped[row.sku] = "removed from Magento"
    else:
        return True
    return False


def update(account: Account, product_ids: Iterable[int], *, user: User = None) -> Outcome:
    """Update Selected Product(s): a full update of the products AliExpress already holds (the upload
    skips those whose item is unchanged); the others are skipped, pointing to Validate & Upload."""
    ids = list(product_ids)
    held = set(
        Listing.objects.filter(
            account=account, product__in=ids, aliexpress_product_id__isnull=False
        ).values_list("product_id", flat=True)
    )
    outcome = upload.upload(account, [pk for pk in ids if pk in held], user=user) if held else Outcome()
    others = [pk for pk in ids if pk not in held]
    skus = dict(account_products(account, others).values_list("pk", "sku")) if others else {}
    for pk in others:
        if pk in skus:
            outcome.skipped[skus[pk]] = "not on AliExpress yet: use Validate & Upload Product(s)"
    return outcome


def account_products(account: Account, ids: Sequence[int]) -> QuerySet[CatalogProduct]:
    return CatalogProduct.objects.filter(account=account, pk__in=ids)


@dataclass(frozen=True)
class Action:
    label: str
    fn: ActionFn
    lock: str = WRITE_LOCK
    # Sends its products in feeds: a chunk is then a whole feed (Feed Size products), not CHUNK. Each
    # service call submits its own feeds, so chunks of CHUNK would cut 20,000 products into 200 feeds
    # of 100, past AliExpress's 150 feeds a day, with a submit and queries for each.
    fills_feeds: bool = False

    def chunk(self, account: Account) -> int:
        return max(CHUNK, feed_size(account.feed_size)) if self.fills_feeds else CHUNK


ACTIONS: dict[str, Action] = {  # the manual's order, then ours
    "upload_images": Action("Image(s) Upload", upload_images),
    "validate_upload": Action("Validate & Upload Product(s)", upload.upload, fills_feeds=True),
    "update_selected": Action("Update Selected Product(s)", update, fills_feeds=True),
    "price_update": Action("Product Price Update", prices.push_prices, PRICE_LOCK),
    "inventory_update": Action("Product Inventory Update", inventory.push_inventory, INVENTORY_LOCK),
    "delete_selected": Action("Delete Selected Product(s)", removal.delete),
    "validate_only": Action("Validate only", upload.validate),
}


def lock_name(account: Account, options: dict[str, Any]) -> str:
    """The lock of the mass action ``options["bulk_id"]`` (see :data:`PRICE_LOCK`); a row gone or of an
    unknown action takes the write lock (the run then finds nothing to do)."""
    action = BulkAction.objects.filter(pk=int(options.get("bulk_id") or 0), account=account).values_list(
        "action", flat=True
    )
    entry = ACTIONS.get(action.first() or "")
    return entry.lock if entry else WRITE_LOCK


def gave_up(account: Account, options: dict[str, Any], why: str) -> None:
    """The job waited for its lock in vain: the queued row fails with ``why`` (the page stops waiting)."""
    bulk = BulkAction.objects.filter(
        pk=int(options.get("bulk_id") or 0), account=account, status=BulkAction.Status.QUEUED
    ).first()
    if bulk is not None:
        _finish(bulk, BulkAction.Status.FAILED, why)


# --- request ---------------------------------------------------------------------------------------------


def request(account: Account, action: str, products: QuerySet[Any], *, user: User = None) -> BulkAction:
    """One row holding the ids of ``products`` (a queryset: the ids are read in one query, no rows),
    and the job queued once this transaction commits."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown mass action {action!r}.")
    ids = list(products.order_by().values_list("pk", flat=True))
    bulk = BulkAction.objects.create(
        account=account,
        action=action,
        product_ids=ids,
        total=len(ids),
        user_id=user.pk if user is not None and user.is_authenticated else None,
    )
    transaction.on_commit(partial(_queue, account.pk, bulk.pk))
    return bulk


def _queue(account_id: int, bulk_id: int) -> None:
    # By name, through the task's own apply_async (eager mode included), like the catalog's button.
    app.signature(JOB, kwargs={"account_id": account_id, "bulk_id": bulk_id}).apply_async()


# --- run -------------------------------------------------------------------------------------------------


def run(account: Account, bulk_id: int, *, beat: Callable[[], None] = lambda: None) -> BulkAction | None:
    """Process the row's products in chunks (:meth:`Action.chunk`), saving the progress after each; the result
    summary at the end, and one Activity Logs entry."""
    bulk = BulkAction.objects.filter(pk=bulk_id, account=account).select_related("user").first()
    if bulk is None or bulk.status != BulkAction.Status.QUEUED:
        return bulk  # gone, or already run (a re-delivered message)
    action = ACTIONS[bulk.action]
    bulk.status = BulkAction.Status.RUNNING
    bulk.save(update_fields=["status"])
    reasons: list[str] = []
    ids: list[int] = list(bulk.product_ids)
    size = action.chunk(account)
    try:
        for start in range(0, len(ids), size):
            chunk = ids[start : start + size]
            outcome = action.fn(account, chunk, user=bulk.user)
            _add(bulk, outcome, reasons)
            bulk.done = min(start + size, len(ids))
            bulk.save(update_fields=["done", "succeeded", "skipped", "failed", "reasons"])
            beat()
    except Exception as exc:
        _finish(bulk, BulkAction.Status.FAILED, f"{type(exc).__name__}: {exc}")
        raise
    _finish(bulk, BulkAction.Status.DONE, "")
    return bulk


def _add(bulk: BulkAction, outcome: Outcome, reasons: list[str]) -> None:
    bulk.succeeded += len(outcome.done)
    bulk.skipped += len(outcome.skipped)
    bulk.failed += len(outcome.failed)
    lines = [f"{sku}: skipped, {why}" for sku, why in outcome.skipped.items()]
    lines += [f"{sku}: {why}" for sku, why in outcome.failed.items()]
    reasons.extend(lines)
    bulk.reasons = reasons[:MAX_REASONS]
    if len(reasons) > MAX_REASONS:
        bulk.reasons.append(f"… and {len(reasons) - MAX_REASONS} more.")


def _finish(bulk: BulkAction, status: str, message: str) -> None:
    bulk.status, bulk.message, bulk.finished_at = status, message, timezone.now()
    bulk.save(update_fields=["status", "message", "finished_at"])
    level = (
        Level.ERROR
        if status == BulkAction.Status.FAILED or (bulk.failed and not bulk.succeeded)
        else (Level.WARNING if bulk.failed else Level.SUCCESS)
    )
    comment = f"{summary(bulk)}" + (f"\n{message}" if message else "")
    record(level, LOG_TYPE, comment, sub_type="bulk_action", user=bulk.user, account_id=bulk.account_id)


def label(action: str) -> str:
    return ACTIONS[action].label if action in ACTIONS else action


def summary(bulk: BulkAction) -> str:
    return (
        f"{label(bulk.action)}: {bulk.done} of {bulk.total} products processed: {bulk.succeeded} done, "
        f"{bulk.skipped} skipped, {bulk.failed} failed."
    )
