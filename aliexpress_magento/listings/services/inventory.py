"""Product Inventory Update and the Inventory Cron (issue 13, item 6), in this order:

1. The salable quantity of every live SKU (of the selection, when one is given) is read from Magento in
   bulk (``refresh_stock``): an order
   moves stock without touching ``updated_at``, so the catalog refresh's product pass cannot see it.
2. A live listing whose Magento product is disabled or removed goes offline on AliExpress
   (``offlineaeproduct``); an offline one whose product is enabled and in Magento again goes back online
   (``onlineaeproduct``) and takes part in step 3.
3. The live listings' SKUs whose AliExpress inventory (salable quantity after the stock rules) differs
   from the last one pushed are sent with ``aliexpress.solution.batch.product.inventory.update`` by
   *Inventory Chunk Size* products (≤ 20, ≤ 200 SKUs each), the products with a SKU going to 0 first. A
   SKU whose child is no longer for sale in Magento goes to 0. Nothing changed: no call.

A product AliExpress refuses keeps its listing as it was (live, or not offline) with AliExpress's message
in its errors; its SKUs keep their last pushed values, so the next run tries again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import closing

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.services.refresh import refresh_stock as read_stock
from aliexpress_magento.clients.aliexpress import AliExpressError, AuthError
from aliexpress_magento.clients.aliexpress import products as ae
from aliexpress_magento.listings.mappers import sync
from aliexpress_magento.listings.models import Listing, ListingSku, ListingStatus
from aliexpress_magento.listings.services import live, snapshots
from aliexpress_magento.listings.services.upload import Outcome, User

REFUSED = "Inventory update refused by AliExpress: "
OFFLINE_REFUSED = "AliExpress refused to take the product offline: "
ONLINE_REFUSED = "AliExpress refused to put the product back online: "
StockChange = tuple[str, int]


def push_inventory(
    account: Account,
    product_ids: Iterable[int] | None = None,
    *,
    refresh_stock: bool = True,
    user: User = None,
) -> Outcome:
    """Steps 1-3 of the module doc for the listings of ``product_ids`` (Magento product ids; all the
    account's when None). Per Magento product: done (sent, or taken offline / online), skipped
    (unchanged) or failed (refused, with AliExpress's message)."""
    ids = None if product_ids is None else list(product_ids)
    outcome = Outcome()
    if refresh_stock and _any_on_aliexpress(account, ids):  # no listing, no stock read (a fresh account)
        with api_clients.store(account) as store:
            read_stock(account, store, product_ids=ids)  # the selection's (and its children's) only
    offline = _offline(account, ids, outcome)
    online = _online(account, ids, outcome)
    pending = _changes(account, ids, outcome)
    sent = _send(account, pending) if pending else live.Sent()
    _record(pending, sent, outcome)
    skus = sum(len(changes) for _, changes in pending)
    notes = [f"{skus} SKUs sent in {sent.calls} calls", f"{offline} taken offline", f"{online} back online"]
    live.log(account, "Inventory update", "inventory", outcome, notes, user)
    return outcome


def _any_on_aliexpress(account: Account, ids: list[int] | None) -> bool:
    found = Listing.objects.filter(
        account=account,
        status__in=[ListingStatus.LIVE, ListingStatus.OFFLINE],
        aliexpress_product_id__isnull=False,
    )
    return (found if ids is None else found.filter(product__in=ids)).exists()


# --- offline / online ------------------------------------------------------------------------------


def _offline(account: Account, ids: list[int] | None, outcome: Outcome) -> int:
    gone = Q(product__enabled=False) | Q(product__removed_at__isnull=False)
    listings = list(live.live_listings(account, ids).filter(gone).select_related("product").order_by("pk"))
    return _change_status(account, listings, ListingStatus.OFFLINE, OFFLINE_REFUSED, outcome)


def _online(account: Account, ids: list[int] | None, outcome: Outcome) -> int:
    found = Listing.objects.filter(
        account=account,
        status=ListingStatus.OFFLINE,
        aliexpress_product_id__isnull=False,
        product__enabled=True,
        product__removed_at__isnull=True,
    )
    if ids is not None:
        found = found.filter(product__in=ids)
    listings = list(found.select_related("product").order_by("pk"))
    return _change_status(account, listings, ListingStatus.LIVE, ONLINE_REFUSED, outcome)


def _change_status(
    account: Account, listings: Sequence[Listing], status: str, refused_prefix: str, outcome: Outcome
) -> int:
    """Take ``listings`` offline (``status`` offline) or online (live), by chunks of ids; returns how
    many changed. A refusal keeps the listing's status and records AliExpress's message."""
    if not listings:
        return 0
    by_id = {lst.aliexpress_product_id: lst for lst in listings}
    with closing(live.client(account)) as client:
        call = client.products.offline if status == ListingStatus.OFFLINE else client.products.online
        failed = _status_calls(call, [i for i in by_id if i is not None])
    now = timezone.now()
    for product_id, listing in by_id.items():
        refused = failed.get(product_id) if product_id is not None else None
        if refused is None:
            listing.status = status
            outcome.done.append(listing.product.sku)
        else:
            outcome.failed[listing.product.sku] = f"{refused_prefix}{refused}"
        live.set_sync_error(listing, refused_prefix, refused)
        listing.updated_at = now
    Listing.objects.bulk_update(listings, ["status", "errors", "updated_at"], batch_size=live.PAGE)
    return len(listings) - len(failed)


def _status_calls(call: Callable[[list[int]], ae.StatusChangeResult], ids: list[int]) -> dict[int, str]:
    """The ids AliExpress did not change, with its message."""
    failed: dict[int, str] = {}
    for chunk in sync.chunks(ids, sync.MAX_STATUS_CHANGE_IDS):
        try:
            result = call(chunk)
        except AuthError:
            raise
        except AliExpressError as error:
            failed |= dict.fromkeys(chunk, live.describe(error))
            continue
        for failure in result.failed:
            named = [failure.product_id] if failure.product_id is not None else chunk
            failed |= dict.fromkeys(named, live.describe(failure.error))
    return failed


# --- stock -----------------------------------------------------------------------------------------


def _changes(
    account: Account, ids: list[int] | None, outcome: Outcome
) -> list[tuple[live.Live, list[StockChange]]]:
    reader = snapshots.Reader(account)
    done = set(outcome.done)  # back online this run: reported as done already
    pending = []
    for page in live.pages(account, live.live_listings(account, ids)):
        for item in page:
            current = sync.current_stock(reader.product(item.row, {}), reader.settings)
            changes = sync.stock_changes(item.pushed(), current)
            if changes:
                pending.append((item, changes))
            elif item.row.sku not in done:
                outcome.skipped[item.row.sku] = live.UNCHANGED
    return pending


def _send(account: Account, pending: list[tuple[live.Live, list[StockChange]]]) -> live.Sent:
    updates = sync.zero_first([(item.product_id, changes) for item, changes in pending])
    calls = sync.batches(updates, account.inventory_chunk_size)
    with closing(live.client(account)) as client:
        return live.send(calls, lambda batch: client.products.inventory_update([_update(e) for e in batch]))


def _update(entry: tuple[int, list[StockChange]]) -> ae.ProductInventoryUpdate:
    product_id, skus = entry
    return ae.ProductInventoryUpdate(product_id, [ae.SkuInventory(code, qty) for code, qty in skus])


def _record(pending: list[tuple[live.Live, list[StockChange]]], sent: live.Sent, outcome: Outcome) -> None:
    now = timezone.now()
    rows = {(item.product_id, s.sku_code): s for item, _ in pending for s in item.skus}
    changed: list[ListingSku] = []
    for product_id, skus in sent.done:
        for code, qty in skus:
            row = rows[(product_id, code)]
            row.pushed_qty, row.qty_pushed_at = qty, now
            changed.append(row)
    errored = live.settle(
        pending, sent, outcome, failed="AliExpress refused the inventory update: ", error=REFUSED
    )
    with transaction.atomic():
        ListingSku.objects.bulk_update(changed, ["pushed_qty", "qty_pushed_at"], batch_size=live.PAGE)
        live.save_errors(errored)
