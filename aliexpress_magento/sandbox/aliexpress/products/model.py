"""A product as the sandbox keeps it: the schema-format instance it was created from, plus its state.

Keeping the instance (the feed ``item_content`` format) means price and stock updates edit the same
``sku_info_list`` a full update replaces, so info/list always reflect the latest call.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from typing import Any

JsonDict = dict[str, Any]
FIRST_NEW_ID = 1005006000000001  # 16 digits starting 1005, like current real product ids
STATUSES = ("onSelling", "offline", "auditing", "editingRequired")


@dataclass
class Product:
    product_id: int
    status: str
    instance: JsonDict
    created_at: float
    modified_at: float

    @property
    def category_id(self) -> int:
        return int(self.instance["category_id"])

    @property
    def skus(self) -> list[JsonDict]:
        skus: list[JsonDict] = self.instance["sku_info_list"]
        return skus

    def sku(self, sku_code: str) -> JsonDict | None:
        return next((s for s in self.skus if s.get("sku_code") == sku_code), None)

    def subject(self) -> str:
        titles: list[JsonDict] = self.instance.get("title_multi_language_list", [])
        main = next((t for t in titles if t.get("locale") == self.instance.get("locale")), None)
        return str((main or titles[0])["title"]) if titles else ""


class ProductStore:
    def __init__(self) -> None:
        self.products: dict[int, Product] = {}
        self.next_id = FIRST_NEW_ID

    def add(self, instance: JsonDict, now: float, status: str = "onSelling", product_id: int = 0) -> Product:
        if not product_id:
            product_id, self.next_id = self.next_id, self.next_id + 1
        product = Product(product_id, status, copy.deepcopy(instance), now, now)
        self.products[product_id] = product
        return product

    def get(self, product_id: int) -> Product | None:
        return self.products.get(product_id)

    def sku_codes_elsewhere(self, product_id: int) -> set[str]:
        return {s["sku_code"] for p in self.products.values() if p.product_id != product_id for s in p.skus}

    def to_json(self) -> JsonDict:
        return {"next_id": self.next_id, "products": [dataclasses.asdict(p) for p in self.products.values()]}

    @classmethod
    def from_json(cls, raw: JsonDict) -> ProductStore:
        store = cls()
        store.next_id = int(raw["next_id"])
        for item in raw["products"]:
            store.products[int(item["product_id"])] = Product(**item)
        return store
