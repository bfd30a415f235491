"""Two workers importing one account at the same moment: the account's ``orders.fetch`` lock lets one
import, the other ends noting the lock, and no AliExpress order gets two Magento orders. On the suite's
database (SQLite, and PostgreSQL in the second pass of ``.ci/run``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.orders.models import ImportStatus

from .conftest import Shop
from .served import child, served

__all__ = ["served"]  # the fixture
pytestmark = pytest.mark.django_db(transaction=True)  # committed: the workers read and write it

# A worker: waits at the gate (a file), then runs the Order Cron's job as Celery would.
WORKER = """
import os, sys, time
import django
django.setup()
from aliexpress_magento.orders.tasks import fetch_orders
while not os.path.exists(sys.argv[2]):
    time.sleep(0.005)
fetch_orders.apply(kwargs={"account_id": int(sys.argv[1])})
"""


def test_two_workers_at_once_import_each_order_once(served: Shop, tmp_path: Path) -> None:
    served.sell(dict.fromkeys(served.salable_simples(2), 20))
    placed = served.place(4)
    served.magento.knobs.latency_ms = 50  # a run lasts long enough for the other to meet its lock
    gate = tmp_path / "go"
    workers = [child(WORKER, str(served.account.pk), str(gate)) for _ in range(2)]

    gate.touch()
    for worker in workers:
        _, errors = worker.communicate(timeout=300)
        assert worker.returncode == 0, errors

    claims = served.claims()
    assert sorted(claims) == sorted(placed)
    assert {c.status for c in claims.values()} == {ImportStatus.IMPORTED}
    assert served.magento_orders() == 4
    runs = list(JobRun.objects.filter(job_code="orders.fetch").values_list("status", "messages"))
    assert sorted(status for status, _ in runs) == [JobStatus.SUCCESS, JobStatus.SUCCESS]
    notes = sorted(messages for _, messages in runs)
    assert notes[0].startswith("Demo shop: 4 orders listed, 4 new, 0 changed; import: 4 created.")
    assert notes[1].startswith("Demo shop: skipped: another run holds the lock 'orders.fetch' since ")
