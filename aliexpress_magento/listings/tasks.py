"""The listings' jobs: Manage Products' mass actions (``services.bulk``), and the Product Cron, the Price
Cron and the Inventory Cron of each account's Cron Settings (``jobs.scheduling.SCHEDULES``)."""

from __future__ import annotations

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.jobs.runner import JobContext
from aliexpress_magento.listings.services import bulk, product_sync
from aliexpress_magento.listings.services.inventory import push_inventory
from aliexpress_magento.listings.services.prices import push_prices


# Under the lock its action writes with (``bulk.lock_name``); a merchant's action is never dropped, so a
# run that finds the lock held (a cron run, another mass action) is re-queued until it is free.
@account_job(bulk.JOB, lock=bulk.lock_name, wait=True, gave_up=bulk.gave_up)
def bulk_action(run: JobContext, account: Account, bulk_id: int) -> None:
    """Run one queued mass action of Manage Products, chunk by chunk (its row shows the progress)."""
    done = bulk.run(account, bulk_id, beat=run.beat)
    if done is None:
        run.note(f"{account.name}: mass action {bulk_id} no longer exists; nothing to do.")
        return
    run.note(f"{account.name}: {bulk.summary(done)}")
    for line in done.reasons[:20]:
        run.note(line)


# Locked: two runs of one account would both read the same last pushed values and send twice. The
# mass actions Product Price / Inventory Update take the same locks (``bulk.PRICE_LOCK``).
@account_job(bulk.PRICE_LOCK, lock=True)
def sync_price(run: JobContext, account: Account, product_ids: list[int] | None = None) -> None:
    """Push the changed prices of the account's live listings (of ``product_ids`` when given)."""
    outcome = push_prices(account, product_ids)
    run.note(f"{account.name}: price update: {outcome.counts()}.")


@account_job(bulk.INVENTORY_LOCK, lock=True)
def sync_inventory(run: JobContext, account: Account, product_ids: list[int] | None = None) -> None:
    """Read the live SKUs' salable quantities, take disabled or removed products offline (and back
    online), and push the changed inventories (of ``product_ids`` when given)."""
    outcome = push_inventory(account, product_ids)
    run.note(f"{account.name}: inventory update: {outcome.counts()}.")


# Under the mass actions' write lock: two runs — or a run and a Validate & Upload / Update Selected —
# would both find the same products not in flight and submit them twice. A cron run that finds it held
# skips to its next tick.
@account_job(product_sync.JOB, lock=lambda account, options: bulk.WRITE_LOCK)
def sync_products(run: JobContext, account: Account) -> None:
    """The Product Cron: upload the new products of the profiles that ask for it, send live configurables'
    new children (where their profile asks for it) and the live products whose item changed."""
    result = product_sync.sync_products(account, beat=run.beat)
    run.note(f"{account.name}: {result.summary()}")
