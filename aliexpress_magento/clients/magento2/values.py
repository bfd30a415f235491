"""Reading Magento's JSON: ids that arrive as strings, numbers that may be absent, custom attributes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Json = dict[str, Any]
AttributeValue = str | list[str]


def to_int(value: object) -> int:
    """Ids come back as JSON strings on some routes (``"4"``, ``"19"``): coerce them."""
    if isinstance(value, bool):
        raise TypeError(f"expected an id, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str | float) and str(value).strip().lstrip("-").replace(".", "", 1).isdigit():
        return int(float(value))
    raise TypeError(f"expected an id, got {value!r}")


def opt_int(value: object) -> int | None:
    return None if value is None or value == "" else to_int(value)


def opt_float(value: object) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"expected a number, got {value!r}")


def text(data: Mapping[str, Any], key: str, default: str = "") -> str:
    value = data.get(key)
    return default if value is None else str(value)


def obj(data: Mapping[str, Any], key: str) -> Json:
    """A nested object; PHP encodes an empty one as ``[]``, so a list reads as empty."""
    value = data.get(key)
    return dict(value) if isinstance(value, Mapping) else {}


def objs(data: Mapping[str, Any], key: str) -> list[Json]:
    value = data.get(key)
    return [dict(v) for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def custom_attributes(data: Mapping[str, Any]) -> dict[str, AttributeValue]:
    """``custom_attributes`` as a mapping; values are strings, ``category_ids`` a list of strings."""
    out: dict[str, AttributeValue] = {}
    for entry in objs(data, "custom_attributes"):
        value = entry.get("value")
        out[str(entry.get("attribute_code"))] = (
            [str(v) for v in value] if isinstance(value, list) else "" if value is None else str(value)
        )
    return out
