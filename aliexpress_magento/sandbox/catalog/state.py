"""The catalog in memory: products by id and by SKU (case-insensitive, as MySQL's collation matches
SKUs on a real store), categories and the per-parent axis index. Every write to a product or to stock
calls :meth:`CatalogState.changed`, which tells the listeners (the Magento 2 sandbox's search index)."""

from __future__ import annotations

from collections.abc import Callable

from aliexpress_magento.sandbox.catalog import demo
from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, Category, Product


class CatalogState:
    def __init__(self, seed: int = 0, size: int | None = None) -> None:
        built = demo.generate(seed, size)
        self.products = built.products  # entity id order
        self.initial_stock = built.stock
        self.by_id = {p.id: p for p in self.products}
        self.by_sku = {p.sku.lower(): p for p in self.products}
        self.categories = demo.categories()
        self.category_by_id = {c.id: c for c in self.categories}
        self.axes: dict[int, dict[str, set[int]]] = {}
        self._listeners: list[Callable[[], None]] = []
        for product in self.products:
            if product.type_id == CONFIGURABLE:
                self.axes[product.id] = self._axes(product)

    def _axes(self, parent: Product) -> dict[str, set[int]]:
        used: dict[str, set[int]] = {}
        for child in self.children(parent):
            for code in parent.axes:
                value = child.option(code)
                if value is not None:
                    used.setdefault(code, set()).add(value)
        return used

    def changed(self) -> None:
        """A product or its stock changed: cached search orders and lookups are stale (the price sort
        reads stock, so reservations and source quantities count as product writes)."""
        for listener in self._listeners:
            listener()

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def get(self, sku: str) -> Product | None:
        return self.by_sku.get(sku.lower())

    def children(self, parent: Product) -> list[Product]:
        return [self.by_id[i] for i in parent.children]

    def parent(self, product: Product) -> Product | None:
        return self.by_id.get(product.parent_id) if product.parent_id else None

    def category_children(self, category: Category) -> list[Category]:
        return [c for c in self.categories if c.parent_id == category.id]

    def in_category(self, category_id: int) -> list[Product]:
        return [p for p in self.products if category_id in p.category_ids]
