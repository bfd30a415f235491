"""The time formats of the API: US Pacific wall time for orders/feeds, GMT+8 for legacy timestamps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

PACIFIC = ZoneInfo("America/Los_Angeles")
BEIJING = timezone(timedelta(hours=8))
WALL_FORMAT = "%Y-%m-%d %H:%M:%S"


@lru_cache(maxsize=8192)  # order views format the same few instants over and over
def pacific(ts: float) -> str:
    return datetime.fromtimestamp(ts, PACIFIC).strftime(WALL_FORMAT)


def parse_pacific(text: str) -> float:
    """``yyyy-MM-dd HH:mm:ss`` in US Pacific time (the order.get / feed.list windows) to epoch seconds."""
    return datetime.strptime(text.strip(), WALL_FORMAT).replace(tzinfo=PACIFIC).timestamp()


def parse_request_timestamp(text: str) -> float | None:
    """Epoch ms (the SDKs), ``yyyy-MM-dd HH:mm:ss`` GMT+8 (TOP style) or ISO-8601 UTC (``/rest`` docs)."""
    text = text.strip()
    if text.isdigit():
        return int(text) / 1000
    for fmt, zone in ((WALL_FORMAT, BEIJING), ("%Y-%m-%dT%H:%M:%SZ", UTC)):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=zone).timestamp()
        except ValueError:
            continue
    return None
