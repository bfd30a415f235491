"""The catalog's job: the mirror refresh of one account."""

from __future__ import annotations

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.jobs.runner import JobContext
from aliexpress_magento.profiles.services import rules


@account_job("catalog.refresh", lock=True)
def refresh_catalog(
    run: JobContext, account: Account, full: bool | None = None, taxonomy: bool | None = None
) -> None:
    """Mirror the products Magento changed since the last refresh (all of them once a day), then the
    stock, then with a full refresh the attributes and categories; then the profiles' auto-assignment
    rules take the new products that match them. The Refresh catalog button says ``full`` itself and asks
    for the attributes and categories every time (``taxonomy``)."""
    full = refresh.full_due(account) if full is None else full
    counts = refresh.refresh(account, full=full, beat=run.beat, taxonomy=taxonomy)
    run.note(f"{account.name}: {'full' if full else 'incremental'} refresh: {counts.summary()}.")
    run.note(f"{account.name}: {rules.summary(rules.apply_rules(account))}")
