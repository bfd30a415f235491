"""Compact product records: a 100,000-SKU benchmark catalog must fit in memory, so the bulky texts
(description, url key) are derived when a product is serialised, not stored."""

from __future__ import annotations

from dataclasses import dataclass

SIMPLE = "simple"
CONFIGURABLE = "configurable"
ENABLED, DISABLED = 1, 2
NOT_VISIBLE, CATALOG_SEARCH = 1, 4


@dataclass(slots=True)
class Product:
    id: int
    sku: str
    name: str
    type_id: str
    price: float
    status: int
    visibility: int
    created_at: str
    updated_at: str
    category_ids: tuple[int, ...]
    options: tuple[tuple[str, int], ...]  # select attribute code → option id (color, size, brand, …)
    images: int
    weight: float | None = None
    special_price: float | None = None
    # The special price's window as Magento keeps a date attribute: "YYYY-MM-DD 00:00:00" (the store's
    # local day, recorded on 2.4.7 and OpenMage), None when unset.
    special_from_date: str | None = None
    special_to_date: str | None = None
    parent_id: int | None = None
    children: tuple[int, ...] = ()
    axes: tuple[str, ...] = ()  # configurable: the attribute codes of its options
    # Free-text attribute values (code → text), e.g. the merchant's ``aliexpress_sku`` (attributes.TEXTS);
    # none in the generated catalog, set through ``update_product(sku, text_values=…)``.
    text_values: tuple[tuple[str, str], ...] = ()

    def text(self, code: str) -> str | None:
        for name, value in self.text_values:
            if name == code:
                return value
        return None

    def option(self, code: str) -> int | None:
        for name, value in self.options:
            if name == code:
                return value
        return None


@dataclass(frozen=True)
class Category:
    id: int
    parent_id: int
    name: str
    position: int
    level: int
    path: str
    is_active: bool = True
    include_in_menu: bool = True
