"""The running order run's progress on ``OrderFetchState``, for the Fetch latest Aliexpress Orders panel.

Cheap on purpose: at most one UPDATE a second (and one at each phase change), through ``QuerySet.update``
with no read first; each commits on its own, so the panel, polling from another connection, sees it."""

from __future__ import annotations

import time
from typing import Any

from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.orders.models import OrderFetchState

FETCHING, IMPORTING, IDLE = "fetching", "importing", ""
EVERY_SECONDS = 1.0


def _update(account: Account, **fields: Any) -> None:
    if not OrderFetchState.objects.filter(account=account).update(**fields):
        OrderFetchState.objects.get_or_create(account=account, defaults=fields)


class Progress:
    """One run's progress writer: ``step()`` per order, written at most every ``EVERY_SECONDS``."""

    def __init__(self, account: Account) -> None:
        self.account = account
        self.done = 0
        self.imported = 0  # while fetching: the orders already imported beside the read
        self._written_at = 0.0

    def start(self) -> None:
        self._phase(FETCHING, None)
        _update(self.account, run_started_at=timezone.now(), run_finished_at=None, run_message="")

    def importing(self, total: int) -> None:
        """``total`` orders left to import after the read: the orders imported beside it count as
        done, so the panel ends at every order the run imported."""
        carried = self.imported
        self._phase(IMPORTING, carried + total, done=carried)

    def step(self) -> None:
        self.done += 1
        self._write()

    def imported_one(self) -> None:
        """An order imported while the fetch still reads (the fetching phase)."""
        self.imported += 1
        self._write()

    def _write(self) -> None:
        now = time.monotonic()
        if now - self._written_at >= EVERY_SECONDS:
            self._written_at = now
            _update(self.account, run_done=self.done, run_imported=self.imported)

    def finish(self, message: str) -> None:
        _update(
            self.account,
            run_phase=IDLE,
            run_done=self.done,
            run_finished_at=timezone.now(),
            run_message=message,
        )

    def _phase(self, phase: str, total: int | None, done: int = 0) -> None:
        self.done, self.imported, self._written_at = done, 0, time.monotonic()
        _update(self.account, run_phase=phase, run_done=done, run_imported=0, run_total=total)


def result(account: Account, message: str) -> None:
    """A run without progress of its own (one order fetched, the import after Retry now) ended: its
    outcome is what the panel shows next."""
    _update(account, run_phase=IDLE, run_finished_at=timezone.now(), run_message=message)
