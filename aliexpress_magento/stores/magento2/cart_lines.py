"""How each order line goes into a Magento 2 cart, so that the merchant's order shows the product they sell.

Recorded on 2.4.7-p7 (``second-store/cart.add_child_sku_direct``, ``checkout.add_item.configurable``): a
configurable's child added by its own SKU becomes a plain simple line (the child's name, no parent);
added as its parent with ``product_option.extension_attributes.configurable_item_options`` (``option_id``
= the axis attribute's id, ``option_value`` = the child's option id), as Magento's own checkout does, the
order gets the parent line (the child's SKU, the parent's name, ``product_type`` configurable) and the
hidden child line. Either way the child's stock is reserved.

Finding a line's parent: Magento 2.4 has no "parent of a child" endpoint, so, cheapest first:

- the caller names it (``OrderLine.parent_sku``, from its catalog mirror): one ``GET /V1/products/{sku}``
  per distinct parent, whose ``configurable_product_links`` must list the child;
- else a simple that is "Not Visible Individually" (visibility 1) can only be sold through a parent: the
  configurables are read (``type_id`` = configurable, their links), once per order and only then. That
  costs a read of every configurable, which is why callers that know the parent should name it;
- a visible simple with no named parent stays a plain line: it is sold on its own too.

A named parent that does not list the child (a stale mirror), a disabled parent, or a child without a
value for one of the parent's axes falls back to the child's own SKU: Magento accepts that, and the stock
is right.
One :class:`CartLines` serves one ``create_order``: its look-ups are cached for that order only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from aliexpress_magento.clients.magento2 import Magento2Client, SearchCriteria
from aliexpress_magento.clients.magento2.errors import NotFoundError
from aliexpress_magento.clients.magento2.products import ENABLED, Product

from ..model import OrderLine

SIMPLE, CONFIGURABLE = "simple", "configurable"
NOT_VISIBLE_INDIVIDUALLY = 1
IN_CHUNK = 100  # SKUs per "in" filter


@dataclass(frozen=True)
class CartLine:
    """What ``POST /V1/carts/{id}/items`` is sent: a SKU, and for a configurable its ``(attribute id,
    option id)`` pairs."""

    sku: str
    qty: float
    options: tuple[tuple[int, int], ...] = ()


class CartLines:
    """``attribute_codes`` maps attribute ids to codes (the child's axis values are keyed by code)."""

    def __init__(self, client: Magento2Client, attribute_codes: Callable[[], Mapping[int, str]]) -> None:
        self._client = client
        self._codes = attribute_codes
        self._named: dict[str, Product | None] = {}
        self._by_child: dict[int, Product] | None = None

    def of(self, lines: Sequence[OrderLine]) -> list[CartLine]:
        products = self._products([line.sku for line in lines])
        return [self._line(line, products.get(line.sku.lower())) for line in lines]

    def _products(self, skus: Sequence[str]) -> dict[str, Product]:
        wanted = sorted(set(skus))
        found: dict[str, Product] = {}
        for start in range(0, len(wanted), IN_CHUNK):
            criteria = SearchCriteria().where("sku", wanted[start : start + IN_CHUNK], "in").limit(IN_CHUNK)
            found.update((p.sku.lower(), p) for p in self._client.products.iter(criteria))
        return found

    def _line(self, line: OrderLine, product: Product | None) -> CartLine:
        parent = self._parent(line, product) if product and product.type_id == SIMPLE else None
        options = self._options(parent, product) if parent and product else ()
        if parent is None or not options:
            return CartLine(line.sku, line.qty)
        return CartLine(parent.sku, line.qty, options)

    def _parent(self, line: OrderLine, child: Product) -> Product | None:
        """The enabled configurable that lists the child; a disabled one could not be added (Magento
        answers "not available"), while the child alone still can."""
        if line.parent_sku:
            parent = self._get(line.parent_sku)
        elif child.visibility == NOT_VISIBLE_INDIVIDUALLY:
            parent = self._parents_by_child().get(child.id)
        else:
            return None
        if parent is None or parent.status != ENABLED or child.id not in parent.child_ids:
            return None
        return parent

    def _get(self, sku: str) -> Product | None:
        if sku not in self._named:
            try:
                self._named[sku] = self._client.products.get(sku)
            except NotFoundError:
                self._named[sku] = None
        found = self._named[sku]
        return found if found is not None and found.type_id == CONFIGURABLE else None

    def _parents_by_child(self) -> dict[int, Product]:
        if self._by_child is None:
            criteria = SearchCriteria().where("type_id", CONFIGURABLE).limit(IN_CHUNK)
            self._by_child = {c: p for p in self._client.products.iter(criteria) for c in p.child_ids}
        return self._by_child

    def _options(self, parent: Product, child: Product) -> tuple[tuple[int, int], ...]:
        codes = self._codes()
        chosen = []
        for option in parent.configurable_options:
            value = child.attributes.get(codes.get(option.attribute_id, ""))
            if not isinstance(value, str) or not value.isdigit():
                return ()
            chosen.append((option.attribute_id, int(value)))
        return tuple(chosen)
