"""The searchCriteria engine: filters (OR inside a group, AND across groups), sort orders and paging.

Semantics follow what a real 2.4.7-p3 answered (``FINDINGS.md``): comparisons are case-insensitive
(MySQL collation); ``like`` is SQL LIKE with ``%`` and ``_`` and no implicit wrapping; ``in``/``nin`` split
on "," without trimming; ``from``/``to``/``moreq`` are ``>=``/``<=``/``>=``; an unknown condition type acts
as ``eq``; a NULL value satisfies nothing but ``null``; date values lose their "T", "Z" and any offset and
a date alone means midnight; ``currentPage`` without ``pageSize`` returns everything; past the last page
the items are ``[]`` with the true total.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cmp_to_key
from typing import Generic, TypeVar

from aliexpress_magento.sandbox.magento2.criteria import Filter, SearchCriteria, SortOrder

T = TypeVar("T")
Getter = Callable[[T, str], object]
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2}))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$")
_NUMBER = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total_count: int


@dataclass(frozen=True)
class Engine(Generic[T]):
    """``value`` reads a field of a record (raising ``errors.MagentoError`` for unknown fields when the
    entity does); ``sort_value`` may differ (products sort ``price`` by the price index); a record whose
    ``sort_value`` is ``DROP`` leaves the result, as unindexed products do on a real store."""

    value: Getter[T]
    sort_value: Getter[T] | None = None

    def run(self, records: Sequence[T], criteria: SearchCriteria) -> Page[T]:
        matched = [r for r in records if all(self._group(r, g) for g in criteria.filter_groups)]
        for order in reversed(criteria.sort_orders):
            matched = self._sorted(matched, order)
        return Page(_page(matched, criteria), len(matched))

    def _group(self, record: T, group: list[Filter]) -> bool:
        return any(matches(self.value(record, f.field), f) for f in group)

    def _sorted(self, records: list[T], order: SortOrder) -> list[T]:
        read = self.sort_value or self.value
        keyed = [(read(r, order.field), r) for r in records]
        kept: list[tuple[object, T]] = [(k, r) for k, r in keyed if k is not DROP]
        descending = order.direction.upper() == "DESC"

        def by_key(a: tuple[object, T], b: tuple[object, T]) -> int:
            return _compare(a[0], b[0])

        fast = _sort_key([k for k, _ in kept])
        kept.sort(key=(lambda pair: fast(pair[0])) if fast else cmp_to_key(by_key), reverse=descending)
        return [r for _, r in kept]


def _sort_key(keys: list[object]) -> Callable[[object], tuple[int, object]] | None:
    """A key function equal to ``_compare`` when every key is a number, or every key text (NULLs first);
    None for a mix, where only the comparator is right. Sorting a whole catalog by comparator per page
    was the sandbox's bottleneck."""
    present = [_scalar(k) for k in keys if k is not None]
    if all(isinstance(k, int | float) for k in present):
        return lambda k: (0, 0.0) if k is None else (1, float(_scalar(k)))  # type: ignore[arg-type]
    if all(isinstance(k, str) for k in present):
        return lambda k: (0, "") if k is None else (1, str(k).lower())
    return None


class _Drop:
    def __repr__(self) -> str:
        return "DROP"


DROP = _Drop()


def _page(records: list[T], criteria: SearchCriteria) -> list[T]:
    size = criteria.page_size or 0
    if size <= 0:
        return records
    page = max(criteria.current_page or 1, 1)
    return records[(page - 1) * size : page * size]


def matches(value: object, flt: Filter) -> bool:
    kind = flt.condition_type.lower()
    if kind == "null":
        return value is None or value == []
    if kind == "notnull":
        return not (value is None or value == [])
    if value is None:
        return False
    wanted = flt.value or ""
    if isinstance(value, list):
        hits = [v for v in value if _positive(kind, v, wanted)]
        return not hits if kind in _NEGATED else bool(hits)
    if kind in _NEGATED:
        return not _positive(kind, value, wanted)
    return _positive(kind, value, wanted)


_NEGATED = {"neq": "eq", "nin": "in", "nlike": "like", "nfinset": "finset"}
_ORDERING = {"gt", "gteq", "lt", "lteq", "from", "to", "moreq"}


def _positive(kind: str, value: object, wanted: str) -> bool:
    kind = _NEGATED.get(kind, kind)
    if kind == "like":
        return like(str(_scalar(value)), wanted)
    if kind == "in":
        return _in(value, wanted)
    if kind == "finset":
        return any(_equal(part, wanted) for part in str(_scalar(value)).split(","))
    if kind in _ORDERING:
        return _ordered(kind, _compare(value, normalise(wanted)))
    return _equal(value, wanted)  # eq, and unknown condition types (observed: they act as eq)


def _ordered(kind: str, cmp: int) -> bool:
    if kind == "gt":
        return cmp > 0
    if kind in ("gteq", "from", "moreq"):
        return cmp >= 0
    if kind == "lt":
        return cmp < 0
    return cmp <= 0  # lteq, to


def like(text: str, pattern: str) -> bool:
    regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, text, flags=re.IGNORECASE | re.DOTALL) is not None


def normalise(wanted: str) -> object:
    """Numbers compare as numbers; dates as 'Y-m-d H:i:s' wall-clock text (the offset is ignored)."""
    found = _DATE.match(wanted.strip())
    if found:
        return f"{found.group(1)} {found.group(2) or '00:00:00'}"
    return wanted


def _scalar(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _in(value: object, wanted: str) -> bool:
    """``_equal`` against any of the comma-separated values, in O(1): a Store asks for a page's children
    with ``entity_id in <hundreds of ids>``, and scanning the list per record made a page O(catalog * ids)."""
    texts, numbers = _in_parts(wanted)
    value = _scalar(value)
    if isinstance(value, int | float):
        return float(value) in numbers
    return str(value).lower() in texts


@functools.lru_cache(maxsize=256)
def _in_parts(wanted: str) -> tuple[frozenset[str], frozenset[float]]:
    parts = wanted.split(",")
    return frozenset(p.lower() for p in parts), frozenset(float(p) for p in parts if _NUMBER.match(p))


def _equal(value: object, wanted: str) -> bool:
    value = _scalar(value)
    if isinstance(value, int | float):
        return bool(_NUMBER.match(wanted)) and float(wanted) == float(value)
    return str(value).lower() == wanted.lower()


def _compare(left: object, right: object) -> int:
    if left is None or right is None:
        return (left is not None) - (right is not None)  # NULL sorts first, as in MySQL
    left, right = _scalar(left), _scalar(right)
    if isinstance(left, int | float) and _is_number(right):
        a, b = float(left), float(str(right))
    elif isinstance(right, int | float) and _is_number(left):
        a, b = float(str(left)), float(right)
    else:
        x, y = str(left).lower(), str(right).lower()
        return (x > y) - (x < y)
    return (a > b) - (a < b)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) or bool(_NUMBER.match(str(value)))
