"""Collection filters as API v1 takes them over XML-RPC: ``{field: value}`` (equality) or
``{field: {operator: value, …}}`` with Varien's operators (``eq neq like nlike in nin null notnull gt lt
gteq lteq moreq from to finset``).

Over XML-RPC the filters struct arrives as a PHP array, so ``Mage_Api_Helper_Data::parseFilters`` does
NOT unpack SOAP v2's ``filter`` / ``complex_filter`` lists: a ``complex_filter`` key is taken for a field
name like any other, and an unknown field fails the way each resource's collection fails
(:class:`UnknownField`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any

Row = Mapping[str, Any]


class UnknownField(Exception):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def apply(
    rows: Iterable[Row], filters: object, known: Collection[str], rename: Mapping[str, str] | None = None
) -> list[Row]:
    """Keep the rows matching every filter. ``known`` are the filterable fields (others raise
    :class:`UnknownField`); ``rename`` maps API names to row fields (``product_id`` → ``entity_id``)."""
    wanted = filters if isinstance(filters, Mapping) else {}
    fields = {str(name): (rename or {}).get(str(name), str(name)) for name in wanted}
    for name, field in fields.items():
        if field not in known:
            raise UnknownField(name)
    return [row for row in rows if all(_matches(row.get(fields[str(n)]), c) for n, c in wanted.items())]


def _matches(value: Any, condition: Any) -> bool:
    if not isinstance(condition, Mapping):
        return _eq(value, condition)
    return all(_test(value, str(op), operand) for op, operand in condition.items())


def _test(value: Any, op: str, operand: Any) -> bool:
    if op in ("eq", "seq"):
        return _eq(value, operand)
    if op in ("neq", "sneq"):
        return not _eq(value, operand)
    if op in ("in", "nin"):
        found = any(_eq(value, o) for o in _listed(operand))
        return found if op == "in" else not found
    if op in ("like", "nlike"):
        hit = value is not None and _like(str(operand)).fullmatch(str(value)) is not None
        return hit if op == "like" else not hit
    if op == "null":
        return value is None
    if op == "notnull":
        return value is not None
    if op == "finset":
        return str(operand) in str(value or "").split(",")
    order = _compare(value, operand)
    if order is None:
        return False
    return {"gt": order > 0, "lt": order < 0, "gteq": order >= 0, "moreq": order >= 0, "from": order >= 0,
            "lteq": order <= 0, "to": order <= 0}.get(op, False)  # fmt: skip


def _listed(operand: Any) -> list[Any]:
    if isinstance(operand, list):
        return operand
    return [part.strip() for part in str(operand).split(",")]


def _eq(value: Any, operand: Any) -> bool:
    order = _compare(value, operand)
    return order == 0


def _compare(value: Any, operand: Any) -> int | None:
    if value is None or operand is None:
        return None
    left, right = number(value), number(operand)
    if left is not None and right is not None:
        return (left > right) - (left < right)
    a, b = str(value).lower(), str(operand).lower()  # MySQL's case-insensitive collation
    return (a > b) - (a < b)


def number(value: Any) -> float | None:
    """``value`` as MySQL compares it with a number, or None when it is text."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(value) if re.fullmatch(r"-?\d+(\.\d+)?", str(value)) else None
    except ValueError:
        return None


def _like(pattern: str) -> re.Pattern[str]:
    parts = (".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)
