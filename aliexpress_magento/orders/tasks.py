"""The orders' job: fetch and import one account's AliExpress orders (the Order Cron of the Cron
Settings)."""

from __future__ import annotations

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.jobs.runner import JobContext
from aliexpress_magento.orders.services import run as order_run


# Locked: the per-account single writer of order import (DESIGN.md §7); a stale lock of a killed worker
# is taken over after its timeout (jobs.locks).
@account_job("orders.fetch", lock=True)
def fetch_orders(run: JobContext, account: Account) -> None:
    """Fetch the orders AliExpress changed since the last run and create the due ones in Magento."""
    counts = order_run.fetch_and_import(account, beat=run.beat)
    run.note(f"{account.name}: {counts.summary()}")


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
