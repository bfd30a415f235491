"""Product attributes with their options, and attribute sets (fact sheet §3.3)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .connection import Connection, segment
from .search import Pager, SearchCriteria
from .values import objs, text, to_int


@dataclass(frozen=True)
class AttributeOption:
    value: str  # the option id, as the string Magento stores in custom_attributes
    label: str


@dataclass(frozen=True)
class Attribute:
    id: int
    code: str
    label: str
    frontend_input: str
    scope: str
    is_required: bool
    is_user_defined: bool
    options: tuple[AttributeOption, ...]


@dataclass(frozen=True)
class AttributeSet:
    id: int
    name: str
    sort_order: int
    entity_type_id: int


def parse_options(entries: list[dict[str, Any]]) -> tuple[AttributeOption, ...]:
    """Drops Magento's placeholder option ``{"label": " ", "value": ""}``: it is no choice."""
    return tuple(
        AttributeOption(text(o, "value"), text(o, "label")) for o in entries if text(o, "value").strip()
    )


def parse_attribute(data: Mapping[str, Any]) -> Attribute:
    return Attribute(
        id=to_int(data.get("attribute_id")),
        code=text(data, "attribute_code"),
        label=text(data, "default_frontend_label"),
        frontend_input=text(data, "frontend_input"),
        scope=text(data, "scope"),
        is_required=bool(data.get("is_required")),
        is_user_defined=bool(data.get("is_user_defined")),
        options=parse_options(objs(data, "options")),
    )


class Attributes:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def search(self, criteria: SearchCriteria) -> Pager:
        return Pager(lambda params: self._c.get("/V1/products/attributes", params), criteria)

    def iter(self, criteria: SearchCriteria) -> Iterator[Attribute]:
        return (parse_attribute(a) for a in self.search(criteria).items())

    def get(self, code: str) -> Attribute:
        return parse_attribute(self._c.get(f"/V1/products/attributes/{segment(code)}"))

    def options(self, code: str) -> tuple[AttributeOption, ...]:
        return parse_options(list(self._c.get(f"/V1/products/attributes/{segment(code)}/options")))

    def sets(self, criteria: SearchCriteria | None = None) -> Iterator[AttributeSet]:
        pager = Pager(
            lambda params: self._c.get("/V1/products/attribute-sets/sets/list", params),
            criteria or SearchCriteria(),
        )
        for item in pager.items():
            yield AttributeSet(
                id=to_int(item.get("attribute_set_id")),
                name=text(item, "attribute_set_name"),
                sort_order=int(item.get("sort_order") or 0),
                entity_type_id=to_int(item.get("entity_type_id")),
            )

    def in_set(self, attribute_set_id: int) -> list[Attribute]:
        answer = self._c.get(f"/V1/products/attribute-sets/{attribute_set_id}/attributes")
        return [parse_attribute(a) for a in answer]
