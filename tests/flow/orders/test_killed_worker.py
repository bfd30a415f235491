"""Exactly once under a real kill: an import process SIGKILLed at each step of an order's creation, then
a second run, ends with one Magento order per AliExpress order (DESIGN.md §8).

Both sandboxes are served over HTTP from this process (they keep their state here, so the orders are
counted after the child dies); the child is a fresh Django process on the same test database that kills
itself (``SIGKILL``: no cleanup, no ``finally``) at the chosen step.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from aliexpress_magento.orders.models import ImportStatus
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.flow.accounts.conftest import authorize
from tests.support.accounts import APP_KEY, APP_SECRET, M2_TOKEN, make_account
from tests.support.database import database_url
from tests.support.serving import serve

from .conftest import Shop

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db(transaction=True)  # committed: the child process reads and writes it

# The child: one order run of the account, killed at ``step`` (each patch kills right after, or instead
# of, the call named).
CHILD = """
import os, signal, sys
import django
django.setup()
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.magento1.sales import Orders as M1Orders
from aliexpress_magento.clients.magento2.orders import Orders as M2Orders
from aliexpress_magento.orders.services import importer, run
from aliexpress_magento.orders.services.journal import ClaimJournal

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

def then_die(real):
    def wrapped(*args, **kwargs):
        real(*args, **kwargs)
        die()
    return wrapped

step = sys.argv[2]
if step == "claimed":  # the row says creating; Magento not asked yet
    importer._start = then_die(importer._start)
elif step == "cart_noted":  # the cart id committed on the row; the cart not yet an order
    ClaimJournal.remember = then_die(ClaimJournal.remember)
elif step == "placed":  # Magento placed the order; it does not carry the AliExpress id yet
    M1Orders.add_comment = M2Orders.add_comment = die
elif step == "created":  # Magento's order complete; the row not updated
    importer.record_created = die
run.fetch_and_import(Account.objects.get(pk=int(sys.argv[1])))
"""
STEPS = ["claimed", "cart_noted", "placed", "created"]


@pytest.fixture(params=["magento2", "magento1"])
def served(request: pytest.FixtureRequest) -> Iterator[Shop]:
    ae = AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET)
    magento: Magento2Sandbox | Magento1Sandbox
    fields = {"default_payment_method": "checkmo", "default_shipping_method": "flatrate_flatrate"}
    if request.param == "magento1":
        magento = Magento1Sandbox(with_module=True)
        fields |= {"platform": "magento1", "magento1_api_user": DEMO_API_USER}
        fields |= {"magento1_api_key": DEMO_API_KEY}
    else:
        magento = Magento2Sandbox(integration_token=M2_TOKEN)
    ae_url = next(ae_server := serve(ae))
    magento_url = next(magento_server := serve(magento))
    try:
        yield Shop(authorize(ae, make_account(ae_url, magento_url, **fields)), magento, ae)
    finally:
        for server in (ae_server, magento_server):
            next(server, None)  # shuts it down


def _killed_run(shop: Shop, step: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "aliexpress_magento.settings",
        "DATABASE_URL": database_url(),
    }
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(shop.account.pk), step],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("step", STEPS)
def test_a_worker_killed_at_any_step_leaves_one_magento_order_per_aliexpress_order(
    served: Shop, step: str
) -> None:
    served.sell(dict.fromkeys(served.salable_simples(2), 20))
    placed = served.place(2)

    killed = _killed_run(served, step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    in_magento = served.magento_orders()
    assert in_magento == (0 if step in ("claimed", "cart_noted") else 1)
    served.run()

    claims = served.claims()
    assert sorted(claims) == sorted(placed)
    assert {c.status for c in claims.values()} == {ImportStatus.IMPORTED}
    assert served.magento_orders() == 2
    assert len({c.magento_order_id for c in claims.values()}) == 2
