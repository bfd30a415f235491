"""The connector module's resource, ``aliexpress_connector_product.children`` (``magento1-module/``): API
v1 has no call listing a configurable product's children, so the module adds one.

Without the module the call is fault 3 "Invalid api path.": :class:`~.errors.UnknownResourceError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .session import Session
from .values import Json, objs, text, to_int

RESOURCE = "aliexpress_connector_product"
CHILDREN = f"{RESOURCE}.children"


@dataclass(frozen=True)
class SuperAttribute:
    attribute_id: int
    code: str
    label: str
    position: int


@dataclass(frozen=True)
class AxisOption:
    attribute_id: int
    code: str
    value: str  # the option id
    label: str


@dataclass(frozen=True)
class Child:
    product_id: int
    sku: str
    values: tuple[AxisOption, ...]


@dataclass(frozen=True)
class Configurable:
    product_id: int
    sku: str
    attributes: tuple[SuperAttribute, ...]
    children: tuple[Child, ...]


def parse(data: Json) -> Configurable:
    return Configurable(
        product_id=to_int(data.get("product_id")),
        sku=text(data, "sku"),
        attributes=tuple(
            SuperAttribute(
                to_int(a.get("attribute_id")),
                text(a, "attribute_code"),
                text(a, "label"),
                to_int(a.get("position")),
            )
            for a in objs(data.get("attributes"))
        ),
        children=tuple(
            Child(
                to_int(c.get("product_id")), text(c, "sku"), tuple(_option(v) for v in objs(c.get("values")))
            )
            for c in objs(data.get("children"))
        ),
    )


def _option(data: Json) -> AxisOption:
    return AxisOption(
        to_int(data.get("attribute_id")),
        text(data, "attribute_code"),
        text(data, "value"),
        text(data, "label"),
    )


class Connector:
    def __init__(self, session: Session) -> None:
        self._session = session

    def children(self, skus: Sequence[str]) -> list[Configurable]:
        """The configurables among ``skus`` with their children; others are left out."""
        return [parse(c) for c in objs(self._session.call(CHILDREN, [list(skus), "sku"]))]
