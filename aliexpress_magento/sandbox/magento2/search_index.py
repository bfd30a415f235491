"""Caches that let the searchCriteria engine answer a page of a large collection in about O(page).

A Store reads a catalog with ``updated_at gteq T`` sorted by ``updated_at, entity_id``, page after page,
and looks a page's children up with ``entity_id in …`` / ``sku in …``. Filtering and sorting 100,000
products for every page made a full read O(N²). A :class:`SearchIndex` belongs to one collection (the
catalog's products, read by one engine) and keeps, until :meth:`SearchIndex.changed` is called by a write:

- per field, the positions of the records by value, for groups made of ``eq``/``in`` filters only: the
  few candidates then go through the engine's own filter and sort (``Engine.scan``), so the answer is
  the scan's;
- per sort order, the records in that order, when every sort field's keys have one type (then the
  order restricted to the matches is the matches' own order); and, when the first sort field is
  ascending and its filter values rise along that order, those values, so that a group holding one
  range filter on that field (``gteq``, ``from``, ``lt``…) becomes a slice found by bisection; a group
  that ORs a lower bound on that field with other filters (a keyset page: ``updated_at gt T OR
  entity_id gt N``) holds for the whole slice after the bound, so only the records before it (the ties
  at T) are filtered one by one.

A query these do not cover (an unknown field, keys of mixed types, a descending range…) answers None and
the engine scans: the semantics stay those of :meth:`search.Engine.scan`, tested side by side.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Generic, TypeVar

from aliexpress_magento.sandbox.magento2.criteria import Filter, SearchCriteria, SortOrder
from aliexpress_magento.sandbox.magento2.errors import MagentoError
from aliexpress_magento.sandbox.magento2.search import (
    KEYS,
    NUMBER,
    ORDERING,
    Engine,
    KeyKind,
    Page,
    key_kind,
    normalise,
    scalar,
    window,
)

T = TypeVar("T")
LOOKED_UP = ("eq", "in")
LOWER_BOUNDS = ("gt", "gteq", "from", "moreq")


@dataclass(frozen=True)
class Ordered(Generic[T]):
    records: list[T]
    # The first sort field's filter values along ``records``, as keys, when they rise (else empty).
    kind: KeyKind | None = None
    keys: list[Any] = field(default_factory=list)


class SearchIndex(Generic[T]):
    def __init__(self) -> None:
        self._records: Sequence[T] | None = None
        self._lookups: dict[str, dict[tuple[str, object], list[int]]] = {}
        self._orders: dict[tuple[tuple[str, bool], ...], Ordered[T] | None] = {}

    def changed(self) -> None:
        """Every write to the records, or to what their values read (stock for the price sort), calls it."""
        self._records = None
        self._lookups.clear()
        self._orders.clear()

    def page(self, engine: Engine[T], records: Sequence[T], criteria: SearchCriteria) -> Page[T] | None:
        if not records or not _fields_known(engine, records[0], criteria):
            return None
        if self._records is not records:
            self.changed()
            self._records = records
        positions = self._candidates(engine, records, criteria.filter_groups)
        if positions is not None:
            return engine.scan([records[i] for i in positions], criteria)
        ordered = self._ordered(engine, records, criteria.sort_orders)
        return None if ordered is None else _slice(engine, ordered, criteria)

    def _candidates(
        self, engine: Engine[T], records: Sequence[T], groups: Sequence[Sequence[Filter]]
    ) -> list[int] | None:
        """Positions of the records the smallest ``eq``/``in`` group can match, in collection order."""
        best: set[int] | None = None
        for group in groups:
            if not group or any(f.condition_type.lower() not in LOOKED_UP for f in group):
                continue
            found: set[int] = set()
            for flt in group:
                table = self._lookup(engine, records, flt.field)
                for key in _wanted_keys(flt):
                    found.update(table.get(key, ()))
            if best is None or len(found) < len(best):
                best = found
        return None if best is None else sorted(best)

    def _lookup(
        self, engine: Engine[T], records: Sequence[T], name: str
    ) -> dict[tuple[str, object], list[int]]:
        table = self._lookups.get(name)
        if table is None:
            table = {}
            for position, record in enumerate(records):
                for key in _value_keys(engine.value(record, name)):
                    table.setdefault(key, []).append(position)
            self._lookups[name] = table
        return table

    def _ordered(
        self, engine: Engine[T], records: Sequence[T], orders: Sequence[SortOrder]
    ) -> Ordered[T] | None:
        spec = tuple((o.field, o.direction.upper() == "DESC") for o in orders)
        if spec not in self._orders:
            self._orders[spec] = _order(engine, records, orders)
        return self._orders[spec]


def _fields_known(engine: Engine[T], sample: T, criteria: SearchCriteria) -> bool:
    """The scan raises for an unknown field only once a record reaches that filter or sort; the caches
    would read it at once. Such queries are left to the scan, so both answer alike."""
    read_sort = engine.sort_value or engine.value
    try:
        for group in criteria.filter_groups:
            for flt in group:
                engine.value(sample, flt.field)
        for order in criteria.sort_orders:
            read_sort(sample, order.field)
    except MagentoError:
        return False
    return True


def _key(value: object) -> tuple[str, object]:
    """The one key ``_equal`` and ``_in`` agree on: a number by its float value, text lower-cased."""
    value = scalar(value)
    if isinstance(value, int | float):
        return ("n", float(value))
    return ("s", str(value).lower())


def _value_keys(value: object) -> list[tuple[str, object]]:
    if value is None:
        return []  # NULL matches no eq/in
    if isinstance(value, list):
        return [_key(v) for v in value]  # a list matches when one of its values does
    return [_key(value)]


def _wanted_keys(flt: Filter) -> list[tuple[str, object]]:
    wanted = flt.value or ""
    parts = wanted.split(",") if flt.condition_type.lower() == "in" else [wanted]
    keys: list[tuple[str, object]] = [("s", p.lower()) for p in parts]
    return keys + [("n", float(p)) for p in parts if NUMBER.match(p)]


def _order(engine: Engine[T], records: Sequence[T], orders: Sequence[SortOrder]) -> Ordered[T] | None:
    ranked = engine.ranked(records, orders, keyed_only=True)
    if ranked is None:
        return None
    if not orders or orders[0].direction.upper() == "DESC":
        return Ordered(ranked)
    values = [engine.value(r, orders[0].field) for r in ranked]
    kind = key_kind(values)
    if kind is None:
        return Ordered(ranked)
    keys = [KEYS[kind](v) for v in values]
    # Filter values need not follow the sort (price filters the price, sorts the price index).
    if any(a > b for a, b in pairwise(keys)):
        return Ordered(ranked)
    return Ordered(ranked, kind, keys)


def _slice(engine: Engine[T], ordered: Ordered[T], criteria: SearchCriteria) -> Page[T]:
    lo, hi = 0, len(ordered.records)
    first = criteria.sort_orders[0].field if criteria.sort_orders else None
    rest: list[list[Filter]] = []
    for group in criteria.filter_groups:
        bounds = _bounds(ordered, group[0]) if len(group) == 1 and group[0].field == first else None
        if bounds is None:
            rest.append(group)
            continue
        lo, hi = max(lo, bounds[0]), min(hi, bounds[1])
    hi = max(lo, hi)
    cut = _suffix_start(ordered, rest[0], first) if len(rest) == 1 else None
    if cut is not None:
        return _keyset_page(engine, ordered, criteria, rest, (lo, min(max(lo, cut), hi), hi))
    if rest:
        matched = [r for r in ordered.records[lo:hi] if engine.accepts(r, rest)]
        start, stop = window(len(matched), criteria)
        return Page(matched[start:stop], len(matched))
    start, stop = window(hi - lo, criteria)
    return Page(ordered.records[lo + start : lo + stop], hi - lo)


def _suffix_start(ordered: Ordered[T], group: Sequence[Filter], first: str | None) -> int | None:
    """Where the records that satisfy ``group`` for sure begin: a group OR'ing a lower bound on the
    first sort field (``updated_at gt T OR entity_id gt N``, a Store's keyset page) holds for every
    record from that bound on; before it, its other filters decide."""
    starts = [
        bounds[0]
        for flt in group
        if flt.field == first and flt.condition_type.lower() in LOWER_BOUNDS
        for bounds in [_bounds(ordered, flt)]
        if bounds is not None
    ]
    return min(starts) if starts else None


def _keyset_page(
    engine: Engine[T],
    ordered: Ordered[T],
    criteria: SearchCriteria,
    rest: list[list[Filter]],
    span: tuple[int, int, int],
) -> Page[T]:
    """Records [lo, cut) filtered one by one (the ties at the key, for a keyset page), then all of
    [cut, hi): about O(ties + page) instead of O(everything after the key)."""
    lo, cut, hi = span
    head = [r for r in ordered.records[lo:cut] if engine.accepts(r, rest)]
    total = len(head) + hi - cut
    start, stop = window(total, criteria)
    tail = ordered.records[cut + max(0, start - len(head)) : cut + max(0, stop - len(head))]
    return Page(head[start:stop] + tail, total)


def _bounds(ordered: Ordered[T], flt: Filter) -> tuple[int, int] | None:
    """[lo, hi) of the records a range filter keeps, as ``matches`` decides: NULL never, text compared
    lower-cased, numbers as numbers (a non-numeric value against numbers compares as text: scanned)."""
    condition = flt.condition_type.lower()
    if ordered.kind is None or condition not in ORDERING:
        return None
    wanted = str(normalise(flt.value or ""))
    if ordered.kind == "number":
        if not NUMBER.match(wanted):
            return None
        threshold: tuple[int, Any] = (1, float(wanted))
        lowest: tuple[int, Any] = (1, -math.inf)
    else:
        threshold, lowest = (1, wanted.lower()), (1, "")
    keys = ordered.keys
    if condition == "gt":
        return bisect_right(keys, threshold), len(keys)
    if condition in ("gteq", "from", "moreq"):
        return bisect_left(keys, threshold), len(keys)
    first = bisect_left(keys, lowest)  # NULLs sort first and match no range
    if condition == "lt":
        return first, bisect_left(keys, threshold)
    return first, bisect_right(keys, threshold)  # lteq, to
