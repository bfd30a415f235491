"""Reading Magento 1's loosely typed values (ids and flags as strings, decimals as ``"49.0000"``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

Json = Mapping[str, Any]


def text(data: Json, key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value)


def to_int(value: Any, default: int = 0) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def opt_int(value: Any) -> int | None:
    return None if value in (None, "") else to_int(value)


def opt_float(value: Any) -> float | None:
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None


def flag(value: Any) -> bool:
    return str(value) in ("1", "true", "True")


def objs(value: Any) -> list[Json]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def stamp(when: datetime) -> str:
    """An aware datetime as Magento's UTC ``YYYY-MM-DD HH:MM:SS`` (naive ones are taken as UTC)."""
    aware = when if when.tzinfo else when.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
