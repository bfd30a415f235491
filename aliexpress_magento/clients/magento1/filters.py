"""Collection filters for the ``list`` calls, in the form API v1 reads over XML-RPC.

Over XML-RPC a filters struct reaches PHP as an array, so ``Mage_Api_Helper_Data::parseFilters`` uses it
as ``{field: value}`` or ``{field: {operator: value}}`` directly; it unpacks SOAP v2's ``filter`` /
``complex_filter`` lists only for SOAP objects. :func:`complex_filter` therefore translates SOAP v2's
``complex_filter`` entries (``{"key": field, "value": {"key": operator, "value": value}}``) into the
native form instead of sending a ``complex_filter`` key, which Magento would take for an attribute name
and refuse.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from .values import stamp

Filters = dict[str, Any]
OPERATORS = frozenset(
    {"eq", "neq", "like", "nlike", "in", "nin", "is", "notnull", "null", "gt", "lt", "gteq", "lteq", "moreq"}
    | {"from", "to", "finset", "seq", "sneq"}
)


def condition(value: Any, operator: str = "eq") -> Any:
    """``value`` for equality, else ``{operator: value}``; datetimes become UTC ``YYYY-MM-DD HH:MM:SS``."""
    if operator not in OPERATORS:
        raise ValueError(f"unknown filter operator {operator!r}")
    encoded = _encode(value)
    return encoded if operator == "eq" else {operator: encoded}


def where(**conditions: Any) -> Filters:
    """``where(sku="A")``, ``where(sku=condition(["A", "B"], "in"))``."""
    return {name: _encode(value) for name, value in conditions.items()}


def updated_since(since: datetime) -> Filters:
    return {"updated_at": {"gteq": stamp(since)}}


def complex_filter(entries: Iterable[Mapping[str, Any]]) -> Filters:
    """SOAP v2's ``complex_filter`` list as the XML-RPC native filters; operators of one field are merged
    (``from`` and ``to`` make a range)."""
    found: Filters = {}
    for entry in entries:
        field, inner = str(entry["key"]), entry["value"]
        operator, value = str(inner["key"]), inner["value"]
        if operator not in OPERATORS:
            raise ValueError(f"unknown filter operator {operator!r}")
        merged = found.get(field, {})
        found[field] = {
            **(merged if isinstance(merged, dict) else {}),
            operator: _encode(_split(operator, value)),
        }
    return found


def _split(operator: str, value: Any) -> Any:
    # SOAP v2 sends an "in" list as one comma-separated string.
    return (
        [v.strip() for v in value.split(",")]
        if operator in ("in", "nin") and isinstance(value, str)
        else value
    )


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return stamp(value)
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [_encode(v) for v in value]
    return value
