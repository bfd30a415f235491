"""Magento 1's value formats on the wire: decimals as ``"49.0000"``, ids and flags as strings, dates as
``YYYY-MM-DD HH:MM:SS`` in UTC (``catalog_product.info`` answers ``created_at`` in ISO 8601, as recorded)."""

from __future__ import annotations

from datetime import UTC, datetime

ZERO, ONE = "0.0000", "1.0000"  # decimal4(0), decimal4(1): the defaults of many order columns


def decimal4(value: float | None) -> str | None:
    return None if value is None else f"{value:.4f}"


def stamp(now: float) -> str:
    return datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%d %H:%M:%S")


def iso(text: str) -> str:
    """``"2026-01-05 09:00:37"`` → ``"2026-01-05T09:00:37+00:00"`` (recorded ``created_at`` of info)."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).isoformat()


def flag(value: bool) -> str:
    return "1" if value else "0"
