"""Magento's values to the Store model's (both versions): UTC wall time to aware datetimes, numbers and
decimal strings ("49.0000") to Decimal."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def utc(text: str) -> datetime:
    """``"2026-11-28 04:26:53"`` (always UTC in Magento's API, whatever the store's timezone)."""
    if not text:
        return EPOCH
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


def quantity(value: float | str) -> Decimal:
    """A quantity as Decimal, through str (``30.0`` → ``Decimal("30.0")``, never a binary artefact): a
    quantity compared with the last one pushed must compare exactly."""
    return Decimal(str(value))


def money(value: float | str | None) -> Decimal | None:
    # Through str: Decimal(29.99) would keep the binary float's 29.989999…
    return None if value is None or value == "" else Decimal(str(value))
