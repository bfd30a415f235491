"""Categories (fact sheet §3.4): the tree, and the flat searchable list."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .connection import Connection
from .search import Pager, SearchCriteria
from .values import objs, opt_int, text, to_int


@dataclass(frozen=True)
class CategoryNode:
    id: int
    parent_id: int
    name: str
    is_active: bool
    position: int
    level: int
    product_count: int
    children: tuple[CategoryNode, ...]


@dataclass(frozen=True)
class Category:
    id: int
    parent_id: int
    name: str
    is_active: bool
    position: int
    level: int
    path: str


def parse_node(data: Mapping[str, Any]) -> CategoryNode:
    return CategoryNode(
        id=to_int(data.get("id")),
        parent_id=opt_int(data.get("parent_id")) or 0,
        name=text(data, "name"),
        is_active=bool(data.get("is_active")),
        position=int(data.get("position") or 0),
        level=int(data.get("level") or 0),
        product_count=int(data.get("product_count") or 0),
        children=tuple(parse_node(c) for c in objs(data, "children_data")),
    )


def parse_category(data: Mapping[str, Any]) -> Category:
    return Category(
        id=to_int(data.get("id")),
        parent_id=opt_int(data.get("parent_id")) or 0,
        name=text(data, "name"),
        is_active=bool(data.get("is_active")),
        position=int(data.get("position") or 0),
        level=int(data.get("level") or 0),
        path=text(data, "path"),
    )


class Categories:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def tree(self, root_id: int | None = None, depth: int | None = None) -> CategoryNode:
        params = {k: str(v) for k, v in (("rootCategoryId", root_id), ("depth", depth)) if v is not None}
        return parse_node(self._c.get("/V1/categories", params))

    def search(self, criteria: SearchCriteria) -> Pager:
        return Pager(lambda params: self._c.get("/V1/categories/list", params), criteria)

    def iter(self, criteria: SearchCriteria | None = None) -> Iterator[Category]:
        return (parse_category(c) for c in self.search(criteria or SearchCriteria()).items())

    def get(self, category_id: int) -> Category:
        return parse_category(self._c.get(f"/V1/categories/{category_id}"))
