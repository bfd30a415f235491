"""``product_attribute.list`` / ``.options`` and ``product_attribute_set.list``."""

from __future__ import annotations

from dataclasses import dataclass

from .session import Session
from .values import objs, text, to_int


@dataclass(frozen=True)
class AttributeRow:
    attribute_id: int
    code: str
    type: str  # frontend input; "" where Magento answers null (bundle/downloadable attributes)
    required: bool
    scope: str  # store, website or global


@dataclass(frozen=True)
class AttributeOption:
    value: str  # "" for the placeholder Magento puts first
    label: str


@dataclass(frozen=True)
class AttributeSet:
    set_id: int
    name: str


class Attributes:
    def __init__(self, session: Session) -> None:
        self._session = session

    def of_set(self, set_id: int) -> list[AttributeRow]:
        return [
            AttributeRow(
                attribute_id=to_int(a.get("attribute_id")),
                code=text(a, "code"),
                type=text(a, "type"),
                required=to_int(a.get("required")) == 1,
                scope=text(a, "scope"),
            )
            for a in objs(self._session.call("product_attribute.list", [set_id]))
        ]

    def options(self, attribute: int | str, store: str | int | None = None) -> list[AttributeOption]:
        """By attribute id or code. Values come as strings or integers; both are read as strings."""
        answer = self._session.call("product_attribute.options", [attribute, store])
        return [AttributeOption(text(o, "value"), text(o, "label")) for o in objs(answer)]

    def options_of(self, attribute_ids: list[int]) -> dict[int, list[AttributeOption]]:
        """The options of many attributes in one multiCall."""
        calls = [("product_attribute.options", [attribute_id, None]) for attribute_id in attribute_ids]
        answers = self._session.multi_call(calls)
        found: dict[int, list[AttributeOption]] = {}
        for attribute_id, answer in zip(attribute_ids, answers, strict=True):
            if isinstance(answer, Exception):
                raise answer
            found[attribute_id] = [AttributeOption(text(o, "value"), text(o, "label")) for o in objs(answer)]
        return found

    def sets(self) -> list[AttributeSet]:
        return [
            AttributeSet(to_int(s.get("set_id")), text(s, "name"))
            for s in objs(self._session.call("product_attribute_set.list"))
        ]
