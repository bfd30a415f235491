"""Catalog reads: Magento products (with configurable children) mapped to :class:`StoreProduct`.

Children of a whole page are fetched in ONE search (``entity_id in …``) rather than one
``configurable-products/{sku}/children`` call per parent; axis labels come from the attribute
options, read once per store object.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property

from aliexpress_magento.clients.magento2 import Magento2Client, Page, SearchCriteria
from aliexpress_magento.clients.magento2.attributes import Attribute
from aliexpress_magento.clients.magento2.products import Product, parse_product
from aliexpress_magento.clients.magento2.stores import StoreConfig

from ..model import AxisValue, Image, StoreProduct
from .convert import day, money, utc

CONFIGURABLE = "configurable"
IN_CHUNK = 100  # values per "in" filter: keeps the query string short


class Catalog:
    def __init__(self, client: Magento2Client, store_view_code: str) -> None:
        self._client = client
        self._store_view_code = store_view_code

    @cached_property
    def config(self) -> StoreConfig:
        configs = self._client.stores.configs([self._store_view_code])
        return next((c for c in configs if c.code == self._store_view_code), configs[0])

    @cached_property
    def attributes_by_id(self) -> dict[int, Attribute]:
        return {a.id: a for a in self._client.attributes.iter(SearchCriteria().limit(200))}

    @cached_property
    def option_labels(self) -> dict[str, dict[str, str]]:
        """Attribute code → option id → label, for the axis values of children."""
        return {a.code: {o.value: o.label for o in a.options} for a in self.attributes_by_id.values()}

    def pages(self, criteria: SearchCriteria) -> Iterator[list[StoreProduct]]:
        return self.assembled(self._client.products.search(criteria).pages())

    def assembled(self, pages: Iterable[Page]) -> Iterator[list[StoreProduct]]:
        for page in pages:
            yield self._assemble([parse_product(item) for item in page.items])

    def by_skus(self, skus: Sequence[str]) -> list[StoreProduct]:
        found: list[StoreProduct] = []
        for start in range(0, len(skus), IN_CHUNK):
            chunk = list(skus[start : start + IN_CHUNK])
            for page in self.pages(SearchCriteria().where("sku", chunk, "in").limit(IN_CHUNK)):
                found.extend(page)
        return found

    def _assemble(self, products: list[Product]) -> list[StoreProduct]:
        wanted = [i for p in products if p.type_id == CONFIGURABLE for i in p.child_ids]
        children = {c.id: c for c in self._by_ids(wanted)}
        return [self._product(p, [children[i] for i in p.child_ids if i in children]) for p in products]

    def _by_ids(self, ids: Sequence[int]) -> Iterator[Product]:
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start : start + IN_CHUNK]
            criteria = SearchCriteria().where("entity_id", chunk, "in").limit(IN_CHUNK)
            yield from self._client.products.iter(criteria)

    def _product(self, product: Product, children: Iterable[Product]) -> StoreProduct:
        axes = tuple(self._axis_code(o.attribute_id) for o in product.configurable_options)
        kids = tuple(self._child(c, axes) for c in children)
        return self._base(product, axes=axes, children=kids)

    def _child(self, child: Product, axes: tuple[str, ...]) -> StoreProduct:
        values = tuple(self._axis_value(code, child.attributes.get(code)) for code in axes)
        return self._base(child, axis_values=values)

    def _base(
        self,
        p: Product,
        *,
        axes: tuple[str, ...] = (),
        children: tuple[StoreProduct, ...] = (),
        axis_values: tuple[AxisValue, ...] = (),
    ) -> StoreProduct:
        return StoreProduct(
            entity_id=p.id,
            sku=p.sku,
            name=p.name,
            type=p.type_id,
            attribute_set_id=p.attribute_set_id,
            enabled=p.status == 1,
            visibility=p.visibility,
            price=money(p.price),
            special_price=money(p.special_price),
            special_from=day(p.attributes.get("special_from_date")),  # absent from custom_attributes: unset
            special_to=day(p.attributes.get("special_to_date")),
            weight=p.weight,
            updated_at=utc(p.updated_at),
            attributes=_attributes(p.attributes),
            images=self._images(p),
            category_ids=p.category_ids,
            axes=axes,
            children=children,
            axis_values=axis_values,
        )

    def _images(self, product: Product) -> tuple[Image, ...]:
        entries = sorted((m for m in product.media if not m.disabled), key=lambda m: m.position)
        return tuple(
            Image(self.config.product_image_url(m.file), m.label, m.position, m.types) for m in entries
        )

    def _axis_code(self, attribute_id: int) -> str:
        attribute = self.attributes_by_id.get(attribute_id)
        return attribute.code if attribute else str(attribute_id)

    def _axis_value(self, code: str, value: object) -> AxisValue:
        option_id = value if isinstance(value, str) else ""
        return AxisValue(code, option_id, self.option_labels.get(code, {}).get(option_id, option_id))


def _attributes(values: Mapping[str, str | list[str]]) -> dict[str, str | tuple[str, ...]]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
