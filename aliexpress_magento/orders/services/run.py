"""One order run of an account (the Order Cron, the Fetch button): fetch and import beside it, then
import the rest that is due.

The run holds the account's ``orders.fetch`` lock (``tasks.py``): two runs of one account never import
at once. Each failed order is written to the Activity Log with its reason; the run goes on.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services import tokens
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.orders.models import AliExpressOrder, AttemptOutcome, OrderFetchState
from aliexpress_magento.orders.selectors import due_for_import
from aliexpress_magento.orders.services import fetch, importer, notifications, pipeline, shipments, status
from aliexpress_magento.orders.services.progress import Progress
from aliexpress_magento.stores.base import Store


@dataclass
class RunCounts:
    fetched: fetch.FetchCounts
    outcomes: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        return f"{self.fetched.summary()}; import: {outcome_text(self.outcomes)}."


def outcome_text(outcomes: Counter[str]) -> str:
    """ "2 created, 1 failed", or "nothing to do"."""
    done = ", ".join(f"{n} {AttemptOutcome(o).label.lower()}" for o, n in sorted(outcomes.items()))
    return done or "nothing to do"


def fetch_and_import(
    account: Account,
    *,
    now: datetime | None = None,
    beat: Callable[[], None] = lambda: None,
    progress: Progress | None = None,
) -> RunCounts:
    """Fetch, importing each due order as soon as it is read (``pipeline``), then import the rest that
    is due (failed orders whose retry came, orders an earlier run left). ``progress`` (the Fetch
    button's panel) counts the orders read and imported, then those imported after the read."""
    now = now or timezone.now()
    client, handover = tokens.threaded_aliexpress_client(account)
    if progress is not None:
        progress.start()

    beaten = [0.0]

    def between() -> None:
        handover.flush()
        # At every turn of the loop (an answer, an import): the heartbeat (a write) once a second is
        # plenty; each import beats on its own anyway.
        if time.monotonic() - beaten[0] >= 1.0:
            beaten[0] = time.monotonic()
            beat()

    try:
        with api_clients.store(account) as store:
            imports = _Imports(account, store, now, beat, progress.imported_one if progress else None)
            fetched = pipeline.fetch_importing(
                account,
                client,
                now,
                imports.one,
                between=between,
                listed=progress.step if progress is not None else lambda: None,
            )
            # The rest on the same Store: its customer and availability answers serve both.
            imports.done = progress.step if progress is not None else None
            _import_due(account, now, imports, progress)
    finally:
        client.close()
        handover.flush()
    notifications.after_commit(account)
    return RunCounts(fetched, imports.outcomes)


class _Imports:
    """Import one due order after the other, counting their outcomes; a failure is written to the
    Activity Log with its reason, and the next order goes on."""

    def __init__(
        self,
        account: Account,
        store: Store,
        now: datetime,
        beat: Callable[[], None],
        done: Callable[[], None] | None,
    ) -> None:
        self.account, self.store, self.now, self.beat, self.done = account, store, now, beat, done
        self.context = importer.RunContext.of(account, store)
        self.outcomes: Counter[str] = Counter()

    def one(self, claim: AliExpressOrder) -> None:
        outcome = importer.import_order(self.account, self.store, claim, self.now, self.context)
        self.outcomes[outcome] += 1
        if outcome == AttemptOutcome.CREATED:
            notifications.after_created(self.account, claim)
        if outcome == AttemptOutcome.FAILED:
            record(
                Level.ERROR,
                "orders",
                f"AliExpress order {claim.aliexpress_order_id} not created: {claim.failure_reason}",
                sub_type="import",
                related=claim,
                account_id=self.account.pk,
            )
        self.beat()
        if self.done is not None:
            self.done()


def import_due(
    account: Account,
    *,
    now: datetime | None = None,
    beat: Callable[[], None] = lambda: None,
    progress: Progress | None = None,
) -> Counter[str]:
    """Create the account's due orders in Magento (no fetch: Retry now's job); their outcomes."""
    now = now or timezone.now()
    with api_clients.store(account) as store:
        imports = _Imports(account, store, now, beat, progress.step if progress is not None else None)
        _import_due(account, now, imports, progress)
    notifications.after_commit(account)
    return imports.outcomes


def _import_due(account: Account, now: datetime, imports: _Imports, progress: Progress | None) -> None:
    due = due_for_import(account, now)
    if progress is not None:
        progress.importing(due.count())
    for claim in due.iterator():
        imports.one(claim)


def fetch_one_and_import(account: Account, order_id: int, *, now: datetime | None = None) -> AttemptOutcome:
    """Fetch Aliexpress order ``order_id`` and create it in Magento if it is due (the support case's
    *Fetch one order by id*). The caller holds the account's ``orders.fetch`` lock."""
    now = now or timezone.now()
    client = tokens.aliexpress_client(account)
    try:
        claim = fetch.fetch_one(account, client, order_id)
    finally:
        client.close()
    with api_clients.store(account) as store:
        outcome = importer.import_order(account, store, claim, now, importer.RunContext.of(account, store))
    notifications.after_commit(account)
    return outcome


def sync_shipments(
    account: Account, *, now: datetime | None = None, beat: Callable[[], None] = lambda: None
) -> shipments.ShipmentCounts:
    """Collect the Magento shipments of our orders, then declare what is due to AliExpress."""
    now = now or timezone.now()
    state, _ = OrderFetchState.objects.get_or_create(account=account)
    counts = shipments.ShipmentCounts()
    # Before the first order is created no shipment can be ours: Magento is not read.
    if AliExpressOrder.objects.filter(account=account, magento_order_id__isnull=False).exists():
        with api_clients.store(account) as store:
            shipments.collect(account, store, shipments.window_start(account, state, now), counts)
    # Every row is committed (autocommit: no transaction is open here): the window is not read again.
    state.shipments_watermark = now
    state.save(update_fields=["shipments_watermark"])
    client = tokens.aliexpress_client(account)
    try:
        shipments.send_due(account, client, now, counts, beat)
    finally:
        client.close()
    return counts


def sync_status(
    account: Account, *, now: datetime | None = None, beat: Callable[[], None] = lambda: None
) -> status.StatusCounts:
    now = now or timezone.now()
    client = tokens.aliexpress_client(account)
    try:
        with api_clients.store(account) as store:
            return status.sync(account, client, store, now, beat)
    finally:
        client.close()
