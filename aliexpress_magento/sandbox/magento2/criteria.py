"""Parsing ``searchCriteria[...]`` query parameters into a ``SearchCriteria`` and echoing it back.

Both key styles are accepted (``filter_groups``/``filterGroups``, ``condition_type``/``conditionType``,
``sort_orders``/``sortOrders``, ``page_size``/``pageSize``, ``current_page``/``currentPage``); the echo in
``search_criteria`` always uses snake_case, as 2.4.7 does (``search.camel_case``). A filter without
``condition_type`` is echoed with ``"eq"`` (``search.eq_default_condition``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from aliexpress_magento.sandbox.magento2 import errors

_KEY = re.compile(r"\[([^\]]*)\]")
_SNAKE = {
    "filterGroups": "filter_groups",
    "conditionType": "condition_type",
    "sortOrders": "sort_orders",
    "pageSize": "page_size",
    "currentPage": "current_page",
}


@dataclass(frozen=True)
class Filter:
    field: str
    value: str | None
    condition_type: str = "eq"


@dataclass(frozen=True)
class SortOrder:
    field: str
    direction: str = "ASC"


@dataclass(frozen=True)
class SearchCriteria:
    filter_groups: list[list[Filter]] = field(default_factory=list)
    sort_orders: list[SortOrder] = field(default_factory=list)
    page_size: int | None = None
    current_page: int | None = None
    has_sort: bool = False

    def echo(self) -> dict[str, Any]:
        echoed: dict[str, Any] = {"filter_groups": [_echo_group(g) for g in self.filter_groups]}
        if self.has_sort:
            echoed["sort_orders"] = [{"field": s.field, "direction": s.direction} for s in self.sort_orders]
        if self.page_size is not None:
            echoed["page_size"] = self.page_size
        if self.current_page is not None:
            echoed["current_page"] = self.current_page
        return echoed


def _echo_group(group: list[Filter]) -> dict[str, Any]:
    filters = []
    for item in group:
        echoed: dict[str, Any] = {"field": item.field}
        if item.value is not None:
            echoed["value"] = item.value
        echoed["condition_type"] = item.condition_type
        filters.append(echoed)
    return {"filters": filters}


def from_query(args: Iterable[tuple[str, str]], name: str = "searchCriteria") -> SearchCriteria | None:
    """``None`` when the request carries no ``searchCriteria`` at all (the caller answers 400)."""
    tree: dict[str, Any] = {}
    seen = False
    for key, value in args:
        if key != name and not key.startswith(name + "["):
            continue
        seen = True
        path = [_SNAKE.get(part, part) for part in _KEY.findall(key[len(name) :])]
        if path:
            _put(tree, path, value)
    return _build(tree) if seen else None


def _put(tree: dict[str, Any], path: list[str], value: str) -> None:
    node = tree
    for part in path[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            return
        node = child
    node[path[-1]] = value


def _indexed(node: object) -> list[dict[str, Any]]:
    if not isinstance(node, dict):
        return []
    keys = sorted(node, key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k))
    return [node[k] for k in keys if isinstance(node[k], dict)]


def _build(tree: dict[str, Any]) -> SearchCriteria:
    groups = [_filters(group) for group in _indexed(tree.get("filter_groups"))]
    sorts = [
        SortOrder(str(s.get("field", "")), str(s.get("direction", "ASC")).upper())
        for s in _indexed(tree.get("sort_orders"))
    ]
    return SearchCriteria(
        filter_groups=[g for g in groups if g],
        sort_orders=sorts,
        page_size=_int(tree.get("page_size"), "pageSize"),
        current_page=_int(tree.get("current_page"), "currentPage"),
        has_sort="sort_orders" in tree,
    )


def _filters(group: dict[str, Any]) -> list[Filter]:
    found = []
    for item in _indexed(group.get("filters")):
        value = item.get("value")
        condition = str(item.get("condition_type") or "eq")
        found.append(Filter(str(item.get("field", "")), None if value is None else str(value), condition))
    return found


def _int(value: object, name: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value))
    except ValueError:
        raise errors.bad_request(
            'Error occurred during "%fieldName" processing. The "%value" value\'s type is invalid. '
            'The "%type" type was expected. Verify and try again.',
            {"fieldName": name, "value": str(value), "type": "int"},
        ) from None
