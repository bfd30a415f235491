"""Exactly once under a real kill: an import process SIGKILLed at each step of an order's creation, then
a second run, ends with one Magento order per AliExpress order (DESIGN.md §8).

Both sandboxes are served over HTTP from this process (they keep their state here, so the orders are
counted after the child dies); the child is a fresh Django process on the same test database that kills
itself (``SIGKILL``: no cleanup, no ``finally``) at the chosen step.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from aliexpress_magento.orders.models import ImportStatus

from .conftest import Shop
from .served import child, served

__all__ = ["served"]  # the fixture

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


def _killed_run(shop: Shop, step: str) -> tuple[int, str]:
    process = child(CHILD, str(shop.account.pk), step)
    _, errors = process.communicate(timeout=120)
    return process.returncode, errors


@pytest.mark.parametrize("step", STEPS)
def test_a_worker_killed_at_any_step_leaves_one_magento_order_per_aliexpress_order(
    served: Shop, step: str
) -> None:
    served.sell(dict.fromkeys(served.salable_simples(2), 20))
    placed = served.place(2)

    returncode, errors = _killed_run(served, step)
    assert returncode == -signal.SIGKILL, errors
    in_magento = served.magento_orders()
    assert in_magento == (0 if step in ("claimed", "cart_noted") else 1)
    served.run()

    claims = served.claims()
    assert sorted(claims) == sorted(placed)
    assert {c.status for c in claims.values()} == {ImportStatus.IMPORTED}
    assert served.magento_orders() == 2
    assert len({c.magento_order_id for c in claims.values()}) == 2
