"""searchCriteria (fact sheet §2): a builder for every condition type, and paging on ``total_count``.

Filters inside one group are OR'd, groups are AND'd. ``where`` adds a group of one filter; ``any_of``
adds a group of several. The builder is immutable: each call returns a new criteria, so a base query
can be shared and refined.

Paging stops when ``current_page * page_size >= total_count``: 2.4.7 answers an empty page past the
end, older releases repeated the last one, so "until empty" would loop for ever on those. Reads of what
changed since a time page by key (:class:`KeysetPager`), not by offset, so no record is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

Condition = Literal[
    "eq", "neq", "gt", "gteq", "lt", "lteq", "moreq", "from", "to", "like", "nlike",
    "in", "nin", "null", "notnull", "finset", "nfinset",
]  # fmt: skip
CONDITIONS: frozenset[str] = frozenset(Condition.__args__)  # type: ignore[attr-defined]
Direction = Literal["ASC", "DESC"]
Value = str | int | float | datetime | Sequence[str | int]
DEFAULT_PAGE_SIZE = 100


def magento_value(value: Value | None) -> str | None:
    """Lists become Magento's comma lists (no spaces: Magento does not trim); datetimes UTC wall time."""
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value.astimezone(UTC) if value.tzinfo else value
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, str | int | float):
        return str(value)
    return ",".join(str(v) for v in value)


@dataclass(frozen=True)
class Filter:
    field: str
    value: Value | None = None
    condition: Condition = "eq"

    def __post_init__(self) -> None:
        if self.condition not in CONDITIONS:
            # Magento silently treats an unknown condition as eq: refuse it here instead.
            raise ValueError(f"unknown condition_type {self.condition!r}")


@dataclass(frozen=True)
class SortOrder:
    field: str
    direction: Direction = "ASC"


@dataclass(frozen=True)
class SearchCriteria:
    groups: tuple[tuple[Filter, ...], ...] = ()
    sort: tuple[SortOrder, ...] = ()
    page_size: int | None = None

    def where(self, field: str, value: Value | None = None, condition: Condition = "eq") -> SearchCriteria:
        """AND one more condition (a filter group of one)."""
        return self.any_of(Filter(field, value, condition))

    def any_of(self, *filters: Filter) -> SearchCriteria:
        """AND a group whose filters are OR'd."""
        if not filters:
            raise ValueError("a filter group needs at least one filter")
        return replace(self, groups=(*self.groups, tuple(filters)))

    def order_by(self, field: str, direction: Direction = "ASC") -> SearchCriteria:
        return replace(self, sort=(*self.sort, SortOrder(field, direction)))

    def limit(self, page_size: int) -> SearchCriteria:
        if page_size < 1:
            raise ValueError("page_size must be positive")
        return replace(self, page_size=page_size)

    def params(self, page: int | None = None) -> list[tuple[str, str]]:
        """The query parameters, in a stable order; ``page`` is 1-based."""
        out = [pair for g, group in enumerate(self.groups) for pair in _group_params(g, group)]
        for s, order in enumerate(self.sort):
            out.append((f"searchCriteria[sortOrders][{s}][field]", order.field))
            out.append((f"searchCriteria[sortOrders][{s}][direction]", order.direction))
        if self.page_size is not None:
            out.append(("searchCriteria[pageSize]", str(self.page_size)))
        if page is not None:
            out.append(("searchCriteria[currentPage]", str(page)))
        # Without any searchCriteria parameter Magento answers 400 "searchCriteria is required".
        return out or [("searchCriteria", "")]


def _group_params(g: int, group: Sequence[Filter]) -> Iterator[tuple[str, str]]:
    for f, item in enumerate(group):
        prefix = f"searchCriteria[filterGroups][{g}][filters][{f}]"
        yield f"{prefix}[field]", item.field
        value = magento_value(item.value)
        if value is not None:
            yield f"{prefix}[value]", value
        yield f"{prefix}[conditionType]", item.condition


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    total_count: int
    number: int
    page_size: int

    @property
    def is_last(self) -> bool:
        return self.number * self.page_size >= self.total_count


@dataclass
class Pager:
    """Fetches ``criteria`` page by page through ``fetch(params) -> search-results body``."""

    fetch: Callable[[list[tuple[str, str]]], Mapping[str, Any]]
    criteria: SearchCriteria
    pages_read: int = field(default=0, init=False)

    def pages(self) -> Iterator[Page]:
        criteria = self.criteria if self.criteria.page_size else self.criteria.limit(DEFAULT_PAGE_SIZE)
        size = criteria.page_size or DEFAULT_PAGE_SIZE
        number = 1
        while True:
            body = self.fetch(criteria.params(number))
            self.pages_read += 1
            page = Page(list(body.get("items") or []), int(body.get("total_count") or 0), number, size)
            yield page
            if page.is_last or not page.items:
                return
            number += 1

    def items(self) -> Iterator[dict[str, Any]]:
        for page in self.pages():
            yield from page.items


@dataclass
class KeysetPager:
    """Records changed at or after ``since``, oldest first, paged by key instead of by offset.

    Offset paging over ``updated_at`` loses records: one edited during the read moves to the end, the
    others move up one place, and one slips between two pages — older than the next watermark, so an
    incremental reader never sees it again. Each page here is the first page of "after the last record
    read", in Magento's terms (filters OR'd inside a group, groups AND'd; recorded on 2.4.7-p7,
    ``products.keyset_page*``)::

        [updated_at >= T] AND [updated_at > T OR entity_id > N]   sorted by updated_at, entity_id

    with (T, N) the last record's ``updated_at`` and id. An edited record is read again at the end.
    ``id_key`` names the id in an answered item (``id`` for products, ``entity_id`` for sales documents).
    """

    fetch: Callable[[list[tuple[str, str]]], Mapping[str, Any]]
    since: Value
    page_size: int = DEFAULT_PAGE_SIZE
    id_key: str = "entity_id"
    field_name: str = "updated_at"
    id_field: str = "entity_id"
    pages_read: int = field(default=0, init=False)

    def pages(self) -> Iterator[Page]:
        criteria = self._after(None)
        while True:
            body = self.fetch(criteria.params())
            self.pages_read += 1
            page = Page(list(body.get("items") or []), int(body.get("total_count") or 0), 1, self.page_size)
            yield page  # number 1: every request is the first page of what remains
            if page.is_last or not page.items:
                return
            criteria = self._after(page.items[-1])

    def items(self) -> Iterator[dict[str, Any]]:
        for page in self.pages():
            yield from page.items

    def _after(self, last: Mapping[str, Any] | None) -> SearchCriteria:
        ordered = SearchCriteria().order_by(self.field_name).order_by(self.id_field).limit(self.page_size)
        if last is None:
            return ordered.where(self.field_name, self.since, "gteq")
        stamp, last_id = str(last.get(self.field_name)), str(last.get(self.id_key))
        return ordered.where(self.field_name, stamp, "gteq").any_of(
            Filter(self.field_name, stamp, "gt"), Filter(self.id_field, last_id, "gt")
        )
