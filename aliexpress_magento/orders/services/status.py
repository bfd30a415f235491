"""Status sync (the Order Status Sync Cron): AliExpress statuses of the orders we created, read again;
cancellations reach Magento, finished orders are marked.

**How statuses are read.** ``order.get`` filtered by modification time since the account's status
watermark (less :data:`OVERLAP`), once without a status (every status but FINISH) and once for FINISH
(AliExpress answers FINISH only when asked alone, over at most 30 days). One call lists up to 50 changed
orders, so a run costs ``changed / 50`` calls (two when nothing changed) whatever the number of open
orders; ``order.info.get`` per open order would cost one call per order per run, most of them for orders
that did not move. The list row has what is needed (status, ``end_reason``, ``gmt_send_goods_time``).
The watermark moves to the run's start only when the whole list was read and every row written.

**What is done**, from the rows' own state (so an action that failed is tried again by the next run even
when AliExpress lists nothing new), to imported orders not yet finished:

- ``IN_CANCEL`` (the buyer asked to cancel) and FINISH without goods sent (closed before shipment):
  when Magento has not shipped the order (no Magento shipment recorded for it; Magento's shipments since
  the shipment watermark are read first) the Magento order is canceled (Magento gives the stock back)
  and a comment says why; a shipped order is not canceled but flagged (``status_alert``) for a person;
  a cancel Magento refuses is flagged too.
- FINISH otherwise: ``finished_at``; a finished order is not read again.

Unsure: FINISH "closed before shipment" is told by an empty ``gmt_send_goods_time`` (no public sample
of a cancelled order's ``end_reason``); an ``IN_CANCEL`` the seller refuses on AliExpress goes back to
waiting for shipment while its Magento order stays canceled (flagged by nothing: it is not listed again
as a cancellation).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.aliexpress import AliExpressClient
from aliexpress_magento.clients.aliexpress.orders import Order
from aliexpress_magento.orders.models import AliExpressOrder, ImportStatus, OrderFetchState, OrderShipment
from aliexpress_magento.orders.services import fetch, shipments
from aliexpress_magento.orders.services.importer import AUTH_ERRORS, STORE_REFUSALS
from aliexpress_magento.stores.base import Store

OVERLAP = timedelta(minutes=15)
FINISH_WINDOW = timedelta(days=30)  # AliExpress: a FINISH query spans at most 30 days
IN_CANCEL = "IN_CANCEL"
FINISH = "FINISH"
CANCELED = "canceled"


@dataclass
class StatusCounts:
    listed: int = 0
    changed: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    whole: bool = True

    def summary(self) -> str:
        done = ", ".join(f"{n} {o}" for o, n in sorted(self.outcomes.items()))
        text = (
            f"{self.listed} orders listed, {self.changed} of ours changed status; {done or 'nothing to do'}"
        )
        return f"{text}." if self.whole else f"{text}; the list moved during the read, read again next run."


def window_start(state: OrderFetchState, now: datetime) -> datetime:
    if state.status_watermark is None:
        return now - timedelta(days=state.backfill_days)
    return state.status_watermark - OVERLAP


def open_orders(account: Account) -> dict[int, AliExpressOrder]:
    rows = AliExpressOrder.objects.filter(account=account, status=ImportStatus.IMPORTED, finished_at=None)
    # Every open order is held at once: not their detail and receipt (tens of KB each), never read here.
    rows = rows.defer("detail_payload", "receipt_payload")
    return {c.aliexpress_order_id: c for c in rows}


def read_statuses(
    account: Account,
    client: AliExpressClient,
    start: datetime,
    now: datetime,
    counts: StatusCounts,
    beat: Callable[[], None] = lambda: None,
) -> None:
    """Write the listed AliExpress status (and list row) on each open order of ours that changed."""
    ours = open_orders(account)
    listed = fetch.FetchCounts()
    for group, since in (((), start), ((FINISH,), max(start, now - FINISH_WINDOW))):
        for order in fetch.listed_orders(client, fetch.query(account, since, group), listed):
            claim = ours.get(order.order_id)
            if claim is not None and _moved(claim, order):
                claim.aliexpress_status, claim.list_payload = order.order_status, order.raw
                claim.save(update_fields=["aliexpress_status", "list_payload", "updated_at"])
                counts.changed += 1
            beat()
    counts.listed, counts.whole = listed.listed, listed.whole


def _moved(claim: AliExpressOrder, order: Order) -> bool:
    return claim.aliexpress_status != order.order_status or claim.list_payload != order.raw


def is_cancellation(claim: AliExpressOrder) -> bool:
    if claim.aliexpress_status == IN_CANCEL:
        return True
    return claim.aliexpress_status == FINISH and not claim.list_payload.get("gmt_send_goods_time")


def act(account: Account, store: Store, now: datetime, counts: StatusCounts) -> None:
    """Cancel, flag or mark finished every open order whose recorded status asks for it."""
    for claim in open_orders(account).values():
        if is_cancellation(claim) and not claim.magento_canceled_at and not claim.status_alert:
            counts.outcomes[_cancel(account, store, claim, now)] += 1
        if claim.aliexpress_status == FINISH:
            claim.finished_at = now
            claim.save(update_fields=["finished_at", "updated_at"])
            counts.outcomes["marked finished"] += 1


def _cancel(account: Account, store: Store, claim: AliExpressOrder, now: datetime) -> str:
    why = (
        "the buyer asked to cancel it (IN_CANCEL)"
        if claim.aliexpress_status == IN_CANCEL
        else "it was closed before shipment"
    )
    if OrderShipment.objects.filter(order=claim).exists():
        return _alert(
            account,
            claim,
            f"AliExpress order {claim.aliexpress_order_id}: {why}, but Magento order "
            f"{claim.magento_order_number} has shipped: not canceled in Magento; handle it by hand.",
        )
    assert claim.magento_order_id is not None
    try:
        canceled = store.cancel_order(claim.magento_order_id)
        if canceled:
            store.add_order_comment(
                claim.magento_order_id,
                f"Canceled by the AliExpress connector: AliExpress order {claim.aliexpress_order_id} {why}.",
            )
    except AUTH_ERRORS:
        raise
    except STORE_REFUSALS as exc:  # tried again by the next run: the row is unchanged
        text = f"AliExpress order {claim.aliexpress_order_id}: Magento order {claim.magento_order_number} "
        record(Level.ERROR, "orders", f"{text}not canceled: {exc}", sub_type="status", related=claim,
               account_id=account.pk)  # fmt: skip
        return "cancel failed (retried)"
    if not canceled:
        return _alert(
            account,
            claim,
            f"AliExpress order {claim.aliexpress_order_id}: {why}, but Magento refused to cancel order "
            f"{claim.magento_order_number} (invoiced, shipped or complete?): handle it by hand.",
        )
    claim.magento_canceled_at, claim.magento_state, claim.magento_status = now, CANCELED, CANCELED
    claim.save(update_fields=["magento_canceled_at", "magento_state", "magento_status", "updated_at"])
    record(
        Level.INFO,
        "orders",
        f"Magento order {claim.magento_order_number} canceled: AliExpress order {claim.aliexpress_order_id} "
        f"{why}.",
        sub_type="status",
        related=claim,
        account_id=account.pk,
    )
    return "canceled in Magento"


def _alert(account: Account, claim: AliExpressOrder, text: str) -> str:
    claim.status_alert = text
    claim.save(update_fields=["status_alert", "updated_at"])
    record(Level.WARNING, "orders", text, sub_type="status", related=claim, account_id=account.pk)
    return "flagged"


def sync(
    account: Account,
    client: AliExpressClient,
    store: Store,
    now: datetime,
    beat: Callable[[], None] = lambda: None,
) -> StatusCounts:
    state, _ = OrderFetchState.objects.get_or_create(account=account)
    counts = StatusCounts()
    if not open_orders(account):  # nothing of ours to follow: no call at all
        state.status_watermark = now
        state.save(update_fields=["status_watermark"])
        return counts
    read_statuses(account, client, window_start(state, now), now, counts, beat)
    # Magento shipments not yet collected decide between cancel and flag: read them first (recorded for
    # the shipment sync to send; its watermark is left to it).
    shipments.collect(account, store, shipments.window_start(account, state, now), shipments.ShipmentCounts())
    act(account, store, now, counts)
    if counts.whole:
        state.status_watermark = now
        state.save(update_fields=["status_watermark"])
    return counts
