"""The deterministic demo catalog and the N-SKU benchmark catalog.

Demo (``size=None``): 40 configurable products with 3-8 children each and 60 simple products over 10
categories, with colors, sizes, brands, materials, 2-4 images each (children 1), some disabled, some out
of stock, and one SKU containing "/" (``GIFT/CARD-005``). ``size=N`` builds exactly N SKUs in families
of one configurable + 4 children followed by two simple products, repeated. Same seed, same catalog.
About one product in ten has a special price, some of them with a from/to window (:data:`WINDOWS`).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from aliexpress_magento.sandbox.catalog import attributes as attrs
from aliexpress_magento.sandbox.catalog.model import (
    CATALOG_SEARCH,
    CONFIGURABLE,
    DISABLED,
    ENABLED,
    NOT_VISIBLE,
    SIMPLE,
    Category,
    Product,
)

EPOCH = datetime(2026, 1, 5, 9, 0, 0, tzinfo=UTC)
ROOT_ID, DEFAULT_ROOT_ID = 1, 2
CATEGORY_TREE = (  # id, parent, name
    (3, 2, "Women"), (4, 3, "Tops"), (5, 3, "Dresses"), (6, 2, "Men"), (7, 6, "Shirts"),
    (8, 6, "Jackets"), (9, 2, "Accessories"), (10, 9, "Bags"), (11, 2, "Home"), (12, 11, "Kitchen"),
)  # fmt: skip
CONFIGURABLE_KINDS = (  # name, sku stem, categories, base price
    ("Tee", "TEE", (3, 4), 19.0), ("Hoodie", "HOODIE", (6, 8), 49.0), ("Dress", "DRESS", (3, 5), 59.0),
    ("Oxford Shirt", "OXFORD", (6, 7), 39.0), ("Rain Jacket", "RAINJKT", (6, 8), 89.0),
    ("Knit Sweater", "KNIT", (3, 4), 54.0), ("Canvas Tote", "TOTE", (9, 10), 24.0),
    ("Sneaker", "SNEAKER", (9,), 69.0),
)  # fmt: skip
SIMPLE_KINDS = (
    ("Mug", "MUG", (11, 12), 12.5), ("Candle", "CANDLE", (11,), 18.0), ("Notebook", "NOTEBOOK", (9,), 9.0),
    ("Water Bottle", "BOTTLE", (9, 12), 22.0), ("Cap", "CAP", (9,), 15.0), ("Scarf", "SCARF", (9, 3), 29.0),
    ("Wallet", "WALLET", (9, 10), 35.0), ("Polo Shirt", "POLO", (6, 7), 27.0),
    ("Cutting Board", "BOARD", (12,), 31.0), ("Tea Towel", "TOWEL", (12,), 8.0),
)  # fmt: skip
SLASH_SKU_INDEX = 5
# Special price windows (from, to), chosen by product id so the random sequence, and with it the rest of
# the catalog, stays what it was: open (no dates), from a day on (what Magento writes when a special price
# is saved without a from date), a window across the demo's years, and one long over.
WINDOWS: tuple[tuple[str | None, str | None], ...] = (
    (None, None),
    ("2026-01-05 00:00:00", None),
    ("2026-01-01 00:00:00", "2031-12-31 00:00:00"),
    ("2025-11-01 00:00:00", "2025-12-31 00:00:00"),
)


@dataclass
class Catalog:
    products: list[Product] = field(default_factory=list)
    stock: dict[str, tuple[float, int]] = field(default_factory=dict)  # sku → (qty, source status)


def categories() -> list[Category]:
    found = [
        Category(ROOT_ID, 0, "Root Catalog", 0, 0, "1"),
        Category(DEFAULT_ROOT_ID, ROOT_ID, "Default Category", 1, 1, "1/2"),
    ]
    by_id = {c.id: c for c in found}
    siblings: dict[int, int] = {}
    for cid, parent, name in CATEGORY_TREE:
        above = by_id[parent]
        siblings[parent] = position = siblings.get(parent, 0) + 1  # position among its siblings
        category = Category(cid, parent, name, position, above.level + 1, f"{above.path}/{cid}")
        by_id[cid] = category
        found.append(category)
    return found


def stamp(seconds: float) -> str:
    return (EPOCH + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security
        self.catalog = Catalog()
        self.next_id = 1
        self.families = 0
        self.simples = 0

    def _product(self, sku: str, name: str, type_id: str, price: float, **extra: object) -> Product:
        pid = self.next_id
        self.next_id += 1
        when = stamp(pid * 37)
        product = Product(
            id=pid, sku=sku, name=name, type_id=type_id, price=price, status=ENABLED,
            visibility=CATALOG_SEARCH, created_at=when, updated_at=when, category_ids=(),
            options=(), images=0, **extra,  # type: ignore[arg-type]
        )  # fmt: skip
        self.catalog.products.append(product)
        return product

    def _common(self, kind: tuple[str, str, tuple[int, ...], float]) -> tuple[tuple[str, int], ...]:
        brand = self.rng.choice(attrs.BRANDS)[0]
        material = self.rng.choice(attrs.MATERIALS)[0]
        return (("brand", brand), ("material", material))

    def configurable(self, children: int, disabled: bool) -> None:
        self.families += 1
        kind = CONFIGURABLE_KINDS[self.families % len(CONFIGURABLE_KINDS)]
        colors, sizes = _axes(self.rng, children)
        stem = f"CF-{kind[1]}-{self.families:03d}"
        common = self._common(kind)
        kids = []
        for color in colors:
            for size in sizes:
                kids.append(self._child(stem, kind, common, color, size))
        parent = self._product(stem, f"{_brand(common)} {kind[0]}", CONFIGURABLE, 0.0)
        parent.children = tuple(k.id for k in kids)
        parent.axes = ("color", "size") if sizes[0] is not None else ("color",)
        parent.category_ids, parent.options, parent.images = kind[2], common, self.rng.randint(2, 4)
        parent.status = DISABLED if disabled else ENABLED
        for kid in kids:
            kid.parent_id = parent.id

    def _child(self, stem: str, kind: tuple[str, str, tuple[int, ...], float],
               common: tuple[tuple[str, int], ...], color: int, size: int | None) -> Product:  # fmt: skip
        color_label = attrs.BY_CODE["color"].option_label(color)
        parts = [color_label] + ([attrs.BY_CODE["size"].option_label(size)] if size else [])
        sku = "-".join([stem, *(p.upper() for p in parts)])
        price = kind[3] + (2.0 if size in (18, 19) else 0.0)
        options = (("color", color), *((("size", size),) if size else ()), *common)
        child = self._product(sku, f"{_brand(common)} {kind[0]} {' '.join(parts)}", SIMPLE, price)
        child.visibility, child.options, child.images, child.weight = NOT_VISIBLE, options, 1, 0.5
        child.category_ids = kind[2]
        if self.rng.random() < 0.12:
            _special(child, round(price * 0.8, 2))
        self._stock(child)
        return child

    def simple(self, disabled: bool) -> None:
        self.simples += 1
        kind = SIMPLE_KINDS[self.simples % len(SIMPLE_KINDS)]
        stem = "GIFT/CARD" if self.simples == SLASH_SKU_INDEX else f"SP-{kind[1]}"
        common = self._common(kind)
        color = self.rng.choice(attrs.COLORS)[0]
        price = round(kind[3] + self.rng.randint(0, 20), 2)
        product = self._product(f"{stem}-{self.simples:03d}", f"{_brand(common)} {kind[0]}", SIMPLE, price)
        product.options, product.category_ids = (("color", color), *common), kind[2]
        product.images, product.weight = self.rng.randint(2, 4), 1.0
        product.status = DISABLED if disabled else ENABLED
        if self.rng.random() < 0.1:
            _special(product, round(price * 0.85, 2))
        self._stock(product)

    def _stock(self, product: Product) -> None:
        out = self.rng.random() < 0.1
        qty = 0.0 if out else float(self.rng.randint(1, 150))
        self.catalog.stock[product.sku] = (qty, 0 if out else 1)


def _special(product: Product, price: float) -> None:
    product.special_price = price
    product.special_from_date, product.special_to_date = WINDOWS[product.id % len(WINDOWS)]


def _axes(rng: random.Random, children: int) -> tuple[list[int], list[int | None]]:
    """Color x size grids with exactly ``children`` cells, or one axis (color) when ``children`` is prime."""
    colors = [c for c, _ in attrs.COLORS]
    sizes = [s for s, _ in attrs.SIZES]
    for n_sizes in (4, 3, 2):
        if children % n_sizes == 0 and children // n_sizes >= 1 and children > n_sizes:
            start = rng.randint(0, len(sizes) - n_sizes)
            return rng.sample(colors, children // n_sizes), list(sizes[start : start + n_sizes])
    return rng.sample(colors, children), [None]


def _brand(common: tuple[tuple[str, int], ...]) -> str:
    return attrs.BY_CODE["brand"].option_label(dict(common)["brand"])


def demo_plan(rng: random.Random) -> Iterator[tuple[str, int, bool]]:
    plan = [("configurable", rng.randint(3, 8), i % 13 == 6) for i in range(40)]
    plan += [("simple", 0, i % 12 == 3) for i in range(60)]
    rng.shuffle(plan)
    yield from plan


def generate(seed: int = 0, size: int | None = None) -> Catalog:
    builder = _Builder(seed)
    if size is None:
        for kind, children, disabled in demo_plan(random.Random(seed + 7)):  # noqa: S311
            _add(builder, kind, children, disabled)
        return builder.catalog
    while len(builder.catalog.products) < size:
        room = size - len(builder.catalog.products)
        _add(
            builder,
            "configurable" if room >= 5 and builder.families <= builder.simples // 2 else "simple",
            4,
            False,
        )
    return builder.catalog


def _add(builder: _Builder, kind: str, children: int, disabled: bool) -> None:
    if kind == "configurable":
        builder.configurable(children, disabled)
    else:
        builder.simple(disabled)
