"""The feeds' job: the sync of one account's feeds (scheduled by its Cron Settings, and queued by the
Sync Feeds button)."""

from __future__ import annotations

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.feeds.services import sync as feed_sync
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.jobs.runner import JobContext
from aliexpress_magento.listings.services.results import apply_feed_results


# Quiet: a Cron Logs row only for a run that had something to query (or failed), so a schedule of a
# minute does not bury the grid under "nothing to do". Locked: never two syncs of one account at once.
@account_job("feeds.sync", lock=True, quiet=True)
def sync_feeds(run: JobContext, account: Account, everything: bool = False) -> None:
    """Query the account's feeds whose next query is due (``everything``: every feed awaiting results)
    and record their item results.

    The item results this run recorded go to the listings (live with the product id, or error): the
    one place feeds hand results on, so ``feeds.services`` knows nothing of listings."""
    outcome = feed_sync.sync(account, everything=everything, beat=run.beat)
    apply_feed_results(account, outcome.results)
    if outcome.did_anything:
        run.note(f"{account.name}: {outcome.summary()}")
