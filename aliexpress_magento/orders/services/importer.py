"""Create one AliExpress order in Magento, exactly once (DESIGN.md §8).

The claim row exists (committed) before anything here runs. An attempt:

1. waits if the order's AliExpress status is not one chosen in Fetch Order Status (e.g. unpaid);
2. on a first placement, checks that Magento can fill the lines (``availability``, its answers shared
   by the run's orders); a reason fails the order, and the run goes on with the next one; then finds
   (or creates once) the *Aliexpress Customer Email* customer the order is placed for (``customer.py``);
3. marks the row CREATING, with ``placement_started``, and commits: from here Magento may hold the order;
4. asks ``Store.create_order`` with the row as placement journal. The Store first looks the order up by
   its external id (and the journal's cart), so an attempt after a crash at any later point finds the
   order the crashed one made and does not create another. That is also why a placement already started
   skips step 2: the order that took the last unit must still be found;
5. records Magento's order on the row, then compares Magento's grand total and currency with
   AliExpress's: a difference is flagged on the row and written on the Magento order as a comment.

No step runs inside a transaction: every write commits on its own, before the next remote call.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import F

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients import magento1, magento2
from aliexpress_magento.clients.aliexpress.orders import Address as Receipt
from aliexpress_magento.clients.aliexpress.orders import parse_detail
from aliexpress_magento.orders import mappers
from aliexpress_magento.orders.models import AliExpressOrder, AttemptOutcome, ImportStatus, OrderAttempt
from aliexpress_magento.orders.selectors import MAX_ATTEMPTS, parent_skus
from aliexpress_magento.orders.services import skus
from aliexpress_magento.orders.services.availability import Availability
from aliexpress_magento.orders.services.customer import OrdersCustomer
from aliexpress_magento.orders.services.fetch import fetch_statuses
from aliexpress_magento.orders.services.journal import ClaimJournal
from aliexpress_magento.stores.base import Store
from aliexpress_magento.stores.model import CreatedOrder, OrderMethod, OrderToCreate

RETRY_AFTER = timedelta(minutes=15)
# What recording Magento's order writes. Every save here names its fields: the journal writes
# ``cart_ref`` straight to the row while an attempt runs, and a whole-row save of the attempt's copy
# would put back the value it was loaded with (the next attempt would lose the cart).
RESULT_FIELDS = [
    "status",
    "magento_order_id",
    "magento_order_number",
    "magento_state",
    "magento_status",
    "magento_grand_total",
    "magento_currency",
    "failure_reason",
    "next_retry_at",
    "updated_at",
]
# What a Store raises for one order that the next order need not share: the platform refused the cart,
# the address or the method, a product vanished, a call failed for good. Auth errors are not among them:
# the job stops and the account is paused (jobs.account_runner).
STORE_REFUSALS = (magento1.Magento1Error, magento2.Magento2Error, ValueError, LookupError)
AUTH_ERRORS = (magento1.AuthError, magento2.AuthError)


@dataclass
class RunContext:
    """What the orders of one run share: the Magento customer they are placed for, and what Magento
    said of their products (``availability``)."""

    customer: OrdersCustomer
    availability: Availability

    @classmethod
    def of(cls, account: Account, store: Store) -> RunContext:
        return cls(OrdersCustomer(account, store), Availability(account, store))


def import_order(
    account: Account, store: Store, claim: AliExpressOrder, now: datetime, run: RunContext
) -> AttemptOutcome:
    if claim.status == ImportStatus.IMPORTED:
        return AttemptOutcome.FOUND  # updated by the fetch, never created twice
    detail = parse_detail({"result": {"data": claim.detail_payload}})
    if detail.order_status not in fetch_statuses(account):
        return _wait(claim, now, detail.order_status)
    try:
        order = _order(account, claim)
        if not claim.placement_started:
            run.availability.check(order, skus.unknown_hint(account))
        order = replace(order, customer_id=_customer_id(account, run.customer))
    except mappers.UnusableOrder as exc:
        return _fail(claim, now, str(exc))
    _start(claim, now)
    try:
        made = store.create_order(order, _method(account), journal=ClaimJournal(claim))
    except AUTH_ERRORS:
        raise
    except STORE_REFUSALS as exc:
        run.availability.forget(order)
        return _fail(claim, now, f"Magento refused the order: {exc}", counted=True)
    if made.created:
        run.availability.took(order)
    record_created(claim, made, now)
    _compare_totals(store, claim, made)
    return AttemptOutcome.CREATED if made.created else AttemptOutcome.FOUND


def _order(account: Account, claim: AliExpressOrder) -> OrderToCreate:
    detail = parse_detail({"result": {"data": claim.detail_payload}})
    receipt = Receipt(
        **{k: str(v) for k, v in claim.receipt_payload.items() if k in Receipt.__dataclass_fields__}
    )
    settings = mappers.Settings(
        customer_email=account.customer_email,
        payment_method=account.default_payment_method,
        shipping_method=account.default_shipping_method,
        order_id_prefix=account.order_id_prefix,
    )
    if not settings.payment_method or not settings.shipping_method:
        raise mappers.UnusableOrder(
            "Choose the default payment and shipping methods in the configuration first."
        )
    resolved = skus.resolve(account, detail.child_orders)
    magento_skus = [resolved.get(c.sku_code, c.sku_code) for c in detail.child_orders]
    parents = parent_skus(account, magento_skus)
    return mappers.order_to_create(detail, receipt, settings, parents, claim.aliexpress_order_id, resolved)


def _customer_id(account: Account, customer: OrdersCustomer) -> int | None:
    try:
        return customer.id()
    except AUTH_ERRORS:
        raise
    except STORE_REFUSALS as exc:
        raise mappers.UnusableOrder(
            f"The customer {account.customer_email} (Aliexpress Customer Email) could not be found or "
            f"created in Magento: {exc}"
        ) from exc


def _method(account: Account) -> OrderMethod:
    return "quote" if account.use_quote_method else "direct"


def _start(claim: AliExpressOrder, now: datetime) -> None:
    """Committed before the Store is called: a crash after this leaves a row the next run retries, and
    that retry looks the order up before it places anything."""
    claim.status = ImportStatus.CREATING
    claim.placement_started = True
    claim.attempts = F("attempts") + 1
    claim.save(update_fields=["status", "placement_started", "attempts", "updated_at"])
    claim.refresh_from_db(fields=["attempts"])


def record_created(claim: AliExpressOrder, made: CreatedOrder, now: datetime) -> None:
    claim.status = ImportStatus.IMPORTED
    claim.magento_order_id = made.id
    claim.magento_order_number = made.number
    claim.magento_state, claim.magento_status = made.state, made.status
    claim.magento_grand_total, claim.magento_currency = made.grand_total, made.currency
    claim.failure_reason, claim.next_retry_at = "", None
    claim.imported_at = now
    claim.save(update_fields=[*RESULT_FIELDS, "imported_at"])
    outcome = AttemptOutcome.CREATED if made.created else AttemptOutcome.FOUND
    verb = "created" if made.created else "found (an earlier attempt created it)"
    OrderAttempt.objects.create(
        order=claim, started_at=now, outcome=outcome, message=f"Magento order {made.number} {verb}."
    )


def _compare_totals(store: Store, claim: AliExpressOrder, made: CreatedOrder) -> None:
    if claim.aliexpress_total is None:
        return
    text = mappers.totals_differ(
        Decimal(claim.aliexpress_total), claim.aliexpress_currency, made.grand_total, made.currency
    )
    if not text or claim.totals_mismatch:
        return
    if made.created:  # an order found again was compared (and commented) by the attempt that made it
        store.add_order_comment(made.id, text)
    claim.totals_mismatch = True
    claim.save(update_fields=["totals_mismatch", "updated_at"])


def _wait(claim: AliExpressOrder, now: datetime, status: str) -> AttemptOutcome:
    claim.status = ImportStatus.WAITING
    claim.save(update_fields=["status", "updated_at"])
    message = f"Not created: AliExpress status {status} is not one chosen in Fetch Order Status."
    OrderAttempt.objects.create(order=claim, started_at=now, outcome=AttemptOutcome.WAITING, message=message)
    return AttemptOutcome.WAITING


def _fail(claim: AliExpressOrder, now: datetime, reason: str, *, counted: bool = False) -> AttemptOutcome:
    """The order stays failed with its reason; retried after RETRY_AFTER until MAX_ATTEMPTS attempts.
    ``counted``: ``_start`` already counted this attempt (a refusal before it counts here)."""
    if not counted:
        claim.attempts += 1
    claim.status = ImportStatus.FAILED
    claim.failure_reason = reason
    claim.next_retry_at = now + RETRY_AFTER if claim.attempts < MAX_ATTEMPTS else None
    claim.save(update_fields=["status", "attempts", "failure_reason", "next_retry_at", "updated_at"])
    OrderAttempt.objects.create(order=claim, started_at=now, outcome=AttemptOutcome.FAILED, message=reason)
    return AttemptOutcome.FAILED
