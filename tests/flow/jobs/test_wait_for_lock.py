"""A mass action that finds its account lock held is re-queued, not dropped, and not run beside the holder;
one that waited its whole allowance fails its row with the reason, so the page stops showing it queued."""

from __future__ import annotations

import pytest

from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.jobs.bans import LOCK_RETRIES
from aliexpress_magento.jobs.locks import account_lock
from aliexpress_magento.listings.models import BulkAction
from aliexpress_magento.listings.services import bulk
from aliexpress_magento.listings.tasks import bulk_action, sync_products
from tests.support.accounts import make_account

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("action", "lock"),
    [
        ("price_update", "listings.sync_price"),
        ("inventory_update", "listings.sync_inventory"),
        ("validate_upload", "listings.bulk_action"),
        ("delete_selected", "listings.bulk_action"),
    ],
)
def test_each_mass_action_takes_the_lock_of_what_it_writes(action: str, lock: str) -> None:
    account = make_account("https://ae.sandbox.test", "https://shop.sandbox.test")
    row = BulkAction.objects.create(account=account, action=action, product_ids=[], total=0)
    assert bulk.lock_name(account, {"bulk_id": row.pk}) == lock


def test_a_mass_action_that_waited_in_vain_fails_its_row_with_the_reason() -> None:
    account = make_account("https://ae.sandbox.test", "https://shop.sandbox.test")
    row = BulkAction.objects.create(account=account, action="price_update", product_ids=[1], total=1)
    with account_lock(account.pk, "listings.sync_price"):  # a Price Cron run that never ends
        bulk_action.apply(kwargs={"account_id": account.pk, "bulk_id": row.pk}, retries=LOCK_RETRIES)
    row.refresh_from_db()
    run = JobRun.objects.get(job_code="listings.bulk_action")
    assert (row.status, row.done, run.status) == (BulkAction.Status.FAILED, 0, JobStatus.SUCCESS)
    assert row.message.startswith(
        "Not run: it waited 30 times in vain; another run holds the lock 'listings.sync_price' since "
    )
    assert run.messages.startswith(f"{account.name}: skipped: another run holds the lock")


def test_the_product_cron_skips_while_a_mass_action_holds_the_write_lock() -> None:
    account = make_account("https://ae.sandbox.test", "https://shop.sandbox.test")
    with account_lock(account.pk, bulk.WRITE_LOCK):  # a Validate & Upload in progress
        sync_products.apply(kwargs={"account_id": account.pk})
    run = JobRun.objects.get(job_code="listings.sync_products")
    assert run.messages.startswith(
        f"{account.name}: skipped: another run holds the lock 'listings.bulk_action' since "
    )
