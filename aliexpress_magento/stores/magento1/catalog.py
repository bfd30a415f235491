"""Catalog reads on Magento 1: product rows, then one multiCall of ``catalog_product.info`` and one of
``catalog_product_attribute_media.list`` per page, and the configurables' children from the connector
module's resource (one call per page).

API v1 cannot list a configurable product's children. Without the module (or with a role granted none
of its resources) a configurable is still reported, without children and with :data:`NEEDS_MODULE` as
its ``unavailable_reason``: guessing the children (from SKU prefixes, names…) could sell the wrong
variant. Whether the module answers is asked once per Store object.

Changed products come from the module's ``changed`` in bounded pages (:meth:`Catalog.changed_pages`);
whether it answers is also asked once per Store object, apart from ``children``: a module installed
before ``changed`` existed still lists children.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from functools import cached_property
from itertools import chain

from aliexpress_magento.clients.magento1 import (
    AuthError,
    Magento1Client,
    SessionExpiredError,
    UnknownResourceError,
)
from aliexpress_magento.clients.magento1.attributes import AttributeRow
from aliexpress_magento.clients.magento1.connector import MAX_PAGE, ChangedRow, Configurable
from aliexpress_magento.clients.magento1.products import MediaImage, ProductInfo

from ..convert import day, money, utc
from ..model import AxisValue, Image, StoreProduct

CONFIGURABLE = "configurable"
NEEDS_MODULE = (
    "needs the connector module for Magento 1: the Magento 1 API cannot list a configurable product's "
    "children; install magento1-module/ (see the README) and grant its resource to the API role"
)


class Catalog:
    def __init__(self, client: Magento1Client, store_view_code: str) -> None:
        self._client = client
        self._store_view = store_view_code
        self._module: bool | None = None  # unknown until first asked
        self._paged: bool | None = None  # whether the module's ``changed`` answers; unknown until asked

    @cached_property
    def attribute_rows(self) -> dict[str, AttributeRow]:
        """Attribute code → its row, over every attribute set (read once per Store object)."""
        found: dict[str, AttributeRow] = {}
        for attribute_set in self._client.attributes.sets():
            found.update({a.code: a for a in self._client.attributes.of_set(attribute_set.set_id)})
        return found

    @property
    def module_absent(self) -> bool:
        """Whether the module's ``children`` was found missing (or not granted) by this Store object."""
        return self._module is False

    @property
    def attribute_types(self) -> dict[str, str]:
        """Attribute code → frontend input."""
        return {code: row.type for code, row in self.attribute_rows.items()}

    def changed_pages(self, since: datetime, page_size: int) -> Iterator[list[ChangedRow]] | None:
        """The module's pages of products changed since ``since`` (at most ``page_size``, capped at the
        module's 1000, each), in (updated_at, id) order across pages; None when the module, or its
        ``changed``, is not installed, or the API role was not granted it ("Access denied." after a good
        login: an upgraded module whose new resource nobody granted yet). Only the first call probes:
        later pages' faults are raised."""
        if self._paged is False:
            return None
        pages = self._client.connector.iter_changed(since, min(page_size, MAX_PAGE), self._store_view)
        if self._paged is None and self._client.session.session_id is None:
            self._client.login()  # wrong credentials fail here, not as "not granted" below
        try:
            first = next(pages, [])
        except (UnknownResourceError, AuthError):
            if self._paged:
                raise  # it answered before: this is a real failure, not a missing or ungranted method
            self._paged = False
            return None
        self._paged = True
        return chain([first] if first else [], pages)

    def assemble(self, skus: Sequence[str]) -> list[StoreProduct]:
        """The products of ``skus`` in that order (unknown ones left out), with children and images."""
        infos = self._client.products.infos(skus, self._store_view)
        parents = [i.sku for i in infos if i.type == CONFIGURABLE]
        families = self.families(parents)
        kids = [c.sku for f in families.values() if f is not None for c in f.children]
        kid_infos = {i.sku: i for i in self._client.products.infos(kids, self._store_view)} if kids else {}
        media = self._client.products.media_of([i.sku for i in infos] + list(kid_infos), self._store_view)
        return [self._product(i, families.get(i.sku), kid_infos, media) for i in infos]

    def families(self, parents: Sequence[str]) -> dict[str, Configurable | None]:
        """Parent SKU → its children from the module, or None for every parent when the module is absent
        or the API role was not granted its resource ("Access denied.", fault 2: a role granted nothing of
        the module reads the catalog as a store without it). Callers have read the catalog before (their
        login worked), so fault 2 here is the missing grant, not wrong credentials."""
        if not parents:
            return {}
        if self._module is not False:
            try:
                found = {c.sku: c for c in self._client.connector.children(list(parents))}
            except (UnknownResourceError, AuthError) as error:
                if self._module or isinstance(error, SessionExpiredError):
                    raise  # it answered before: a real failure, not a missing module or grant
                self._module = False
            else:
                self._module = True
                return {sku: found.get(sku) for sku in parents}
        return dict.fromkeys(parents)

    def _product(
        self,
        info: ProductInfo,
        family: Configurable | None,
        kid_infos: Mapping[str, ProductInfo],
        media: Mapping[str, list[MediaImage]],
    ) -> StoreProduct:
        if info.type != CONFIGURABLE:
            return self._base(info, media)
        if family is None:
            return self._base(info, media, unavailable_reason=NEEDS_MODULE)
        axes = tuple(a.code for a in sorted(family.attributes, key=lambda a: a.position))
        children = tuple(
            self._base(
                kid_infos[c.sku],
                media,
                axis_values=tuple(AxisValue(v.code, v.value, v.label) for v in c.values),
            )
            for c in family.children
            if c.sku in kid_infos
        )
        return self._base(info, media, axes=axes, children=children)

    def _base(
        self,
        info: ProductInfo,
        media: Mapping[str, list[MediaImage]],
        *,
        axes: tuple[str, ...] = (),
        children: tuple[StoreProduct, ...] = (),
        axis_values: tuple[AxisValue, ...] = (),
        unavailable_reason: str = "",
    ) -> StoreProduct:
        return StoreProduct(
            entity_id=info.product_id,
            sku=info.sku,
            name=info.name,
            type=info.type,
            attribute_set_id=info.set_id or None,  # ``set`` of catalog_product.info ("4"); 0: not answered
            enabled=info.status == 1,
            visibility=info.visibility,
            price=money(info.price),
            special_price=money(info.special_price),
            special_from=day(info.values.get("special_from_date")),  # catalog_product.info: null when unset
            special_to=day(info.values.get("special_to_date")),
            weight=info.weight,
            updated_at=utc(info.updated_at),
            attributes=self._attributes(info),
            images=_images(media.get(info.sku, [])),
            category_ids=info.category_ids,
            axes=axes,
            children=children,
            axis_values=axis_values,
            unavailable_reason=unavailable_reason,
        )

    def _attributes(self, info: ProductInfo) -> dict[str, str | tuple[str, ...]]:
        """Attribute values as stored (option ids for selects); multiselects as tuples of option ids."""
        types = self.attribute_types
        found: dict[str, str | tuple[str, ...]] = {}
        for code, value in info.values.items():
            if code not in types or not isinstance(value, str | int | float) or isinstance(value, bool):
                continue
            text = str(value)
            found[code] = tuple(text.split(",")) if types[code] == "multiselect" else text
        return found


def _images(entries: list[MediaImage]) -> tuple[Image, ...]:
    kept = sorted((m for m in entries if not m.excluded), key=lambda m: m.position)
    return tuple(Image(m.url, m.label, m.position, m.types) for m in kept)
