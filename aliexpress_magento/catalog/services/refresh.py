"""The catalog mirror's refresh: products read from the account's Store page by page and written in bulk,
then the salable stock of the live products.

An incremental refresh reads from the watermark (the last Magento ``updated_at`` fully committed) less an
overlap; a full refresh reads everything and, only once the read is complete, marks removed the products
it did not see. A row is written only when its content hash changed (or it comes back from removal).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import islice
from typing import Any

from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.mappers import Mirrored, content_hash, flatten
from aliexpress_magento.catalog.models import CatalogProduct, CatalogState
from aliexpress_magento.catalog.services import category_links, progress
from aliexpress_magento.catalog.services.taxonomy import TaxonomyCounts, refresh_taxonomy
from aliexpress_magento.stores.base import Store
from aliexpress_magento.stores.model import StoreProduct

# Re-read this much before the watermark: a product saved while the previous refresh read (its
# updated_at stamped before that refresh's last page, committed after it) or stamped by a Magento node
# whose clock lags would otherwise fall behind the watermark and never be read. Re-reading costs little:
# unchanged rows are compared by hash, not written.
OVERLAP = timedelta(minutes=10)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
PAGE_SIZE = 100  # products per transaction (and per Store page)
STOCK_CHUNK = 500  # SKUs per salable-quantity call
LIVE_CHUNK = 1000  # rows per keyset query when walking the live products
# The job reads everything once a day: only a full read finds the products deleted in Magento.
FULL_EVERY = timedelta(days=1)
_ROW_FIELDS = (
    "sku", "type", "attribute_set_id", "name", "enabled", "visibility", "price", "special_price", "weight",
    "attributes", "images", "category_ids", "axes", "axis_values", "unavailable_reason",
    "special_price_from", "special_price_to",
)  # fmt: skip
_UPDATE_FIELDS = [*_ROW_FIELDS, "parent", "updated_at", "content_hash", "removed_at", "mirrored_at"]
_STOCK_FIELDS = ["salable_qty", "is_salable", "limited", "stock_read_at"]


@dataclass
class RefreshCounts:
    read: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    stock_updated: int = 0

    def summary(self) -> str:
        return ", ".join(f"{f.name.replace('_', ' ')} {getattr(self, f.name)}" for f in fields(self))


def refresh(
    account: Account,
    *,
    full: bool = False,
    beat: Callable[[], None] | None = None,
    taxonomy: bool | None = None,
) -> RefreshCounts:
    """Mirror the account's products changed since the watermark (everything with ``full``), then their
    stock, then (``taxonomy``; by default with a full refresh) the attributes and category tree. ``beat``
    is called between pages (a job keeps its lock with it). Progress is kept on ``CatalogState``."""
    kind = "Full" if full else "Incremental"
    with_taxonomy = full if taxonomy is None else taxonomy
    progress.start(account)
    try:
        with api_clients.store(account) as store:
            counts = _refresh(account, store, full=full, beat=beat or (lambda: None))
            read = _taxonomy(account, store) if with_taxonomy else None
    except Exception as exc:
        message = f"{kind} catalog refresh failed: {exc}. Rows already written are kept; nothing was removed."
        record(Level.ERROR, "catalog", message, sub_type="refresh", account_id=account.pk)
        progress.finish(account, message)
        raise
    record(
        Level.SUCCESS,
        "catalog",
        f"{kind} catalog refresh: {counts.summary()}.",
        sub_type="refresh",
        account_id=account.pk,
    )
    progress.finish(account, done_message(counts, read))
    return counts


def _taxonomy(account: Account, store: Store) -> TaxonomyCounts:
    progress.taxonomy_started(account)
    return refresh_taxonomy(account, store)


def done_message(counts: RefreshCounts, read: TaxonomyCounts | None) -> str:
    """The refresh's outcome as the progress panel shows it."""
    text = (
        f"Done: read {counts.read:,}, created {counts.created:,}, changed {counts.changed:,}, "
        f"unchanged {counts.unchanged:,}, removed {counts.removed:,}, stock updated {counts.stock_updated:,}"
    )
    return f"{text}; {read.summary()}." if read else f"{text}."


def full_due(account: Account) -> bool:
    """Whether the scheduled refresh should be a full one (no complete read within ``FULL_EVERY``)."""
    state = CatalogState.objects.filter(account=account).first()
    return state is None or state.full_read_at is None or timezone.now() - state.full_read_at >= FULL_EVERY


def _refresh(account: Account, store: Store, *, full: bool, beat: Callable[[], None]) -> RefreshCounts:
    state, _ = CatalogState.objects.get_or_create(account=account)
    since = EPOCH if full or state.watermark is None else state.watermark - OVERLAP
    counts = RefreshCounts()
    # A full read remembers the ids it saw (ints: small even for a large catalog) to find the removed.
    seen: set[int] | None = set() if full else None
    for page in _pages(store.products_changed_since(since, page_size=PAGE_SIZE), PAGE_SIZE):
        _write_page(account, page, counts, seen)
        progress.products_read(account, counts.read)
        beat()
    if seen is not None:  # reached only when the read went through to its end
        counts.removed = _mark_removed(account, seen)
        CatalogState.objects.filter(account=account).update(full_read_at=timezone.now())
    progress.stock_started(account)
    counts.stock_updated = refresh_stock(account, store, checked=partial(progress.stock_checked, account))
    return counts


def _pages(products: Iterable[StoreProduct], size: int) -> Iterator[list[StoreProduct]]:
    iterator = iter(products)
    while page := list(islice(iterator, size)):
        yield page


def _write_page(
    account: Account, page: list[StoreProduct], counts: RefreshCounts, seen: set[int] | None
) -> None:
    """Write the page's changed rows and move the watermark to its newest product, in one transaction."""
    items: dict[int, Mirrored] = {}
    for item in flatten(page):  # a child met both alone and inside its parent keeps its parent link
        if item.product.entity_id not in items or item.parent_entity_id is not None:
            items[item.product.entity_id] = item
    counts.read += len(items)
    if seen is not None:
        seen.update(items)
    now = timezone.now()
    with transaction.atomic():
        existing: dict[int, dict[str, Any]] = {
            row["entity_id"]: dict(row)
            for row in CatalogProduct.objects.filter(account=account, entity_id__in=items).values(
                "entity_id", "content_hash", "removed_at", "parent__entity_id", "axis_values"
            )
        }
        resolved = [_keep_parent(item, existing.get(id_)) for id_, item in items.items()]
        written = _upsert(account, [i for i in resolved if i.parent_entity_id is None], existing, counts, now)
        written += _upsert(
            account, [i for i in resolved if i.parent_entity_id is not None], existing, counts, now
        )
        category_links.rewrite(account, written)
        newest = max(p.updated_at for p in page)
        state = CatalogState.objects.select_for_update().get(account=account)
        if state.watermark is None or newest > state.watermark:
            state.watermark = newest
            state.save(update_fields=["watermark"])


def _keep_parent(item: Mirrored, row: dict[str, Any] | None) -> Mirrored:
    """A child read on its own does not say its parent: keep the link (and axis values) already mirrored."""
    if item.parent_entity_id is not None or row is None or row["parent__entity_id"] is None:
        return item
    values = {**item.values, "axis_values": item.values["axis_values"] or row["axis_values"]}
    return Mirrored(item.product, values, row["parent__entity_id"])


def _upsert(
    account: Account,
    items: list[Mirrored],
    existing: dict[int, dict[str, Any]],
    counts: RefreshCounts,
    now: datetime,
) -> list[CatalogProduct]:
    """Write the items whose content hash changed (or that come back from removal); returns the rows
    written. ``first_mirrored_at`` is set on insert only: it is not among the conflict's update fields."""
    parents = _parent_pks(account, {i.parent_entity_id for i in items if i.parent_entity_id is not None})
    rows = []
    for item in items:
        digest = content_hash(item.values, item.parent_entity_id)
        old = existing.get(item.product.entity_id)
        if old is not None and old["content_hash"] == digest and old["removed_at"] is None:
            counts.unchanged += 1
            continue
        if old is None:
            counts.created += 1
        else:
            counts.changed += 1
        rows.append(
            CatalogProduct(
                account=account,
                entity_id=item.product.entity_id,
                parent_id=parents.get(item.parent_entity_id) if item.parent_entity_id else None,
                updated_at=item.product.updated_at,
                content_hash=digest,
                removed_at=None,
                mirrored_at=now,
                first_mirrored_at=now,
                **item.values,
            )
        )
    if rows:
        CatalogProduct.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["account", "entity_id"], update_fields=_UPDATE_FIELDS
        )
    return rows


def _parent_pks(account: Account, entity_ids: set[int]) -> dict[int, int]:
    if not entity_ids:
        return {}
    found = CatalogProduct.objects.filter(account=account, entity_id__in=entity_ids)
    return dict(found.values_list("entity_id", "pk"))


def _live_chunks(account: Account, *columns: str) -> Iterator[list[tuple[Any, ...]]]:
    """The account's live rows (``pk`` first, then ``columns``) by keyset pages: memory stays flat, and
    writing between pages is safe (SQLite gives a cursor no isolation from its own connection's writes)."""
    live = CatalogProduct.objects.filter(account=account, removed_at__isnull=True).order_by("pk")
    last = 0
    while chunk := list(live.filter(pk__gt=last).values_list("pk", *columns)[:LIVE_CHUNK]):
        yield chunk
        last = chunk[-1][0]


def _mark_removed(account: Account, seen: set[int]) -> int:
    """After a complete full read: the live products it did not see are gone from Magento."""
    now, removed = timezone.now(), 0
    for chunk in _live_chunks(account, "entity_id"):
        gone = [pk for pk, entity_id in chunk if entity_id not in seen]
        if gone:
            removed += CatalogProduct.objects.filter(pk__in=gone).update(removed_at=now)
    return removed


def refresh_stock(account: Account, store: Store, *, checked: Callable[[int], None] | None = None) -> int:
    """Read the salable stock of the account's live mirrored SKUs in bulk and write the rows whose stock
    changed; returns how many. An order in Magento moves stock without touching ``updated_at``, so the
    product pass cannot see it: this pass reads every live SKU. ``checked`` is told how many SKUs were
    read so far, after each call (the progress panel)."""
    now, updated, asked = timezone.now(), 0, 0
    for chunk in _live_chunks(account, "sku", "salable_qty", "is_salable", "limited"):
        for part in (chunk[i : i + STOCK_CHUNK] for i in range(0, len(chunk), STOCK_CHUNK)):
            stock = store.salable_quantities([row[1] for row in part])
            changed = []
            for pk, sku, qty, salable, limited in part:
                new = stock.get(sku)
                if new is not None and (qty, salable, limited) != (new.qty, new.is_salable, new.limited):
                    changed.append(
                        CatalogProduct(
                            pk=pk,
                            salable_qty=new.qty,
                            is_salable=new.is_salable,
                            limited=new.limited,
                            stock_read_at=now,
                        )
                    )
            CatalogProduct.objects.bulk_update(changed, _STOCK_FIELDS)
            updated += len(changed)
            asked += len(part)
            if checked is not None:
                checked(asked)
    CatalogState.objects.update_or_create(account=account, defaults={"stock_read_at": now})
    return updated
