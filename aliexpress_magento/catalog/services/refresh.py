"""The catalog mirror's refresh: products read from the account's Store page by page and written in bulk,
and the salable stock of the live products.

An incremental refresh reads from the watermark (the last Magento ``updated_at`` fully committed) less an
overlap; a full refresh reads everything and, only once the read is complete, marks removed the products
it did not see. A row is written only when its content hash changed (or it comes back from removal).

The Store is read on threads (:mod:`.overlap`) while this thread writes: the next product pages are read
while a page is written, and the salable quantities of each written page's SKUs are read beside them
(on a second Store of the account); the stock pass then reads only the live SKUs the product pass did not
meet. Every database write stays in the caller's thread, one transaction per page as before.

The names and descriptions of the further store views (those mapped to further AliExpress locales) are
read for each page on the read-ahead thread, right after the page (:mod:`.view_texts`), and written in
the same row: a text changed in one of those views changes the row's content hash. A view mapped since
the last complete read has no texts in the mirror yet: the next refresh is then a full one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import islice
from typing import Any

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Q
from django.db.models.constants import OnConflict
from django.utils import timezone

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.choices import RateSource
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services import rates
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.mappers import Mirrored, ViewTexts, content_hash, members, row_values
from aliexpress_magento.catalog.models import CatalogProduct, CatalogState
from aliexpress_magento.catalog.services import category_links, progress
from aliexpress_magento.catalog.services.overlap import Answer, ReadAhead, StockReader
from aliexpress_magento.catalog.services.taxonomy import TaxonomyCounts, refresh_taxonomy
from aliexpress_magento.catalog.services.view_texts import ViewTextReader, mapped_views
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
READ_AHEAD = 2  # product pages read ahead of the writer
STOCK_AHEAD = 2  # salable-quantity calls queued for the stock reader
LIVE_CHUNK = 1000  # rows per keyset query when walking the live products
# The job reads everything once a day: only a full read finds the products deleted in Magento.
FULL_EVERY = timedelta(days=1)
_ROW_FIELDS = (
    "sku", "type", "attribute_set_id", "name", "enabled", "visibility", "price", "special_price", "weight",
    "attributes", "images", "category_ids", "axes", "axis_values", "unavailable_reason",
    "special_price_from", "special_price_to", "store_view_texts",
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
    is called between pages (a job keeps its lock with it). Progress is kept on ``CatalogState``. A
    further store view mapped since the last complete read makes it a full refresh (:func:`views_unread`)."""
    unread = views_unread(account)
    full = full or bool(unread)
    kind = "Full" if full else "Incremental"
    with_taxonomy = full if taxonomy is None else taxonomy
    progress.start(account)
    try:
        # Two Stores: the product read and the stock read run on threads of their own, at the same time.
        with (
            api_clients.store(account) as store,
            api_clients.store(account) as stock_store,
            ViewTextReader(account) as texts,
        ):
            counts = _refresh(account, store, stock_store, texts, full=full, beat=beat or (lambda: None))
            read = _taxonomy(account, store) if with_taxonomy else None
            _store_rates(account, store)
    except Exception as exc:
        message = f"{kind} catalog refresh failed: {exc}. Rows already written are kept; nothing was removed."
        record(Level.ERROR, "catalog", message, sub_type="refresh", account_id=account.pk)
        progress.finish(account, message)
        raise
    why = f" (store views newly mapped to further locales: {', '.join(unread)})" if unread else ""
    record(
        Level.SUCCESS,
        "catalog",
        f"{kind} catalog refresh{why}: {counts.summary()}.",
        sub_type="refresh",
        account_id=account.pk,
    )
    progress.finish(account, done_message(counts, read))
    return counts


def _store_rates(account: Account, store: Store) -> None:
    """With the store's rates as the account's rate source, read them with the prices they convert; a
    failure does not fail the refresh (the rates read before stay, the failure is logged beside them)."""
    if account.rate_source != RateSource.STORE:
        return
    problem = rates.read_store_rates(account, store)
    if problem:
        message = f"The store's currency rates could not be read: {problem}"
        record(Level.WARNING, "catalog", message, sub_type="rates", account_id=account.pk)


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


def views_unread(account: Account) -> list[str]:
    """The further store views mapped to locales whose texts the mirror has not read yet: mapped since
    the last complete read of an already mirrored catalog (a first read reads everything anyway)."""
    state = CatalogState.objects.filter(account=account, watermark__isnull=False).first()
    if state is None:
        return []
    return [view for view in mapped_views(account) if view not in (state.text_views or [])]


def full_due(account: Account) -> bool:
    """Whether the scheduled refresh should be a full one (no complete read within ``FULL_EVERY``)."""
    state = CatalogState.objects.filter(account=account).first()
    return state is None or state.full_read_at is None or timezone.now() - state.full_read_at >= FULL_EVERY


def _refresh(
    account: Account,
    store: Store,
    stock_store: Store,
    texts: ViewTextReader,
    *,
    full: bool,
    beat: Callable[[], None],
) -> RefreshCounts:
    state, _ = CatalogState.objects.get_or_create(account=account)
    since = EPOCH if full or state.watermark is None else state.watermark - OVERLAP
    counts = RefreshCounts()
    now = timezone.now()
    # A full read remembers the ids it saw (ints: small even for a large catalog) to find the removed.
    seen: set[int] | None = set() if full else None
    asked: set[int] = set()  # the products (Magento ids) whose stock this refresh has asked for
    products = texts.attach(_pages(store.products_changed_since(since, page_size=PAGE_SIZE), PAGE_SIZE))
    with (
        ReadAhead(products, READ_AHEAD) as pages,
        StockReader(stock_store, STOCK_CHUNK, STOCK_AHEAD) as stock,
    ):
        for page, page_texts in pages:
            stock.submit(_not_asked(_write_page(account, page, page_texts, counts, seen), asked))
            counts.stock_updated += _write_stock(account, stock.answers(), now)
            progress.products_read(account, counts.read)
            beat()
        if seen is not None:  # reached only when the read went through to its end
            counts.removed = _mark_removed(account, seen)
            CatalogState.objects.filter(account=account).update(full_read_at=timezone.now())
        # The read went through: the views read are the ones whose texts the mirror now holds
        CatalogState.objects.filter(account=account).update(text_views=texts.views)
        progress.stock_started(account, checked=len(asked))
        checked = partial(progress.stock_checked, account)
        counts.stock_updated += _stock_pass(account, stock, now, asked, checked)
    return counts


def _pages(products: Iterable[StoreProduct], size: int) -> Iterator[list[StoreProduct]]:
    iterator = iter(products)
    while page := list(islice(iterator, size)):
        yield page


def _not_asked(skus: dict[int, str], asked: set[int]) -> list[str]:
    """The SKUs of the products not asked for yet (a child comes alone and in its configurable's page),
    now noted as asked."""
    new = [sku for entity_id, sku in skus.items() if entity_id not in asked]
    asked.update(skus)
    return new


def _write_page(
    account: Account,
    page: list[StoreProduct],
    texts: dict[int, ViewTexts],
    counts: RefreshCounts,
    seen: set[int] | None,
) -> dict[int, str]:
    """Write the page's changed rows (``texts``: their further store views' texts, by Magento id) and
    move the watermark to its newest product, in one transaction; returns the page's products (Magento
    id → SKU, every one now a live row), whose stock is read next."""
    chosen: dict[int, tuple[StoreProduct, int | None]] = {}
    for product, parent in members(page):  # a child met both alone and inside its parent keeps its link
        if product.entity_id not in chosen or parent is not None:
            chosen[product.entity_id] = (product, parent)
    # row values only for the products kept (a page holds many children twice)
    items = {
        id_: Mirrored(product, row_values(product, texts.get(id_)), parent)
        for id_, (product, parent) in chosen.items()
    }
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
    return {entity_id: item.values["sku"] for entity_id, item in items.items()}


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
) -> list[dict[str, Any]]:
    """Write the items whose content hash changed (or that come back from removal); returns the rows
    written (values by field attname). ``first_mirrored_at`` is set on insert only: it is not among the
    conflict's update fields."""
    parents = _parent_pks(account, {i.parent_entity_id for i in items if i.parent_entity_id is not None})
    rows = []
    for item in items:  # hashes first: a row is built only for a product whose hash changed
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
            {
                **item.values,
                "account_id": account.pk,
                "entity_id": item.product.entity_id,
                "parent_id": parents.get(item.parent_entity_id) if item.parent_entity_id else None,
                "updated_at": item.product.updated_at,
                "content_hash": digest,
                "removed_at": None,
                "mirrored_at": now,
                "first_mirrored_at": now,  # not among the update fields: kept from the first insert
            }
        )
    _insert_or_update(rows)
    return rows


def _insert_or_update(rows: list[dict[str, Any]]) -> None:
    """``INSERT … VALUES (…), (…) ON CONFLICT (account, entity_id) DO UPDATE`` of ``_UPDATE_FIELDS`` for
    ``rows`` (values by field attname; a field left out takes its default on insert and keeps its value on
    update), as many rows a statement as the backend takes. What ``bulk_create(update_conflicts=True)``
    does, without building a model instance and compiling every value of every row through the ORM: that
    cost about as much CPU as reading the products from Magento. The SQL pieces and each value's conversion
    are still the ORM's (the backend's ``bulk_insert_sql``, ``on_conflict_suffix_sql`` and batch size, each
    field's ``get_db_prep_value``). One statement for many rows, not one executed many times: PostgreSQL
    then parses and plans it once (0.5 ms a row otherwise)."""
    if not rows:
        return
    db = transaction.get_connection()  # once: the ``connection`` proxy costs a lookup per attribute
    meta, ops = CatalogProduct._meta, db.ops
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    head = "{} {} ({})".format(
        ops.insert_statement(on_conflict=OnConflict.UPDATE),
        ops.quote_name(meta.db_table),
        ", ".join(ops.quote_name(f.column) for f in fields),
    )
    suffix = ops.on_conflict_suffix_sql(
        fields,
        OnConflict.UPDATE,
        [f.column for f in _fields(*_UPDATE_FIELDS)],
        [f.column for f in _fields("account", "entity_id")],
    )
    convert = _Converter(db)
    params = [[convert(f, row.get(f.attname, defaults[f.attname])) for f in fields] for row in rows]
    batch = max(1, ops.bulk_batch_size(fields, rows))
    with db.cursor() as cursor:
        for start in range(0, len(params), batch):
            part = params[start : start + batch]
            values = ops.bulk_insert_sql(fields, [["%s"] * len(fields)] * len(part))
            cursor.execute(f"{head} {values} {suffix}", [value for row in part for value in row])


def _fields(*names: str) -> list[Field[Any, Any]]:
    by_name = {f.name: f for f in CatalogProduct._meta.concrete_fields}
    return [by_name[name] for name in names]


class _Converter:
    """A value (already of its field's Python type: an aware datetime, a Decimal, a dict…) as the database
    driver takes it, by the field's ``get_db_prep_value``. ``None`` is SQL NULL (a JSON field would
    otherwise write JSON ``null``); a value met again (the refresh's timestamp on every row) is
    converted once."""

    def __init__(self, db: BaseDatabaseWrapper) -> None:
        self.db = db
        self.seen: dict[tuple[int, int], Any] = {}  # (id(field), id(value)) → converted, for datetimes

    def __call__(self, field: Field[Any, Any], value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, datetime):
            return field.get_db_prep_value(value, self.db, prepared=True)
        key = (id(field), id(value))
        if key not in self.seen:
            self.seen[key] = field.get_db_prep_value(value, self.db, prepared=True)
        return self.seen[key]


def _parent_pks(account: Account, entity_ids: set[int]) -> dict[int, int]:
    if not entity_ids:
        return {}
    found = CatalogProduct.objects.filter(account=account, entity_id__in=entity_ids)
    return dict(found.values_list("entity_id", "pk"))


def _live_chunks(account: Account, *columns: str, only: Q | None = None) -> Iterator[list[tuple[Any, ...]]]:
    """The account's live rows (``pk`` first, then ``columns``; ``only`` narrows them) by keyset pages:
    memory stays flat, and writing between pages is safe (SQLite gives a cursor no isolation from its
    own connection's writes)."""
    live = CatalogProduct.objects.filter(account=account, removed_at__isnull=True).order_by("pk")
    if only is not None:
        live = live.filter(only)
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


def refresh_stock(
    account: Account,
    store: Store,
    *,
    checked: Callable[[int], None] | None = None,
    product_ids: Collection[int] | None = None,
) -> int:
    """Read the salable stock of the account's live mirrored SKUs in bulk and write the rows whose stock
    changed; returns how many. An order in Magento moves stock without touching ``updated_at``, so the
    product pass cannot see it: every live SKU is read (``refresh`` reads most of them beside its product
    pass, and the rest with :func:`_stock_pass`). ``checked`` is told how many products' stock has been
    asked for so far, after each chunk (the progress panel). ``product_ids`` (mirror row ids) limits the
    read to those products and their children (Manage Products' Inventory Update of a selection)."""
    only = None if product_ids is None else Q(pk__in=product_ids) | Q(parent_id__in=product_ids)
    with StockReader(store, STOCK_CHUNK, STOCK_AHEAD) as stock:
        return _stock_pass(account, stock, timezone.now(), set(), checked, only)


def _stock_pass(
    account: Account,
    stock: StockReader,
    now: datetime,
    asked: set[int],
    checked: Callable[[int], None] | None = None,
    only: Q | None = None,
) -> int:
    """The stock of the live products not in ``asked`` (Magento ids whose stock this refresh asked for)."""
    updated = 0
    for chunk in _live_chunks(account, "entity_id", "sku", only=only):
        stock.submit(_not_asked({entity_id: sku for _, entity_id, sku in chunk}, asked))
        updated += _write_stock(account, stock.answers(), now)
        if checked is not None:
            checked(len(asked))
    updated += _write_stock(account, stock.answers(wait=True), now)
    CatalogState.objects.update_or_create(account=account, defaults={"stock_read_at": now})
    return updated


def _write_stock(account: Account, answers: Iterable[Answer], now: datetime) -> int:
    """Write the stock the Store answered to the live rows of those SKUs where it differs; returns how
    many were written."""
    updated = 0
    for skus, stock in answers:
        rows = CatalogProduct.objects.filter(account=account, removed_at__isnull=True, sku__in=skus)
        changed = []
        for pk, sku, qty, salable, limited in rows.values_list("pk", "sku", *_STOCK_FIELDS[:3]):
            new = stock.get(sku)
            if new is not None and (qty, salable, limited) != (new.qty, new.is_salable, new.limited):
                changed.append((new.qty, new.is_salable, new.limited, now, pk))
        _update_stock(changed)
        updated += len(changed)
    return updated


def _update_stock(rows: list[tuple[Any, ...]]) -> None:
    """One ``UPDATE … WHERE pk = %s`` executed for many rows, in one transaction. ``bulk_update`` builds a
    ``CASE`` expression per row and field and cost 0.5 ms a row (as much as reading the stock); this
    costs a few µs. Names and values go through the model's fields, so they stay the ORM's."""
    if not rows:
        return
    db = transaction.get_connection()
    meta, quote = CatalogProduct._meta, db.ops.quote_name
    fields = _fields(*_STOCK_FIELDS)
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    # names from the model (quoted by the backend), values as parameters: nothing here comes from input
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    convert = _Converter(db)
    params = [
        [convert(f, value) for f, value in zip(fields, row[:-1], strict=True)] + [row[-1]] for row in rows
    ]
    with transaction.atomic(), db.cursor() as cursor:
        cursor.executemany(sql, params)
