"""The filter row of the manual's grids: one filter under each column header (ID from/to, name
contains, a status select…), read from GET parameters and applied to the grid's queryset, so paging,
sorting and "Select All" (Django's ``select_across``) see the same rows.

A grid declares them beside ``list_display``::

    column_filters = (NumberRange("id", "pk"), Contains("name"), Choice("status", choices=...))

A filter names the column it sits under and the queryset lookup it filters (a field, or an annotation
the admin's ``get_queryset`` adds, such as a count). Every parameter starts with ``filter_``, so the
grid can drop them all at once (Reset Filter) and Django's own lookup parsing never sees them.
A value that is not valid for its filter (a letter in a number box) is ignored, not an error page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Model, QuerySet

PARAM_PREFIX = "filter_"


@dataclass(frozen=True)
class Input:
    """One input box of a filter cell, as the template draws it."""

    name: str
    value: str
    placeholder: str = ""


@dataclass(frozen=True)
class Cell:
    """What the filter row shows under one column: text boxes, or a select with its choices."""

    kind: str  # "text", "range", "dates" or "choice"
    inputs: tuple[Input, ...]
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ColumnFilter:
    column: str  # the list_display name the filter sits under
    lookup: str = ""  # the queryset field or annotation; the column's name when empty

    @property
    def target(self) -> str:
        return self.lookup or self.column

    @property
    def param(self) -> str:
        return f"{PARAM_PREFIX}{self.column}"

    def param_names(self) -> tuple[str, ...]:
        return (self.param,)

    def apply(self, rows: QuerySet[Any], params: Mapping[str, str]) -> QuerySet[Any]:
        raise NotImplementedError

    def cell(self, params: Mapping[str, str]) -> Cell:
        raise NotImplementedError


@dataclass(frozen=True)
class Contains(ColumnFilter):
    """Rows whose text contains the typed text, ignoring case."""

    def apply(self, rows: QuerySet[Any], params: Mapping[str, str]) -> QuerySet[Any]:
        text = params.get(self.param, "").strip()
        return rows.filter(**{f"{self.target}__icontains": text}) if text else rows

    def cell(self, params: Mapping[str, str]) -> Cell:
        return Cell("text", (Input(self.param, params.get(self.param, "")),))


@dataclass(frozen=True)
class NumberRange(ColumnFilter):
    """Rows whose number lies between "from" and "to", both included; either may be left empty."""

    def param_names(self) -> tuple[str, ...]:
        return (f"{self.param}_from", f"{self.param}_to")

    def apply(self, rows: QuerySet[Any], params: Mapping[str, str]) -> QuerySet[Any]:
        low, high = (_integer(params.get(name, "")) for name in self.param_names())
        if low is not None:
            rows = rows.filter(**{f"{self.target}__gte": low})
        if high is not None:
            rows = rows.filter(**{f"{self.target}__lte": high})
        return rows

    def cell(self, params: Mapping[str, str]) -> Cell:
        low, high = self.param_names()
        return Cell(
            "range", (Input(low, params.get(low, ""), "From"), Input(high, params.get(high, ""), "To"))
        )


@dataclass(frozen=True)
class DateRange(ColumnFilter):
    """Rows whose moment falls on or between the "from" and "to" days (``YYYY-MM-DD``, the current
    time zone's days); either may be left empty."""

    def param_names(self) -> tuple[str, ...]:
        return (f"{self.param}_from", f"{self.param}_to")

    def apply(self, rows: QuerySet[Any], params: Mapping[str, str]) -> QuerySet[Any]:
        low, high = (_day(params.get(name, "")) for name in self.param_names())
        if low is not None:
            rows = rows.filter(**{f"{self.target}__date__gte": low})
        if high is not None:
            rows = rows.filter(**{f"{self.target}__date__lte": high})
        return rows

    def cell(self, params: Mapping[str, str]) -> Cell:
        low, high = self.param_names()
        return Cell(
            "dates", (Input(low, params.get(low, ""), "From"), Input(high, params.get(high, ""), "To"))
        )


@dataclass(frozen=True)
class Choice(ColumnFilter):
    """Rows whose value is the chosen one; the empty choice ("Any") keeps every row."""

    choices: Sequence[tuple[str, str]] = field(default=())

    def apply(self, rows: QuerySet[Any], params: Mapping[str, str]) -> QuerySet[Any]:
        chosen = params.get(self.param, "")
        if chosen not in {value for value, _ in self.choices}:
            return rows
        return rows.filter(**{self.target: chosen})

    def cell(self, params: Mapping[str, str]) -> Cell:
        return Cell("choice", (Input(self.param, params.get(self.param, "")),), tuple(self.choices))


def apply_all(
    filters: Sequence[ColumnFilter], rows: QuerySet[Model], params: Mapping[str, str]
) -> QuerySet[Model]:
    for column_filter in filters:
        rows = column_filter.apply(rows, params)
    return rows


def is_filter_param(name: str) -> bool:
    return name.startswith(PARAM_PREFIX)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _integer(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None
