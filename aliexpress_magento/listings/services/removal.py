"""Delete Selected Product(s) (issue 13, item 7): ``aliexpress.solution.batch.product.delete`` by at most
100 ids a call.

A deleted listing becomes ``deleted`` and forgets its AliExpress product id, payload hash and SKUs: the
product stays in its profile, and its next upload creates a new AliExpress product (AliExpress does not
take a deleted id back). The old id is kept in the run's Activity Logs entry, one line per product.

A refused call is all or nothing on AliExpress's side (the sandbox deletes nothing when one id is
unknown; unsure for the real API, which documents no partial answer), so one product already gone on
AliExpress would keep the 99 others of its call. A refused call of several ids is therefore split in two
and each half sent again, down to single ids: only the refused products fail, with AliExpress's message on
each listing, for at most about 2 log2(100) ≈ 14 more calls per refused id; the next chunks still go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import closing

from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.clients.aliexpress import AliExpressError, AuthError
from aliexpress_magento.listings.mappers import sync
from aliexpress_magento.listings.models import Listing, ListingSku, ListingStatus
from aliexpress_magento.listings.services import live
from aliexpress_magento.listings.services.upload import LOG_TYPE, Outcome, User

REFUSED = "AliExpress refused to delete the product: "
NOT_ON_ALIEXPRESS = "not on AliExpress"
IN_FLIGHT = "an upload of it is in flight; delete it once its result is in"


def delete(account: Account, product_ids: Iterable[int], *, user: User = None) -> Outcome:
    """Delete the AliExpress products of ``product_ids`` (Magento product ids). Per Magento product:
    done (deleted), skipped (not on AliExpress, or an upload in flight) or failed (refused)."""
    outcome = Outcome()
    targets = _deletable(account, list(product_ids), outcome)
    deleted: list[str] = []
    if targets:
        with closing(live.client(account)) as client:
            for chunk in sync.chunks(targets, sync.MAX_DELETE_IDS):
                _delete_chunk(client.products.delete, chunk, outcome, deleted)
    _log(account, outcome, deleted, user)
    return outcome


def _deletable(account: Account, ids: list[int], outcome: Outcome) -> list[tuple[Listing, str]]:
    """(listing, Magento SKU) of the products AliExpress holds; the others skipped with the reason."""
    found = {lst.product_id: lst for lst in Listing.objects.filter(account=account, product__in=ids)}
    skus = dict(CatalogProduct.objects.filter(account=account, pk__in=ids).values_list("pk", "sku"))
    kept = []
    for pk in dict.fromkeys(ids):
        listing, sku = found.get(pk), skus.get(pk, str(pk))
        if listing is None or listing.aliexpress_product_id is None:
            outcome.skipped[sku] = NOT_ON_ALIEXPRESS
        elif listing.status == ListingStatus.UPLOADING:
            outcome.skipped[sku] = IN_FLIGHT
        else:
            kept.append((listing, sku))
    return kept


def _delete_chunk(
    call: Callable[[list[int]], None], chunk: list[tuple[Listing, str]], outcome: Outcome, deleted: list[str]
) -> None:
    listings = [listing for listing, _ in chunk]
    try:
        call([lst.aliexpress_product_id for lst in listings if lst.aliexpress_product_id is not None])
    except AuthError:
        raise
    except AliExpressError as error:
        if len(chunk) > 1:  # find the refused ones: the others of the call are deleted
            half = len(chunk) // 2
            _delete_chunk(call, chunk[:half], outcome, deleted)
            _delete_chunk(call, chunk[half:], outcome, deleted)
            return
        message = live.describe(error)
        for listing, sku in chunk:
            outcome.failed[sku] = f"{REFUSED}{message}"
            live.set_sync_error(listing, REFUSED, message)
        live.save_errors(listings)
        return
    now = timezone.now()
    for listing, sku in chunk:
        deleted.append(f"{sku}: AliExpress product {listing.aliexpress_product_id} deleted")
        outcome.done.append(sku)
        listing.status, listing.aliexpress_product_id = ListingStatus.DELETED, None
        listing.errors, listing.payload_hash, listing.feed_item, listing.updated_at = [], "", None, now
    with transaction.atomic():
        fields = ["status", "aliexpress_product_id", "errors", "payload_hash", "feed_item", "updated_at"]
        Listing.objects.bulk_update(listings, fields, batch_size=live.PAGE)
        ListingSku.objects.filter(listing__in=[lst.pk for lst in listings]).delete()


def _log(account: Account, outcome: Outcome, deleted: list[str], user: User) -> None:
    """Every deleted product with its old AliExpress id (the listing no longer has it), then the reasons."""
    reasons = outcome.reasons()
    level = Level.SUCCESS if not outcome.failed else Level.WARNING if outcome.done else Level.ERROR
    comment = "\n".join([f"Delete: {outcome.counts()}.", *deleted, *reasons])
    record(level, LOG_TYPE, comment, sub_type="delete", user=user, account_id=account.pk)
