"""A job built in an app's tasks module is available on the dashboard of a process that never imported
that module by name (the web process): the jobs app imports every tasks module when Django starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.accounts import make_account
from tests.support.database import database_url

ROOT = Path(__file__).resolve().parents[3]

DASHBOARD_LINES = """
import django
django.setup()  # Django's app registry, and nothing else
from aliexpress_magento.accounts.dashboard import job_lines
from aliexpress_magento.accounts.models import Account
for line in job_lines(Account.objects.get(pk={pk})):
    print(f"{{line.code}}: {{line.schedule}}")
"""


@pytest.mark.django_db(transaction=True)  # committed: the child process reads the account
def test_a_job_built_in_a_tasks_module_is_available_in_a_fresh_web_process() -> None:
    account = make_account("https://ae.sandbox.test", "https://shop.sandbox.test", cron_override=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.support.jobs_settings",
        "DATABASE_URL": database_url(),
    }
    answer = subprocess.run(
        [sys.executable, "-c", DASHBOARD_LINES.format(pk=account.pk)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.splitlines() == [
        "accounts.refresh_token: off",  # not authorized yet: nothing to refresh
        "orders.fetch: every 10 min",  # built by the orders app, on by default
        "orders.sync_status: off",  # built by the orders app (and the test app); off in its Cron Settings
        "orders.sync_shipments: every 15 min",  # built by the orders app, on by default
        "listings.sync_inventory: every 15 min",  # built by the listings app, on by default
        "listings.sync_price: every 60 min",
        "listings.sync_products: every 60 min",
        "catalog.refresh: every 60 min",  # built by the catalog app, on by default
        "feeds.sync: every 5 min",  # built by the feeds app, on by default
    ]
