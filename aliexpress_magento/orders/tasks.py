"""The orders' jobs: fetch and import one account's AliExpress orders (the Order Cron of the Cron
Settings, and the Fetch latest Aliexpress Orders button), fetch one order by its id, and import the due
orders alone (Retry now). All three share the account's ``orders.fetch`` lock: never two imports at once."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.aliexpress import AliExpressError
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.jobs.runner import JobContext
from aliexpress_magento.orders.models import AliExpressOrder, AttemptOutcome, ImportStatus
from aliexpress_magento.orders.services import progress
from aliexpress_magento.orders.services import run as order_run
from aliexpress_magento.orders.services.progress import Progress

FETCH_LOCK = "orders.fetch"


def _fetch_lock(account: Account, options: dict[str, Any]) -> str:
    return FETCH_LOCK


def _gave_up(account: Account, options: dict[str, Any], why: str) -> None:
    """A merchant's request that waited for the lock in vain: said in the Activity Log."""
    record(Level.ERROR, "orders", f"{account.name}: {why}", sub_type="request", account_id=account.pk)


# Locked: the per-account single writer of order import (DESIGN.md §7); a stale lock of a killed worker
# is taken over after its timeout (jobs.locks).
@account_job("orders.fetch", lock=True)
def fetch_orders(run: JobContext, account: Account) -> None:
    """Fetch the orders AliExpress changed since the last run and create the due ones in Magento."""
    panel = Progress(account)
    try:
        counts = order_run.fetch_and_import(account, beat=run.beat, progress=panel)
    except Exception as exc:
        panel.finish(f"Failed: {type(exc).__name__}: {exc}")
        raise
    panel.finish(f"Done: {counts.summary()}")
    run.note(f"{account.name}: {counts.summary()}")


# A merchant asked for these: a run that finds the lock held waits for it (re-queued), not skipped.
@account_job("orders.fetch_one", lock=_fetch_lock, wait=True, gave_up=_gave_up)
def fetch_one_order(run: JobContext, account: Account, order_id: int) -> None:
    """Fetch one AliExpress order by its id, whatever its dates, and create it in Magento if due."""
    message = _fetch_one(account, order_id)
    progress.result(account, message)
    run.note(f"{account.name}: {message}")


def _fetch_one(account: Account, order_id: int) -> str:
    handled = AliExpressOrder.objects.filter(
        account=account, aliexpress_order_id=order_id, status=ImportStatus.HANDLED
    ).exists()
    if handled:
        return (
            f"AliExpress order {order_id} is marked handled: not fetched "
            "(Retry now on View Aliexpress Orders makes it due again)."
        )
    try:
        outcome = order_run.fetch_one_and_import(account, order_id)
    except AliExpressError as exc:
        message = f"AliExpress order {order_id} could not be fetched: {exc}"
        record(Level.ERROR, "orders", message, sub_type="fetch_one", account_id=account.pk)
        return message
    return f"AliExpress order {order_id}: {AttemptOutcome(outcome).label.lower()}."


@account_job("orders.import", lock=_fetch_lock, wait=True, gave_up=_gave_up)
def import_orders(run: JobContext, account: Account) -> None:
    """Create the account's due orders in Magento, without fetching (after Retry now)."""
    outcomes = order_run.import_due(account, beat=run.beat)
    message = f"Import: {order_run.outcome_text(outcomes)}."
    progress.result(account, message)
    run.note(f"{account.name}: {message}")


# Locked: one sender per account, so two runs never declare the same tracking number at once (the row's
# unique key stops a second row; the lock stops a second send of one row).
@account_job("orders.sync_shipments", lock=True)
def sync_shipments(run: JobContext, account: Account) -> None:
    """Send the tracking numbers of Magento shipments of our orders to AliExpress (order.fulfill)."""
    counts = order_run.sync_shipments(account, beat=run.beat)
    _noted(run, account, "shipments", counts.summary())


@account_job("orders.sync_status", lock=True)
def sync_status(run: JobContext, account: Account) -> None:
    """Read AliExpress statuses of our open orders: cancel in Magento, flag, mark finished."""
    counts = order_run.sync_status(account, beat=run.beat)
    _noted(run, account, "status", counts.summary())


def _noted(run: JobContext, account: Account, sub_type: str, summary: str) -> None:
    """The run's line in the Cron Logs and in the Activity Log (type ``orders``)."""
    run.note(f"{account.name}: {summary}")
    record(Level.INFO, "orders", f"{account.name}: {summary}", sub_type=sub_type, account_id=account.pk)
