"""Salable quantity (fact sheet §4): MSI first, legacy ``stockItems`` when the MSI routes are absent.

MSI: ``stock-resolver/website/<code>`` names the website's stock; ``export-stock-salable-qty`` reads
many SKUs per call (qty = source quantity - reservations). Without the MSI modules those routes answer
404 "Request does not match any route.": then ``/V1/stockItems/{sku}`` (the default source, no
reservations) is the best there is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .connection import Connection, segment
from .errors import NotFoundError
from .search import Pager, SearchCriteria
from .values import opt_float, text, to_int

# Kept well under URL length limits: 100 SKUs of 64 characters is a 7 KB query string.
SKUS_PER_CALL = 100
ROUTE_MISSING = "Request does not match any route."


@dataclass(frozen=True)
class SalableQty:
    sku: str
    qty: float
    is_salable: bool
    source: str  # "msi" or "legacy": legacy quantities ignore reservations of unshipped orders


@dataclass(frozen=True)
class StockItem:
    product_id: int
    stock_id: int
    qty: float
    is_in_stock: bool
    manage_stock: bool


class Inventory:
    def __init__(self, connection: Connection) -> None:
        self._c = connection
        # What the MSI probe found, kept for the client's life (a job): the order import reads the stock
        # of every order, and probing each time was one more call per order (bench/orders_import.py).
        self._msi_websites: set[str] = set()  # their stock-resolver answered
        self._without_msi = False  # the MSI routes answered "no such route"

    def stock_id(self, website_code: str) -> int:
        answer = self._c.get(f"/V1/inventory/stock-resolver/website/{segment(website_code)}")
        return to_int(answer.get("stock_id"))

    def salable_qty(self, sku: str, stock_id: int) -> float:
        path = f"/V1/inventory/get-product-salable-quantity/{segment(sku)}/{stock_id}"
        return float(self._c.get(path))

    def export_salable(self, website_code: str, criteria: SearchCriteria) -> Pager:
        path = f"/V1/inventory/export-stock-salable-qty/website/{segment(website_code)}"
        return Pager(lambda params: self._c.get(path, params), criteria)

    def stock_item(self, sku: str) -> StockItem:
        item = self._c.get(f"/V1/stockItems/{segment(sku)}")
        return StockItem(
            product_id=to_int(item.get("product_id")),
            stock_id=to_int(item.get("stock_id")),
            qty=opt_float(item.get("qty")) or 0.0,
            is_in_stock=bool(item.get("is_in_stock")),
            manage_stock=bool(item.get("manage_stock", True)),
        )

    def salable_many(self, skus: Sequence[str], website_code: str = "base") -> Iterator[SalableQty]:
        """Salable quantities of ``skus`` (unknown SKUs are left out), MSI or legacy."""
        if not self._without_msi:
            try:
                yield from self._msi_many(skus, website_code)
                return
            except NotFoundError as error:
                if error.message != ROUTE_MISSING:
                    raise
                self._without_msi = True
        yield from self._legacy_many(skus)

    def _msi_many(self, skus: Sequence[str], website_code: str) -> Iterator[SalableQty]:
        if website_code not in self._msi_websites:
            self.stock_id(website_code)  # a 404 here, before any answer is yielded, means "no MSI"
            self._msi_websites.add(website_code)
        for start in range(0, len(skus), SKUS_PER_CALL):
            chunk = skus[start : start + SKUS_PER_CALL]
            criteria = SearchCriteria().where("sku", chunk, "in").limit(SKUS_PER_CALL)
            for item in self.export_salable(website_code, criteria).items():
                qty = opt_float(item.get("qty")) or 0.0
                yield SalableQty(text(item, "sku"), qty, bool(item.get("is_salable")), "msi")

    def _legacy_many(self, skus: Sequence[str]) -> Iterator[SalableQty]:
        for sku in skus:
            try:
                item = self.stock_item(sku)
            except NotFoundError:
                continue
            salable = item.is_in_stock and (item.qty > 0 or not item.manage_stock)
            yield SalableQty(sku, item.qty if item.is_in_stock else 0.0, salable, "legacy")
