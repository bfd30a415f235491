"""Invoices (fact sheet §5.5): read them; create one with :meth:`Orders.invoice`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .connection import Connection
from .search import Pager, SearchCriteria
from .values import objs, opt_float, text, to_int


@dataclass(frozen=True)
class InvoiceItem:
    order_item_id: int
    sku: str
    qty: float


@dataclass(frozen=True)
class Invoice:
    entity_id: int
    increment_id: str
    order_id: int
    state: int
    grand_total: float
    created_at: str
    items: tuple[InvoiceItem, ...]


def parse_invoice(data: Mapping[str, Any]) -> Invoice:
    return Invoice(
        entity_id=to_int(data.get("entity_id")),
        increment_id=text(data, "increment_id"),
        order_id=to_int(data.get("order_id")),
        state=int(data.get("state") or 0),
        grand_total=opt_float(data.get("grand_total")) or 0.0,
        created_at=text(data, "created_at"),
        items=tuple(
            InvoiceItem(to_int(i.get("order_item_id")), text(i, "sku"), opt_float(i.get("qty")) or 0.0)
            for i in objs(data, "items")
        ),
    )


class Invoices:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def get(self, invoice_id: int) -> Invoice:
        return parse_invoice(self._c.get(f"/V1/invoices/{invoice_id}"))

    def search(self, criteria: SearchCriteria) -> Pager:
        return Pager(lambda params: self._c.get("/V1/invoices", params), criteria)

    def iter(self, criteria: SearchCriteria) -> Iterator[Invoice]:
        return (parse_invoice(i) for i in self.search(criteria).items())
