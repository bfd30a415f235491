"""``cataloginventory_stock_item.list``: legacy stock by product id or SKU (unknown ones are left out)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .session import Session
from .values import flag, objs, opt_float, text, to_int


@dataclass(frozen=True)
class StockItem:
    product_id: int
    sku: str
    qty: float
    is_in_stock: bool


class Inventory:
    def __init__(self, session: Session) -> None:
        self._session = session

    def items(self, products: Sequence[str | int]) -> list[StockItem]:
        answer = self._session.call("cataloginventory_stock_item.list", [list(products)])
        return [
            StockItem(
                to_int(s.get("product_id")),
                text(s, "sku"),
                opt_float(s.get("qty")) or 0.0,
                flag(s.get("is_in_stock")),
            )
            for s in objs(answer)
        ]
