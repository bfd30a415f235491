"""``catalog_category.tree``: the category tree from a parent (default: the tree root, id 1) or from a
store view's root category."""

from __future__ import annotations

from dataclasses import dataclass

from .session import Session
from .values import Json, flag, objs, text, to_int


@dataclass(frozen=True)
class CategoryNode:
    category_id: int
    parent_id: int
    name: str
    is_active: bool
    position: int
    level: int
    children: tuple[CategoryNode, ...]


def parse_node(data: Json) -> CategoryNode:
    return CategoryNode(
        category_id=to_int(data.get("category_id")),
        parent_id=to_int(data.get("parent_id")),
        name=text(data, "name"),
        is_active=flag(data.get("is_active")),
        position=to_int(data.get("position")),
        level=to_int(data.get("level")),
        children=tuple(parse_node(c) for c in objs(data.get("children"))),
    )


class Categories:
    def __init__(self, session: Session) -> None:
        self._session = session

    def tree(self, parent_id: int | None = None, store: str | int | None = None) -> CategoryNode:
        answer = self._session.call("catalog_category.tree", [parent_id, store])
        return parse_node(answer if isinstance(answer, dict) else {})
