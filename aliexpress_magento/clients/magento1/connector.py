"""The connector module's resource, ``aliexpress_connector_product`` (``magento1-module/``): API v1 has no
call listing a configurable product's children (``children``) and no paging (``changed``: the changed
products one bounded page at a time, ordered by ``(updated_at, product id)`` after a keyset cursor).

Without the module a call is fault 3 "Invalid api path.": :class:`~.errors.UnknownResourceError` (also
what a module older than ``changed`` answers for it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from .session import Session
from .values import Json, objs, stamp, text, to_int

RESOURCE = "aliexpress_connector_product"
CHILDREN = f"{RESOURCE}.children"
CHANGED = f"{RESOURCE}.changed"
MAX_PAGE = 1000  # the module refuses a larger limit (fault 102)
MAX_IDENTIFIERS = 500  # the module refuses more products per children call (fault 102)


@dataclass(frozen=True, order=True)
class Cursor:
    """Where a page of ``changed`` ended: the next page starts strictly after it."""

    updated_at: str  # Magento's UTC "YYYY-MM-DD HH:MM:SS", as answered
    product_id: int


@dataclass(frozen=True)
class ChangedRow:
    product_id: int
    sku: str
    type: str
    set_id: int
    updated_at: str  # UTC "YYYY-MM-DD HH:MM:SS"

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.updated_at, self.product_id)


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


def parse_changed(data: Json) -> ChangedRow:
    return ChangedRow(
        product_id=to_int(data.get("product_id")),
        sku=text(data, "sku"),
        type=text(data, "type"),
        set_id=to_int(data.get("set")),
        updated_at=text(data, "updated_at"),
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
        """The configurables among ``skus`` with their children; others are left out. More SKUs than the
        module takes in one call are sent in several calls; none is still one call (the connection test's
        probe of the module and its grant)."""
        found: list[Configurable] = []
        for start in range(0, max(len(skus), 1), MAX_IDENTIFIERS):
            chunk = list(skus[start : start + MAX_IDENTIFIERS])
            found += [parse(c) for c in objs(self._session.call(CHILDREN, [chunk, "sku"]))]
        return found

    def changed(
        self,
        since: datetime,
        after: Cursor | None = None,
        limit: int = 100,
        store: str | int | None = None,
    ) -> list[ChangedRow]:
        """At most ``limit`` (1…1000) products with ``updated_at >= since``, ordered by (updated_at, id),
        strictly after ``after``; the next page starts after the last row's :attr:`ChangedRow.cursor`."""
        cursor = [after.updated_at, after.product_id] if after is not None else [None, None]
        answer = self._session.call(CHANGED, [stamp(since), *cursor, limit, store])
        return [parse_changed(r) for r in objs(answer)]

    def iter_changed(
        self, since: datetime, page_size: int = 100, store: str | int | None = None
    ) -> Iterator[list[ChangedRow]]:
        """Every product changed since ``since``, page after page (each non-empty, at most ``page_size``),
        oldest first across pages; stops after a short page. One page is held at a time."""
        after: Cursor | None = None
        while True:
            page = self.changed(since, after, page_size, store)
            if page:
                yield page
            if len(page) < page_size:
                return
            after = page[-1].cursor
