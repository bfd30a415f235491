"""What the price sync, the inventory sync and delete share: the live listings read page by page with
their SKUs and mirror rows, the batch calls sent with their per-product failures, the sync errors kept
on the listing, and the run's Activity Logs entry.

A listing is *live* here when its status is ``live``: AliExpress holds it and no upload of it is in
flight or refused. Its ``ListingSku`` rows are what AliExpress has; only those SKUs are ever sent (a SKU
AliExpress does not have fails the whole product), new children wait for the next full update.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.utils import timezone

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services import tokens
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.clients.aliexpress import AliExpressClient, AliExpressError, AuthError
from aliexpress_magento.clients.aliexpress.products import BatchResult
from aliexpress_magento.listings.mappers import listing as state
from aliexpress_magento.listings.mappers.sync import PushedSku
from aliexpress_magento.listings.models import Listing, ListingSku, ListingStatus
from aliexpress_magento.listings.services import snapshots
from aliexpress_magento.listings.services.upload import LOG_TYPE, MAX_REASONS_LOGGED, Outcome, User

T = TypeVar("T")
PAGE = 500  # listings read at a time: memory follows the page and the changes, not the catalog
UNCHANGED = "unchanged since the last push"
Entry = tuple[int, list[T]]  # (AliExpress product id, its SKU updates): one product of a batch call


@dataclass
class Live:
    """One live listing with its mirror row (children prefetched) and the SKUs AliExpress has."""

    listing: Listing
    row: CatalogProduct
    skus: list[ListingSku]

    @property
    def product_id(self) -> int:
        assert self.listing.aliexpress_product_id is not None  # live: AliExpress gave it one
        return self.listing.aliexpress_product_id

    def pushed(self) -> list[PushedSku]:
        return [
            PushedSku(s.sku_code, s.pushed_price, s.pushed_discount_price, s.pushed_qty) for s in self.skus
        ]


def live_listings(account: Account, product_ids: Iterable[int] | None) -> QuerySet[Listing]:
    """The account's live listings (of ``product_ids``, Magento product ids, when given)."""
    found = Listing.objects.filter(
        account=account, status=ListingStatus.LIVE, aliexpress_product_id__isnull=False
    )
    return found if product_ids is None else found.filter(product__in=list(product_ids))


def pages(account: Account, listings: QuerySet[Listing]) -> Iterator[list[Live]]:
    """``listings`` (of products enabled and still in Magento) :data:`PAGE` at a time, each page in a
    fixed number of queries."""
    ids = list(
        listings.filter(product__enabled=True, product__removed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), PAGE):
        chunk = ids[start : start + PAGE]
        found = list(Listing.objects.filter(pk__in=chunk).select_related("product").order_by("pk"))
        rows = {r.pk: r for r in snapshots.products(account, [lst.product_id for lst in found])}
        skus: dict[int, list[ListingSku]] = {lst.pk: [] for lst in found}
        for sku in ListingSku.objects.filter(listing__in=chunk).order_by("pk"):
            skus[sku.listing_id].append(sku)
        yield [Live(lst, rows[lst.product_id], skus[lst.pk]) for lst in found]


def client(account: Account) -> AliExpressClient:
    return api_clients.aliexpress(account, on_token_refreshed=tokens.persist_refreshed(account))


def describe(error: AliExpressError) -> str:
    """AliExpress's message and code, as the listing and the log show them."""
    message = error.sub_message or error.message or str(error)
    code = error.sub_code or error.code
    return f"{message} ({code})" if code else message


@dataclass
class Sent:
    """What a run's batch calls did: the entries AliExpress took, and the products it refused, by id."""

    done: list[tuple[int, list[Any]]] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    calls: int = 0


def send(calls: Sequence[list[Entry[T]]], call: Callable[[list[Entry[T]]], BatchResult]) -> Sent:
    """Send each batch; a product in ``update_failed_list`` fails alone, a refused call fails its
    products and the next call still goes. Refused credentials end the run (the job pauses the account)."""
    sent = Sent()
    for batch in calls:
        sent.calls += 1
        try:
            result = call(batch)
        except AuthError:
            raise
        except AliExpressError as error:
            sent.failed |= {product_id: describe(error) for product_id, _ in batch}
            continue
        refused = {f.product_id: describe(f.error) for f in result.failed}
        if None in refused:  # a failure naming no product: only the ones listed as done are done
            refused |= {p: refused[None] for p, _ in batch if p not in result.succeeded}
        sent.failed |= {p: why for p, why in refused.items() if p is not None}
        sent.done += [entry for entry in batch if entry[0] not in refused]
    return sent


# --- the listing's sync errors ---------------------------------------------------------------------


def set_sync_error(listing: Listing, prefix: str, message: str | None) -> bool:
    """Replace the listing's errors that start with ``prefix`` (one kind of sync's) by ``message``, or
    drop them when it is None; True if the errors changed. Other errors are kept."""
    kept = [e for e in listing.errors if not str(e.get("message", "")).startswith(prefix)]
    if message is not None:
        kept.append(state.error("", "", f"{prefix}{message}"))
    if kept == listing.errors:
        return False
    listing.errors = kept
    return True


def settle(
    pending: Sequence[tuple[Live, Any]], sent: Sent, outcome: Outcome, *, failed: str, error: str
) -> list[Listing]:
    """Each product that was sent is done, or failed with AliExpress's message (``failed`` before it in the
    outcome, ``error`` before it on the listing, where a success drops it); returns the listings whose
    errors changed, for ``save_errors``."""
    errored = []
    for item, _ in pending:
        refused = sent.failed.get(item.product_id)
        if refused is None:
            if item.row.sku not in outcome.done:  # taken online earlier in the same run
                outcome.done.append(item.row.sku)
        else:
            outcome.failed[item.row.sku] = f"{failed}{refused}"
        if set_sync_error(item.listing, error, refused):
            errored.append(item.listing)
    return errored


def save_errors(listings: Sequence[Listing]) -> None:
    now = timezone.now()
    for listing in listings:
        listing.updated_at = now
    Listing.objects.bulk_update(listings, ["errors", "updated_at"], batch_size=PAGE)


# --- the Activity Logs entry -----------------------------------------------------------------------


def log(
    account: Account, title: str, sub_type: str, outcome: Outcome, notes: Sequence[str], user: User
) -> None:
    """One entry per run: the counts, what was sent, and the reasons of failures (not the unchanged)."""
    reasons = [f"{sku}: {why}" for sku, why in outcome.failed.items()]
    reasons += [f"{sku}: skipped, {why}" for sku, why in outcome.skipped.items() if why != UNCHANGED]
    if len(reasons) > MAX_REASONS_LOGGED:
        reasons = [*reasons[:MAX_REASONS_LOGGED], f"… and {len(reasons) - MAX_REASONS_LOGGED} more."]
    level = Level.SUCCESS if not outcome.failed else Level.WARNING if outcome.done else Level.ERROR
    head = f"{title}: {outcome.counts()}" + "".join(f"; {n}" for n in notes) + "."
    comment = "\n".join([head, *reasons])
    record(level, LOG_TYPE, comment, sub_type=sub_type, user=user, account_id=account.pk)
