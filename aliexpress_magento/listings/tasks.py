"""The listings' jobs: Manage Products' mass actions (``services.bulk``)."""

from __future__ import annotations

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.jobs.runner import JobContext
from aliexpress_magento.listings.services import bulk


@account_job(bulk.JOB)
def bulk_action(run: JobContext, account: Account, bulk_id: int) -> None:
    """Run one queued mass action of Manage Products, chunk by chunk (its row shows the progress)."""
    done = bulk.run(account, bulk_id, beat=run.beat)
    if done is None:
        run.note(f"{account.name}: mass action {bulk_id} no longer exists; nothing to do.")
        return
    run.note(f"{account.name}: {bulk.summary(done)}")
    for line in done.reasons[:20]:
        run.note(line)
