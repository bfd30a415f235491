"""Builds the Order Status Sync Cron job, as the orders feature will; nothing imports this module by name."""

from __future__ import annotations

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.jobs.runner import JobContext


@account_job("orders.sync_status")
def sync_status(run: JobContext, account: Account) -> None:
    run.note(f"{account.name}: statuses in sync.")
