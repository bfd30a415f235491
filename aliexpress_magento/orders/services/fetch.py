"""Fetch: the account's AliExpress orders modified since the watermark, each new or changed one read in
full (order.info.get, order.receiptinfo.get) and kept on its claim row.

The window starts at the watermark less :data:`OVERLAP` (an order AliExpress stamped a little before it
became visible is read again, not lost); without a watermark, ``backfill_days`` back, and never earlier
than that (after a long pause the changes before the back-fill window are skipped and logged). It has no
end, so an order modified while the pages are read stays in the list (a closed window would drop it and
shift the offsets under the read); the watermark then moves to the run's start, and only after every
page's rows are committed, and only when the read was whole: AliExpress pages by offset, so an order
leaving the list during the read (its status left the filter) could shift another out of the pages read,
and then the next run reads the same window again (the claim rows make a second read harmless). The Order
Configuration's own create and modified windows narrow it further. Times are UTC here; the client
converts them to US Pacific at the API's edge (``clients/aliexpress/pacific.py``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from aliexpress_magento.accounts.choices import DEFAULT_FETCH_STATUSES, MAX_ORDER_PAGE_SIZE
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.aliexpress import AliExpressClient
from aliexpress_magento.clients.aliexpress.orders import Address as Receipt
from aliexpress_magento.clients.aliexpress.orders import Order, OrderDetail, OrderPage, OrderQuery
from aliexpress_magento.orders import shipby
from aliexpress_magento.orders.models import AliExpressOrder, ImportStatus, OrderFetchState

OVERLAP = timedelta(minutes=15)
FINISH = "FINISH"
# What a fetch writes on a claim row (never the import's fields: see importer.RESULT_FIELDS).
FETCHED_FIELDS = [
    "list_payload",
    "detail_payload",
    "receipt_payload",
    "aliexpress_status",
    "buyer_login_id",
    "buyer_name",
    "aliexpress_created_at",
    "aliexpress_modified_at",
    "aliexpress_total",
    "aliexpress_currency",
    "ship_by",
    "status",
    "updated_at",
]  # order.get leaves it out unless it is asked for on its own (fact sheet §6)


@dataclass
class FetchCounts:
    listed: int = 0
    new: int = 0
    changed: int = 0
    whole: bool = True  # False: the pages moved during the read; the watermark stayed

    def summary(self) -> str:
        text = f"{self.listed} orders listed, {self.new} new, {self.changed} changed"
        return text if self.whole else f"{text}; the list moved during the read, read again next run"


def fetch_statuses(account: Account) -> list[str]:
    """The statuses chosen in Fetch Order Status (the default when none is chosen)."""
    return list(account.fetch_order_statuses or DEFAULT_FETCH_STATUSES)


def status_groups(statuses: Sequence[str]) -> list[tuple[str, ...]]:
    """One order.get query per group: FINISH goes alone."""
    others = tuple(s for s in statuses if s != FINISH)
    groups = [others] if others else []
    return [*groups, (FINISH,)] if FINISH in statuses else groups


def window_start(state: OrderFetchState, now: datetime) -> datetime:
    """The watermark less the overlap, but never before the back-fill window: after a pause (or a
    stopped worker) longer than the window, the changes in between are not read (see :func:`unread`)."""
    backfill = now - timedelta(days=state.backfill_days)
    if state.watermark is None:
        return backfill
    return max(state.watermark - OVERLAP, backfill)


def unread(state: OrderFetchState, now: datetime) -> tuple[datetime, datetime] | None:
    """The span of changes this run leaves out, when the watermark is older than the back-fill window.

    Why not read from the old watermark: a months-old window reads months of orders (and AliExpress
    refuses a FINISH query over 30 days, fact sheet §6.1), and an order paid that long ago and never
    changed since has most likely passed its ship-by time (unsure: the handling time is the product's);
    importing it now would create a Magento order nobody can ship in time. The merchant is told
    (Activity Log) and can fetch any such order by its id."""
    start = window_start(state, now)
    if state.watermark is None or state.watermark - OVERLAP >= start:
        return None
    return state.watermark - OVERLAP, start


def query(account: Account, start: datetime, statuses: tuple[str, ...]) -> OrderQuery:
    """order.get's filters: the window, and the Order Configuration's (its windows only narrow ours)."""
    chosen_start = account.modified_date_start
    return OrderQuery(
        page_size=min(account.order_page_size or MAX_ORDER_PAGE_SIZE, MAX_ORDER_PAGE_SIZE),
        modified_date_start=max(start, chosen_start) if chosen_start else start,
        modified_date_end=account.modified_date_end,
        create_date_start=account.create_date_start,
        create_date_end=account.create_date_end,
        order_status_list=statuses,
        buyer_login_id=account.buyer_login_id or None,
    )


def begin(account: Account, now: datetime) -> tuple[OrderFetchState, list[OrderQuery]]:
    """The account's fetch state and this run's order.get queries (one per status group); a gap the
    run leaves unread is logged."""
    state, _ = OrderFetchState.objects.get_or_create(account=account)
    start = window_start(state, now)
    _log_unread(account, state, now)
    return state, [query(account, start, group) for group in status_groups(fetch_statuses(account))]


def end(state: OrderFetchState, now: datetime, counts: FetchCounts) -> None:
    """Called once every page's claim rows are committed: the watermark moves if the read was whole."""
    state.last_fetch_at = now
    if counts.whole:
        state.watermark = now
    state.save(update_fields=["watermark", "last_fetch_at"])


def _log_unread(account: Account, state: OrderFetchState, now: datetime) -> None:
    gap = unread(state, now)
    if gap is None:
        return
    record(
        Level.WARNING,
        "orders",
        f"Orders were last read up to {gap[0] + OVERLAP:%Y-%m-%d %H:%M} UTC, longer ago than the back-fill "
        f"window ({state.backfill_days} days; the account was paused or its Order Cron did not run). "
        f"Orders changed from {gap[0]:%Y-%m-%d %H:%M} to {gap[1]:%Y-%m-%d %H:%M} UTC were not read: "
        "use Fetch one order by id for any of them.",
        account_id=account.pk,
    )


@dataclass
class Listing:
    """One order.get query read page by page. ``counts.whole`` goes False when the total changed or
    fewer rows came than announced (the list moved under the offsets)."""

    asked: OrderQuery
    counts: FetchCounts
    number: int = 0  # the page last asked for
    total: int | None = None  # the first page's total_count
    seen: int = 0

    def next_query(self) -> OrderQuery:
        self.number += 1
        return dataclasses.replace(self.asked, current_page=self.number)

    def take(self, page: OrderPage) -> bool:
        """Count the page; True when another page follows it."""
        total = page.total_count if self.total is None else self.total
        self.total = total
        self.seen += len(page.orders)
        self.counts.listed += len(page.orders)
        if page.total_count != total:
            self.counts.whole = False
        more = bool(page.orders) and self.number < page.total_page
        if not more and self.seen < total:
            self.counts.whole = False
        return more


def listed_orders(client: AliExpressClient, asked: OrderQuery, counts: FetchCounts) -> Iterator[Order]:
    """Every order of the query, page by page."""
    listing = Listing(asked, counts)
    while True:
        page = client.orders.get(listing.next_query())
        more = listing.take(page)
        yield from page.orders
        if not more:
            return


def claim_listed(account: Account, order: Order, counts: FetchCounts) -> AliExpressOrder | None:
    """The order's claim row, written (committed) first; returned when the order must be read in full
    (new, or AliExpress changed it since the last read), None otherwise."""
    claim, created = AliExpressOrder.objects.get_or_create(
        account=account, aliexpress_order_id=order.order_id, defaults={"list_payload": order.raw}
    )
    changed = created or not claim.detail_payload or _differs(claim, order)
    if not changed:
        return None
    if created:
        counts.new += 1
    else:
        counts.changed += 1
    return claim


def fetch_one(account: Account, client: AliExpressClient, order_id: int) -> AliExpressOrder:
    """One order by its id, whatever its dates and status (a support case): its claim row, read in full
    (order.get's row stays as the last list gave it, if any). A failed order is made due again. The
    caller holds the account's ``orders.fetch`` lock, as the import does."""
    claim, _ = AliExpressOrder.objects.get_or_create(account=account, aliexpress_order_id=order_id)
    write_full(claim, None, read_full(client, order_id))
    if claim.status == ImportStatus.FAILED:
        claim.status, claim.next_retry_at = ImportStatus.NEW, None
        claim.save(update_fields=["status", "next_retry_at", "updated_at"])
    return claim


@dataclass(frozen=True)
class Full:
    """What order.info.get and order.receiptinfo.get answered for one order."""

    detail: OrderDetail
    receipt: Receipt


def read_full(client: AliExpressClient, order_id: int) -> Full:
    """The two reads of one order; no database here (it runs on the run's AliExpress thread)."""
    return Full(client.orders.info_get(order_id), client.orders.receiptinfo_get(order_id))


def write_full(claim: AliExpressOrder, order: Order | None, full: Full) -> None:
    """Keep the detail and the receipt on the claim row, with what the list said of the order when it
    is known."""
    detail = full.detail
    if order is not None:
        claim.list_payload = order.raw
    claim.detail_payload = detail.raw
    claim.receipt_payload = dataclasses.asdict(full.receipt)
    claim.aliexpress_status = detail.order_status or (order.order_status if order else "")
    claim.buyer_login_id = (order.buyer_login_id if order else "") or detail.buyer_login_id
    claim.buyer_name = (
        order.buyer_signer_fullname if order else str(detail.raw.get("buyer_signer_fullname", ""))
    )
    claim.aliexpress_created_at = (order.gmt_create if order else None) or detail.gmt_create
    claim.aliexpress_modified_at = (order.gmt_update if order else None) or detail.gmt_modified
    claim.aliexpress_total = detail.order_amount.amount
    claim.aliexpress_currency = detail.order_amount.currency_code
    # The list's countdown is as of this read: without a list row (one order fetched by id) the last
    # known ship-by time stays, unless the detail states one.
    found = shipby.ship_by(order.raw if order else {}, detail.raw, timezone.now())
    if found is not None or order is not None:
        claim.ship_by = found
    if claim.status == ImportStatus.WAITING:
        claim.status = ImportStatus.NEW  # its status moved: worth another look
    claim.save(update_fields=FETCHED_FIELDS)


def _differs(claim: AliExpressOrder, order: Order) -> bool:
    return claim.aliexpress_modified_at != order.gmt_update or claim.aliexpress_status != order.order_status
