"""Magento's values to the Store model's (both versions): UTC wall time to aware datetimes, date
attributes to calendar days, numbers and decimal strings ("49.0000") to Decimal."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?", re.DOTALL)


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


def day(value: object) -> date | None:
    """A date attribute (``special_from_date``: ``"2026-12-04 00:00:00"``, the store's local day) as that
    day; None when absent, empty or unreadable (``"0000-00-00 00:00:00"``, ``"soon"``, a number): one bad
    value must not stop a catalog read, and an unreadable end of a window is read as an open one, as
    Magento itself treats an empty one."""
    match = _DAY.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:  # month 13, day 0…
        return None
