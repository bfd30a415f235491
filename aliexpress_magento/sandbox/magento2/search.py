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
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from aliexpress_magento.sandbox.magento2.criteria import Filter, SearchCriteria, SortOrder

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.magento2.search_index import SearchIndex

T = TypeVar("T")
Getter = Callable[[T, str], object]
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2}))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$")
NUMBER = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total_count: int


@dataclass(frozen=True)
class Engine(Generic[T]):
    """``value`` reads a field of a record (raising ``errors.MagentoError`` for unknown fields when the
    entity does); ``sort_value`` may differ (products sort ``price`` by the price index); a record whose
    ``sort_value`` is ``DROP`` leaves the result, as unindexed products do on a real store.

    ``scan`` is the reference: filter every record, sort, cut the page. With an ``index`` (its caches
    over one collection, see ``search_index``), ``run`` answers the same page from lookups and cached
    orders when the query allows, in about O(page) instead of O(N log N) per page."""

    value: Getter[T]
    sort_value: Getter[T] | None = None
    index: SearchIndex[T] | None = None

    def run(self, records: Sequence[T], criteria: SearchCriteria) -> Page[T]:
        if self.index is not None:
            found = self.index.page(self, records, criteria)
            if found is not None:
                return found
        return self.scan(records, criteria)

    def scan(self, records: Sequence[T], criteria: SearchCriteria) -> Page[T]:
        matched = [r for r in records if self.accepts(r, criteria.filter_groups)]
        ranked = self.ranked(matched, criteria.sort_orders)
        assert ranked is not None  # the comparator sorts any keys
        start, stop = window(len(ranked), criteria)
        return Page(ranked[start:stop], len(ranked))

    def accepts(self, record: T, groups: Sequence[Sequence[Filter]]) -> bool:
        """OR inside a group, AND across groups."""
        return all(any(matches(self.value(record, f.field), f) for f in group) for group in groups)

    def ranked(
        self, records: Sequence[T], orders: Sequence[SortOrder], *, keyed_only: bool = False
    ) -> list[T] | None:
        """``records`` in sort order (a stable sort per field, the last field first), DROPs left out.
        ``keyed_only``: None when a field's keys mix types and need the comparator; an order sorted by
        keys alone restricts to any subset as that subset's own order, which is what caches rely on."""
        ranked = list(records)
        read = self.sort_value or self.value
        for order in reversed(orders):
            keyed = [(read(r, order.field), r) for r in ranked]
            kept: list[tuple[object, T]] = [(k, r) for k, r in keyed if k is not DROP]
            kind = key_kind([k for k, _ in kept])
            if kind is None and keyed_only:
                return None
            descending = order.direction.upper() == "DESC"
            if kind is None:
                kept.sort(key=cmp_to_key(_by_first), reverse=descending)
            else:
                fast = KEYS[kind]
                kept.sort(key=lambda pair: fast(pair[0]), reverse=descending)
            ranked = [r for _, r in kept]
        return ranked


def _by_first(a: tuple[object, object], b: tuple[object, object]) -> int:
    return _compare(a[0], b[0])


KeyKind = Literal["number", "text"]


def _number_key(k: object) -> tuple[int, float]:
    return (0, 0.0) if k is None else (1, float(scalar(k)))  # type: ignore[arg-type]


def _text_key(k: object) -> tuple[int, str]:
    return (0, "") if k is None else (1, str(k).lower())


# Key functions equal to ``_compare`` when every key is a number, or every key text (NULLs first).
# Sorting a whole catalog by comparator per page was the sandbox's first bottleneck.
KEYS: dict[KeyKind, Callable[[object], tuple[int, Any]]] = {"number": _number_key, "text": _text_key}


def key_kind(keys: Sequence[object]) -> KeyKind | None:
    """Which of ``KEYS`` orders ``keys`` as ``_compare`` does; None for a mix (or lists), where only the
    comparator is right."""
    present = [scalar(k) for k in keys if k is not None]
    if all(isinstance(k, int | float) for k in present):
        return "number"
    if all(isinstance(k, str) for k in present):
        return "text"
    return None


class _Drop:
    def __repr__(self) -> str:
        return "DROP"


DROP = _Drop()


def window(total: int, criteria: SearchCriteria) -> tuple[int, int]:
    """The page's [start, stop) among ``total`` matches: everything without a page size, [] past the end."""
    size = criteria.page_size or 0
    if size <= 0:
        return 0, total
    page = max(criteria.current_page or 1, 1)
    return min((page - 1) * size, total), min(page * size, total)


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
ORDERING = {"gt", "gteq", "lt", "lteq", "from", "to", "moreq"}


def _positive(kind: str, value: object, wanted: str) -> bool:
    kind = _NEGATED.get(kind, kind)
    if kind == "like":
        return like(str(scalar(value)), wanted)
    if kind == "in":
        return _in(value, wanted)
    if kind == "finset":
        return any(_equal(part, wanted) for part in str(scalar(value)).split(","))
    if kind in ORDERING:
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


def scalar(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _in(value: object, wanted: str) -> bool:
    """``_equal`` against any of the comma-separated values, in O(1): a Store asks for a page's children
    with ``entity_id in <hundreds of ids>``, and scanning the list per record made a page O(catalog * ids)."""
    texts, numbers = _in_parts(wanted)
    value = scalar(value)
    if isinstance(value, int | float):
        return float(value) in numbers
    return str(value).lower() in texts


@functools.lru_cache(maxsize=256)
def _in_parts(wanted: str) -> tuple[frozenset[str], frozenset[float]]:
    parts = wanted.split(",")
    return frozenset(p.lower() for p in parts), frozenset(float(p) for p in parts if NUMBER.match(p))


def _equal(value: object, wanted: str) -> bool:
    value = scalar(value)
    if isinstance(value, int | float):
        return bool(NUMBER.match(wanted)) and float(wanted) == float(value)
    return str(value).lower() == wanted.lower()


def _compare(left: object, right: object) -> int:
    if left is None or right is None:
        return (left is not None) - (right is not None)  # NULL sorts first, as in MySQL
    left, right = scalar(left), scalar(right)
    if isinstance(left, int | float) and _is_number(right):
        a, b = float(left), float(str(right))
    elif isinstance(right, int | float) and _is_number(left):
        a, b = float(str(left)), float(right)
    else:
        x, y = str(left).lower(), str(right).lower()
        return (x > y) - (x < y)
    return (a > b) - (a < b)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) or bool(NUMBER.match(str(value)))
