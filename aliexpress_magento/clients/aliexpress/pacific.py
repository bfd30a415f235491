"""US Pacific time, AliExpress's wall clock for order and feed times (fact sheet §6.1).

We keep UTC everywhere and convert at the edges only, all through here: the client reading and
writing the API's times, and the configuration page, whose order windows a merchant enters in the
time AliExpress shows them in. Daylight saving time is the zone database's (PST/PDT).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

PACIFIC = ZoneInfo("America/Los_Angeles")
WALL_CLOCK_FORMAT = "%Y-%m-%d %H:%M:%S"


def parse(text: str, formats: Iterable[str] = (WALL_CLOCK_FORMAT,)) -> datetime | None:
    """Pacific wall-clock ``text`` in the first of ``formats`` that fits, as an aware UTC datetime."""
    raw = text.strip()
    for fmt in formats:
        try:
            local = datetime.strptime(raw, fmt).replace(tzinfo=PACIFIC)
        except ValueError:
            continue
        return local.astimezone(UTC)
    return None


def to_wall_clock(moment: datetime) -> str:
    """An aware datetime as Pacific wall-clock text (``WALL_CLOCK_FORMAT``)."""
    if moment.tzinfo is None:
        raise ValueError("query windows must be timezone-aware (we keep UTC everywhere)")
    return moment.astimezone(PACIFIC).strftime(WALL_CLOCK_FORMAT)
