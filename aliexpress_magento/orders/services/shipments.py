"""Shipments → AliExpress: each tracking number of a Magento shipment of an order we created is declared
once with ``aliexpress.solution.order.fulfill``.

1. **Collect** (``collect``): ``Store.shipments_since`` from the account's shipment watermark less
   :data:`OVERLAP` (the first run: the back-fill window). Each shipment of an order we created becomes one
   :class:`OrderShipment` row per tracking number (a shipment without one: a row with an empty number, kept
   blocked, and its lines still count towards "all"). The row is unique on (order, shipment, tracking
   number): a shipment read again never makes a second row, so never a second declaration. The watermark
   moves to the run's start after every row is written (each committed on its own: no transaction is
   open here), so a crash mid-read reads the window again.
2. **Send** (``send_due``): pending rows, failed ones whose retry is due, and blocked ones (a Carrier
   Mapping added since lets them go), oldest shipment first. The Magento carrier code goes through the
   account's Carrier Mapping to an AliExpress logistics service, or ``other`` with its Tracking URL; a
   carrier without mapping is not guessed: the row is blocked with the reason (AliExpress would refuse an
   unknown service, and ``other`` needs a tracking URL only the merchant knows). ``send_type`` is
   ``part`` until the order's shipments (all of them seen, in Magento order) hold every AliExpress line,
   then ``all`` on the last tracking number of the shipment that completes it.

A refusal (the service's tracking-number rule, an order no longer waiting for shipment) is final: the row
and the order keep the reason; only a change of that carrier's mapping (a wrong service corrected) sends
it again. A transient failure is retried :data:`RETRY_AFTER` later, up to
:data:`MAX_SEND_ATTEMPTS`; when the failed call may have reached AliExpress (a cut answer), the retry
first reads the order (``order.info.get``) and counts the number as sent if AliExpress lists it, since
``fulfill`` is not idempotent.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Min, Q

from aliexpress_magento.accounts.models import Account, CarrierMapping
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.aliexpress import AliExpressClient, AliExpressError, AuthError, RetryableError
from aliexpress_magento.clients.aliexpress.orders import Fulfilment
from aliexpress_magento.orders.models import AliExpressOrder, OrderFetchState, OrderShipment
from aliexpress_magento.orders.models import ShipmentStatus as S
from aliexpress_magento.stores.base import Store
from aliexpress_magento.stores.model import StoreShipment, Track

OVERLAP = timedelta(minutes=15)
RETRY_AFTER = timedelta(minutes=10)
MAX_SEND_ATTEMPTS = 5
NO_TRACK = Track("", "", "")


@dataclass
class ShipmentCounts:
    read: int = 0
    recorded: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        done = ", ".join(f"{n} {S(s).label.lower()}" for s, n in sorted(self.outcomes.items()))
        return (
            f"{self.read} Magento shipments read, {self.recorded} new tracking numbers; "
            f"sent to AliExpress: {done or 'nothing to send'}."
        )


def window_start(account: Account, state: OrderFetchState, now: datetime) -> datetime:
    """The watermark less the overlap (first run: the back-fill window), or earlier: back to the oldest
    shipment of ours still without a tracking number (within the back-fill window): adding a track may
    leave the shipment's ``updated_at`` as it was (both sandboxes do; unsure on a real store: not
    recorded), so such a shipment is read again until its track appears. Harmless if it does move."""
    backfill = now - timedelta(days=state.backfill_days)
    start = backfill if state.shipments_watermark is None else state.shipments_watermark - OVERLAP
    untracked = OrderShipment.objects.filter(
        order__account=account, tracking_number="", shipped_at__gte=backfill
    ).aggregate(oldest=Min("shipped_at"))["oldest"]
    return min(start, untracked) if untracked is not None else start


def collect(account: Account, store: Store, since: datetime, counts: ShipmentCounts) -> None:
    """Record the tracking numbers of Magento shipments updated since ``since`` (orders we created)."""
    ours = dict(
        AliExpressOrder.objects.filter(account=account, magento_order_id__isnull=False).values_list(
            "magento_order_id", "pk"
        )
    )
    for shipment in store.shipments_since(since):
        counts.read += 1
        order_pk = ours.get(shipment.order_id)
        if order_pk is not None:
            counts.recorded += sum(
                _record(order_pk, shipment, track) for track in shipment.tracks or [NO_TRACK]
            )


def _record(order_pk: int, shipment: StoreShipment, track: Track) -> int:
    number = track.number.strip()
    lines: defaultdict[str, Decimal] = defaultdict(Decimal)
    for line in shipment.lines:
        lines[line.sku] += line.qty
    defaults = {
        "magento_carrier": track.carrier_code,
        "carrier_title": track.title,
        "lines": {sku: str(qty) for sku, qty in lines.items()},
        "shipped_at": shipment.created_at,
        "status": S.PENDING if number else S.BLOCKED,
        "error": "" if number else f"Magento shipment {shipment.id} has no tracking number.",
    }
    try:
        with transaction.atomic():  # a savepoint: a twin written meanwhile must not spoil anything else
            _, created = OrderShipment.objects.get_or_create(
                order_id=order_pk, magento_shipment_id=shipment.id, tracking_number=number, defaults=defaults
            )
    except IntegrityError:
        return 0
    if created and number:  # the shipment's placeholder without a number has served (same lines)
        OrderShipment.objects.filter(
            order_id=order_pk, magento_shipment_id=shipment.id, tracking_number=""
        ).delete()
    return int(created)


def send_due(
    account: Account,
    client: AliExpressClient,
    now: datetime,
    counts: ShipmentCounts,
    beat: Callable[[], None] = lambda: None,
) -> None:
    mappings = {m.magento_carrier: m for m in CarrierMapping.objects.filter(account=account)}
    due = (
        Q(status=S.PENDING)
        | Q(status=S.FAILED, next_retry_at__lte=now)
        | (Q(status=S.BLOCKED) & ~Q(tracking_number=""))
        | Q(status=S.REFUSED, order__finished_at=None)
    )
    rows = OrderShipment.objects.filter(due, order__account=account).select_related("order")
    for row in rows.order_by("shipped_at", "id"):
        if row.status == S.REFUSED and not _mapping_changed(row, mappings):
            continue  # refused for good: only a corrected Carrier Mapping sends it again
        counts.outcomes[_send(account, client, row, mappings, now)] += 1
        beat()


def _mapping_changed(row: OrderShipment, mappings: dict[str, CarrierMapping]) -> bool:
    """The carrier's mapping now names another service or website than the refused declaration did."""
    mapping = mappings.get(row.magento_carrier)
    if mapping is None:
        return False
    service = CarrierMapping.OTHER if mapping.aliexpress_service.lower() == CarrierMapping.OTHER else None
    return (service or mapping.aliexpress_service, mapping.tracking_url) != (
        row.service_name,
        row.tracking_website,
    )


def _send(
    account: Account,
    client: AliExpressClient,
    row: OrderShipment,
    mappings: dict[str, CarrierMapping],
    now: datetime,
) -> str:
    mapping = mappings.get(row.magento_carrier)
    if mapping is None:
        title = f" ({row.carrier_title})" if row.carrier_title else ""
        return _block(
            account,
            row,
            f"No Carrier Mapping for the Magento carrier {row.magento_carrier!r}{title}: add it in the "
            "Order Configuration's Carrier Mapping, then the next run sends it.",
        )
    other = mapping.aliexpress_service.lower() == CarrierMapping.OTHER
    if other and not mapping.tracking_url:
        return _block(
            account, row, f"The Carrier Mapping of {row.magento_carrier!r} is 'other' without a Tracking URL."
        )
    row.service_name = CarrierMapping.OTHER if other else mapping.aliexpress_service
    row.tracking_website = mapping.tracking_url
    row.send_type = send_type(row)
    if row.maybe_sent and _listed_on_aliexpress(client, row):
        return _sent(row, now)
    fulfilment = Fulfilment(
        out_ref=row.order.aliexpress_order_id,
        service_name=row.service_name,
        logistics_no=row.tracking_number,
        send_type="all" if row.send_type == "all" else "part",
        tracking_website=row.tracking_website or None,
    )
    try:
        accepted = client.orders.fulfill(fulfilment)
    except AuthError:
        raise
    except RetryableError as exc:
        return _retry(account, row, now, exc)
    except AliExpressError as exc:
        return _refuse(account, row, readable(exc))
    if not accepted:
        return _refuse(account, row, "AliExpress answered result_success=false.")
    return _sent(row, now)


def send_type(row: OrderShipment) -> str:
    """``all`` when the order's shipments up to this row's hold every AliExpress line and this is the last
    tracking number of its shipment; else ``part``."""
    siblings = OrderShipment.objects.filter(order_id=row.order_id).order_by("shipped_at", "id")
    shipped: defaultdict[str, Decimal] = defaultdict(Decimal)
    seen: set[int] = set()
    for other in siblings:
        if other.magento_shipment_id not in seen and _place(other) <= _place(row):
            seen.add(other.magento_shipment_id)
            for sku, qty in other.lines.items():
                shipped[sku] += Decimal(qty)
    later_tracks = siblings.filter(magento_shipment_id=row.magento_shipment_id, pk__gt=row.pk)
    return "all" if _covers(row.order, shipped) and not later_tracks.exists() else "part"


def _place(row: OrderShipment) -> tuple[datetime, int]:
    return (row.shipped_at or row.created_at, row.pk)


def _covers(order: AliExpressOrder, shipped: defaultdict[str, Decimal]) -> bool:
    """Every AliExpress line shipped in full (by SKU); or, when a line's SKU is not Magento's, as many
    units shipped as ordered."""
    ordered: defaultdict[str, Decimal] = defaultdict(Decimal)
    for child in _children(order):
        ordered[str(child.get("sku_code", ""))] += Decimal(str(child.get("product_count") or 0))
    if not ordered:
        return False
    by_sku = all(shipped[sku] >= qty for sku, qty in ordered.items())
    return by_sku or sum(shipped.values(), Decimal(0)) >= sum(ordered.values(), Decimal(0))


def _children(order: AliExpressOrder) -> Iterable[dict[str, object]]:
    found = order.detail_payload.get("child_order_list", {}).get("global_aeop_tp_child_order_dto", [])
    return [c for c in found if isinstance(c, dict)]


def readable(exc: AliExpressError) -> str:
    """AliExpress's own words (the sub-message names the field and the rule), with its code."""
    text = exc.sub_message or exc.message or str(exc)
    code = exc.sub_code or exc.code
    return f"{text} ({code})" if code else text


def _listed_on_aliexpress(client: AliExpressClient, row: OrderShipment) -> bool:
    detail = client.orders.info_get(row.order.aliexpress_order_id)
    return any(info.logistics_no == row.tracking_number for info in detail.logistics)


ROW_FIELDS = ["status", "attempts", "next_retry_at", "maybe_sent", "error", "sent_at"]
SENT_FIELDS = ["service_name", "tracking_website", "send_type"]


def _sent(row: OrderShipment, now: datetime) -> str:
    row.status, row.sent_at, row.error, row.next_retry_at, row.maybe_sent = S.SENT, now, "", None, False
    row.attempts += 1
    row.save(update_fields=ROW_FIELDS + SENT_FIELDS)
    order = row.order
    if order.shipment_state != "all":
        order.shipment_state = row.send_type
    order.shipment_sent_at, order.shipment_error = now, ""
    order.save(update_fields=["shipment_state", "shipment_sent_at", "shipment_error", "updated_at"])
    return S.SENT


def _block(account: Account, row: OrderShipment, reason: str) -> str:
    first = row.status != S.BLOCKED or row.error != reason
    row.status, row.error = S.BLOCKED, reason
    row.save(update_fields=ROW_FIELDS)
    _order_problem(account, row, reason, Level.WARNING if first else None)
    return S.BLOCKED


def _refuse(account: Account, row: OrderShipment, reason: str) -> str:
    row.status, row.attempts, row.next_retry_at = S.REFUSED, row.attempts + 1, None
    row.error = f"AliExpress refused tracking number {row.tracking_number} ({row.service_name}): {reason}"
    row.save(update_fields=ROW_FIELDS + SENT_FIELDS)
    _order_problem(account, row, row.error, Level.ERROR)
    return S.REFUSED


def _retry(account: Account, row: OrderShipment, now: datetime, exc: AliExpressError) -> str:
    row.attempts += 1
    row.maybe_sent = row.maybe_sent or exc.maybe_processed
    again = row.attempts < MAX_SEND_ATTEMPTS
    row.status, row.next_retry_at = S.FAILED, now + RETRY_AFTER if again else None
    row.error = f"Tracking number {row.tracking_number} not sent (attempt {row.attempts}): {exc}" + (
        "; retried later." if again else "; no more automatic attempts."
    )
    row.save(update_fields=ROW_FIELDS + SENT_FIELDS)
    _order_problem(account, row, row.error, Level.WARNING if again else Level.ERROR)
    return S.FAILED


def _order_problem(account: Account, row: OrderShipment, reason: str, level: Level | None) -> None:
    row.order.shipment_error = reason
    row.order.save(update_fields=["shipment_error", "updated_at"])
    if level is not None:
        text = f"AliExpress order {row.order.aliexpress_order_id}: {reason}"
        record(level, "orders", text, sub_type="shipments", related=row.order, account_id=account.pk)
