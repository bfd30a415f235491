"""Everything the emulator remembers, and how it is saved to and loaded from the ``--state`` file."""

from __future__ import annotations

import random
from typing import Any

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress.feeds import FeedStore
from aliexpress_magento.sandbox.aliexpress.knobs import AliExpressKnobs
from aliexpress_magento.sandbox.aliexpress.orders.model import OrderStore
from aliexpress_magento.sandbox.aliexpress.photobank import Stored
from aliexpress_magento.sandbox.aliexpress.products.model import ProductStore
from aliexpress_magento.sandbox.aliexpress.tokens import TokenStore

STATE_VERSION = 1


class World:
    def __init__(self, now: float, seed_number: int = 0) -> None:
        self.knobs = AliExpressKnobs()
        self.tokens = TokenStore()
        self.products = ProductStore()
        self.feeds = FeedStore()
        self.orders = OrderStore()
        self.images: dict[str, Stored] = {}
        self.photobank_used_bytes = 0
        self.buyer_clock = now
        self.rng = random.Random(seed_number)  # noqa: S311 - simulation, not security
        for product in seed.shop()["products"]:
            self.products.add(product["instance"], now, product["status"], product["product_id"])

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "knobs": self.knobs.as_json(),
            "tokens": self.tokens.to_json(),
            "products": self.products.to_json(),
            "feeds": self.feeds.to_json(),
            "orders": self.orders.to_json(),
            "photobank_used_bytes": self.photobank_used_bytes,
            "buyer_clock": self.buyer_clock,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any], now: float, seed_number: int = 0) -> World:
        world = cls(now, seed_number)
        world.knobs = AliExpressKnobs(**raw["knobs"])
        world.tokens = TokenStore.from_json(raw["tokens"])
        world.products = ProductStore.from_json(raw["products"])
        world.feeds = FeedStore.from_json(raw["feeds"])
        world.orders = OrderStore.from_json(raw["orders"])
        world.photobank_used_bytes = int(raw["photobank_used_bytes"])
        world.buyer_clock = float(raw["buyer_clock"])
        return world


__all__ = ["World"]
