"""Everything the Magento 2 sandbox holds, and its JSON form for the ``--state`` file.

The catalog is regenerated from ``(seed, catalog_size)`` on load; the file keeps what changes: knobs,
admin tokens, source quantities, reservations, product edits, customers, carts, orders, invoices,
shipments, the id sequences and the currency rates. Sales entities are stored in the shape Magento
answers them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aliexpress_magento.sandbox.catalog.model import Product
from aliexpress_magento.sandbox.catalog.state import CatalogState
from aliexpress_magento.sandbox.core import state
from aliexpress_magento.sandbox.magento2.knobs import Magento2Knobs
from aliexpress_magento.sandbox.magento2.search_index import SearchIndex

JsonDict = dict[str, Any]
VERSION = 1
PERSISTED = (
    "admin_tokens", "source_items", "reservations", "product_edits", "customers", "carts",
    "orders", "invoices", "shipments", "sequences", "masked_carts", "currency_rates",
    "view_texts",
)  # fmt: skip


@dataclass
class World(state.SavedWorld):
    PERSISTED = PERSISTED
    VERSION = VERSION

    catalog: CatalogState
    knobs: Magento2Knobs = field(default_factory=Magento2Knobs)
    admin_tokens: dict[str, float] = field(default_factory=dict)  # token → expires at
    source_items: dict[str, list[float]] = field(default_factory=dict)  # sku → [qty, status]
    reservations: dict[str, float] = field(default_factory=dict)  # sku → sum of reservations (stock 1)
    product_edits: dict[str, JsonDict] = field(default_factory=dict)  # sku → {price, status, updated_at}
    # store view code → SKU (lower case) → the product's own texts there (sandbox/catalog/views.py)
    view_texts: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    customers: dict[str, JsonDict] = field(default_factory=dict)  # keys are str(id): JSON objects
    carts: dict[str, JsonDict] = field(default_factory=dict)
    masked_carts: dict[str, int] = field(default_factory=dict)  # guest-cart masked id → cart id
    orders: dict[str, JsonDict] = field(default_factory=dict)
    invoices: dict[str, JsonDict] = field(default_factory=dict)
    shipments: dict[str, JsonDict] = field(default_factory=dict)
    sequences: dict[str, int] = field(default_factory=dict)
    # Stores → Currency Rates from the base currency (USD): allowed currency → rate (0 = allowed, no rate).
    currency_rates: dict[str, float] = field(default_factory=dict)
    nonces: set[str] = field(default_factory=set)  # OAuth nonces seen (memory only)
    # The product list's search index (memory only), told by the catalog of every product or stock write.
    search_index: SearchIndex[Product] = field(default_factory=SearchIndex)
    # The salable-quantity export's (its own engine reads other fields): ``sku in …`` by lookup.
    salable_index: SearchIndex[Product] = field(default_factory=SearchIndex)

    def __post_init__(self) -> None:
        self.catalog.on_change(self.search_index.changed)
        self.catalog.on_change(self.salable_index.changed)

    @classmethod
    def fresh(cls, seed: int, size: int | None) -> World:
        world = cls(CatalogState(seed, size))
        world.source_items = {
            sku: [qty, float(status)] for sku, (qty, status) in world.catalog.initial_stock.items()
        }
        world.apply_edits()
        return world

    def apply_edits(self) -> None:
        super().apply_edits()
        self.catalog.changed()  # the search index must see the replayed edits

    def next_id(self, name: str, start: int = 1) -> int:
        value = self.sequences.get(name, start)
        self.sequences[name] = value + 1
        return value
