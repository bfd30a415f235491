"""Everything the Magento 1 sandbox holds, and its JSON form for the ``--state`` file.

The catalog is the demo catalog both Magento sandboxes share (``sandbox/catalog``), regenerated from
``(seed, catalog_size)`` on load, so both sandboxes sell the same products with the same ids and SKUs;
the file keeps what changes: knobs, sessions, stock, product edits, customers, quotes, orders,
shipments and the id sequences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aliexpress_magento.sandbox.catalog.state import CatalogState
from aliexpress_magento.sandbox.core import state
from aliexpress_magento.sandbox.core.knobs import BaseKnobs
from aliexpress_magento.sandbox.magento1.versions import DEFAULT, VERSIONS

JsonDict = dict[str, Any]
VERSION = 1
PERSISTED: tuple[str, ...] = (
    *("sessions", "stock", "product_edits", "customers", "quotes", "orders", "shipments", "sequences"),
    "stock_options",  # Manage Stock / Backorders per item (stock_options.py)
    "view_texts",  # per-store-view names and descriptions (sandbox/catalog/views.py)
)
SESSION_TTL = 3600  # System → Configuration → Magento Core API → Client Session Timeout (sec.) default


@dataclass
class Magento1Knobs(BaseKnobs):
    session_ttl_seconds: int = SESSION_TTL
    # Off: the store runs without the connector module, its resource answers fault 3 "Invalid api path."
    connector_module: bool = True
    # The store version answered like (sandbox/magento1/versions.py): "openmage-20.18" takes multiCall's
    # calls as a struct only, "openmage-20.10" and "magento-1.9.4" as an array only.
    emulate: str = DEFAULT
    # ACL ids the API role is denied (the connector module's: "aliexpress_connector",
    # "aliexpress_connector/product", ".../list_children", ".../changed_paged"): their calls answer fault 2.
    acl_denied: list[str] = field(default_factory=list)

    def update(self, changes: dict[str, Any]) -> None:
        if "emulate" in changes and changes["emulate"] not in VERSIONS:
            raise ValueError(f"unknown version {changes['emulate']!r}; known: {sorted(VERSIONS)}")
        super().update(changes)


@dataclass
class World(state.SavedWorld):
    PERSISTED = PERSISTED
    VERSION = VERSION

    catalog: CatalogState
    knobs: Magento1Knobs = field(default_factory=Magento1Knobs)
    sessions: dict[str, float] = field(default_factory=dict)  # session id → expires at
    stock: dict[str, list[float]] = field(default_factory=dict)  # sku → [qty, is_in_stock]
    # sku → {"manage_stock", "backorders"} where not the defaults (see stock_options.py)
    stock_options: dict[str, JsonDict] = field(default_factory=dict)
    product_edits: dict[str, JsonDict] = field(default_factory=dict)  # sku → {name, price, …, updated_at}
    # store view code → SKU (lower case) → the product's own texts there (sandbox/catalog/views.py)
    view_texts: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    customers: dict[str, JsonDict] = field(default_factory=dict)  # keys are str(id)
    quotes: dict[str, JsonDict] = field(default_factory=dict)
    orders: dict[str, JsonDict] = field(default_factory=dict)  # str(entity id) → sales_order.info shape
    shipments: dict[str, JsonDict] = field(default_factory=dict)
    sequences: dict[str, int] = field(default_factory=dict)

    @classmethod
    def fresh(cls, seed: int, size: int | None) -> World:
        world = cls(CatalogState(seed, size))
        world.stock = {
            sku: [qty, float(status)] for sku, (qty, status) in world.catalog.initial_stock.items()
        }
        return world

    def next_id(self, name: str, start: int = 1) -> int:
        value = self.sequences.get(name, start)
        self.sequences[name] = value + 1
        return value
