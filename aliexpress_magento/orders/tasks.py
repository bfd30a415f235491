"""The orders' job: fetch and import one account's AliExpress orders (the Order Cron of the Cron
Settings)."""

from __future__ import annotations

from aliexpress_magento.accounts.models import Account
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
