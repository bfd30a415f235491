"""When AliExpress wants an order's goods sent (its ship-by time), from what the order's reads gave.

Two sources, neither documented as "ship-by" (unsure; also in sandbox/COVERAGE.md):
- ``order.info.get``'s ``over_time_left``: the official sample gives a wall-clock date
  (``"2019-03-26 13:01:17"``), read here as US Pacific like every other AliExpress time; the sandbox
  sends it empty;
- ``order.get``'s ``timeout_left_time``: the milliseconds left before the current stage times out, as of
  the read (the official sample: 120340569, about 33 hours; the sandbox: the time left to send the goods
  of a paid order, 0 for any other status).
The detail's date wins; the list's countdown needs the time of the read it came with.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from aliexpress_magento.clients.aliexpress import pacific


def ship_by(
    list_row: Mapping[str, object], detail: Mapping[str, object], read_at: datetime
) -> datetime | None:
    stated = pacific.parse(str(detail.get("over_time_left") or ""))
    if stated is not None:
        return stated
    try:
        left_ms = int(str(list_row.get("timeout_left_time") or 0))
    except (TypeError, ValueError):
        return None
    return read_at + timedelta(milliseconds=left_ms) if left_ms > 0 else None
