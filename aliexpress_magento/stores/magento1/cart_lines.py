"""How each order line goes into a Magento 1 cart, so that the merchant's order shows the product they sell.

Recorded on OpenMage 20.18 (``second-store/cart_product.add.configurable_via_parent``,
``.child_sku_direct``, ``cart_product.list.*``, ``sales_order.info.customer_cart_order``) and checked on
a lab store: a configurable's child added by its own SKU becomes a plain simple line (the child's name, no
parent); added as its parent with ``super_attribute`` ``{attribute id: option id}``, as the storefront
does, the order gets the configurable line (the child's SKU, the parent's name and the price) and a hidden
child line (``parent_item_id``, price 0). Either way the child's stock is taken.

Finding a line's parent: API v1 cannot list a configurable's children, let alone a child's parents; the
connector module's ``children`` lists a configurable's children (with the axis attribute ids and the
children's option ids: ``super_attribute``) but only when asked with the configurable. So, cheapest first:

- the caller names it (``OrderLine.parent_sku``, from its catalog mirror): one ``catalog_product.list``
  (which named parents are enabled configurables) and one ``children`` per 500 of them;
- else a simple that is "Not Visible Individually" (visibility 1) can only be sold through a parent: one
  ``catalog_product.list`` tells which lines are such simples, and only then the enabled configurables
  are listed (one unpaged ``catalog_product.list``) and their children read (one ``children`` per 500
  configurables), once per order. That costs a read of every configurable, which is why callers that know
  the parent should name it;
- a visible simple with no named parent stays a plain line: it is sold on its own too.

A parent that is unknown, disabled or not configurable, that does not list the child (a stale mirror), or
a child without an option on one of the parent's axes falls back to the child's own SKU: Magento accepts
that, and the stock is right. Without the connector module (or its grant) every line goes by its own
SKU, as ``Catalog.families`` finds out once per Store object. One :class:`CartLines` serves one
``create_order``: its look-ups are cached for that order only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from aliexpress_magento.clients.magento1 import CartLine, Magento1Client, condition, where
from aliexpress_magento.clients.magento1.connector import Configurable

from ..model import OrderLine
from .catalog import CONFIGURABLE, Catalog

SIMPLE = "simple"
ENABLED = 1
NOT_VISIBLE_INDIVIDUALLY = 1
IN_CHUNK = 100  # SKUs per "in" filter


class CartLines:
    def __init__(self, client: Magento1Client, store_view_code: str, catalog: Catalog) -> None:
        self._client = client
        self._store_view = store_view_code
        self._catalog = catalog

    def of(self, lines: Sequence[OrderLine]) -> list[CartLine]:
        """The cart lines of ``lines``, in their order, each through its parent when one is found."""
        if self._catalog.module_absent:
            return [CartLine(line.sku, line.qty) for line in lines]
        named = {line.parent_sku for line in lines if line.parent_sku}
        hidden = self._hidden_simples([line.sku for line in lines if not line.parent_sku])
        parents = self._configurables(named, scan=bool(hidden))
        families = self._families(parents)
        by_child = {
            c.sku.lower(): f for f in families.values() for c in f.children if c.sku.lower() in hidden
        }
        return [_line(line, _family(line, families, by_child)) for line in lines]

    def _hidden_simples(self, skus: Sequence[str]) -> set[str]:
        """The simples among ``skus`` that are not visible individually (lower-case SKUs)."""
        found: set[str] = set()
        wanted = sorted(set(skus))
        for start in range(0, len(wanted), IN_CHUNK):
            chunk = wanted[start : start + IN_CHUNK]
            filters = where(sku=condition(chunk, "in"), type=SIMPLE, visibility=NOT_VISIBLE_INDIVIDUALLY)
            found.update(r.sku.lower() for r in self._client.products.search(filters, self._store_view))
        return found

    def _configurables(self, named: Iterable[str], *, scan: bool) -> list[str]:
        """The enabled configurables: all of them when scanning for the parents of hidden children (the
        named ones are among them), else those among ``named``."""
        base = where(type=CONFIGURABLE, status=ENABLED)
        if scan:
            return [r.sku for r in self._client.products.search(base, self._store_view)]
        wanted, found = sorted(named), list[str]()
        for start in range(0, len(wanted), IN_CHUNK):
            filters = {**base, **where(sku=condition(wanted[start : start + IN_CHUNK], "in"))}
            found.extend(r.sku for r in self._client.products.search(filters, self._store_view))
        return found

    def _families(self, parents: Sequence[str]) -> dict[str, Configurable]:
        """Lower-case parent SKU → its children, from the module (empty without it)."""
        # The client splits the module's calls at the 500 identifiers it takes (connector.MAX_IDENTIFIERS).
        families = self._catalog.families(parents)
        return {sku.lower(): f for sku, f in families.items() if f is not None}


def _family(
    line: OrderLine, by_parent: Mapping[str, Configurable], by_child: Mapping[str, Configurable]
) -> Configurable | None:
    """The named parent's family, else the family of a hidden child (keys are lower-case SKUs)."""
    if line.parent_sku:
        return by_parent.get(line.parent_sku.lower())
    return by_child.get(line.sku.lower())


def _line(line: OrderLine, family: Configurable | None) -> CartLine:
    chosen = _super_attribute(family, line.sku) if family is not None else None
    if family is None or not chosen:
        return CartLine(line.sku, line.qty)
    return CartLine(family.sku, line.qty, chosen)


def _super_attribute(family: Configurable, sku: str) -> Mapping[int, int] | None:
    """``{attribute id: option id}`` naming the child ``sku``; None when the family does not list it or it
    has no option on one of the axes (Magento would answer "Please specify the product's option(s).")."""
    child = next((c for c in family.children if c.sku.lower() == sku.lower()), None)
    if child is None:
        return None
    values = {v.attribute_id: v.value for v in child.values}
    chosen = {a.attribute_id: values.get(a.attribute_id, "") for a in family.attributes}
    if not chosen or not all(v.isdigit() for v in chosen.values()):
        return None
    return {attribute: int(option) for attribute, option in chosen.items()}
