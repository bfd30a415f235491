"""The listings' scheduled jobs: the Price Cron and the Inventory Cron of each account's Cron Settings
(``jobs.scheduling.SCHEDULES``), also queued by Manage Products' Product Price / Inventory Update."""

from __future__ import annotations

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.jobs.runner import JobContext
from aliexpress_magento.listings.services.inventory import push_inventory
from aliexpress_magento.listings.services.prices import push_prices


# Locked: two runs of one account would both read the same last pushed values and send twice.
@account_job("listings.sync_price", lock=True)
def sync_price(run: JobContext, account: Account, product_ids: list[int] | None = None) -> None:
    """Push the changed prices of the account's live listings (of ``product_ids`` when given)."""
    outcome = push_prices(account, product_ids)
    run.note(f"{account.name}: price update: {outcome.counts()}.")


@account_job("listings.sync_inventory", lock=True)
def sync_inventory(run: JobContext, account: Account, product_ids: list[int] | None = None) -> None:
    """Read the live SKUs' salable quantities, take disabled or removed products offline (and back
    online), and push the changed inventories (of ``product_ids`` when given)."""
    outcome = push_inventory(account, product_ids)
    run.note(f"{account.name}: inventory update: {outcome.counts()}.")
