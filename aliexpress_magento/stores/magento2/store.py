"""``Magento2Store``: the Store interface over the Magento 2 admin REST API."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from aliexpress_magento.clients.magento2 import Magento2Client
from aliexpress_magento.clients.magento2.categories import CategoryNode
from aliexpress_magento.clients.magento2.customers import NewCustomer
from aliexpress_magento.clients.magento2.errors import ValidationError
from aliexpress_magento.clients.magento2.shipments import Shipment

from ..base import PlacementJournal
from ..closing import ClosingStore
from ..model import (
    Address,
    AvailableMethods,
    CreatedOrder,
    CurrencyRates,
    InMemoryJournal,
    Method,
    OrderMethod,
    OrderToCreate,
    SalableStock,
    ShipmentLine,
    StoreAttribute,
    StoreCategory,
    StoreOption,
    StoreProduct,
    StoreShipment,
    StoreView,
    Track,
)
from . import orders
from .cart_lines import CartLines
from .catalog import Catalog
from .convert import money, quantity, utc


class Magento2Store(ClosingStore):
    """The Store on Magento 2. ``client`` should be scoped to the store view the account sells from
    (``Magento2Client(..., store_code=<view code>)``): catalog reads then give that view's names and
    values. ``website_code`` picks the MSI stock (``stock-resolver/website/<code>``); ``store_view_code``
    the store config whose media URL builds image URLs, and the scope carts always go through, whatever
    the client's (``cart_client``: placing through ``all`` fails on a real store). Quote orders note
    their cart in a placement journal before placing it (the one given to ``create_order``, else
    ``self.journal``, in memory: see ``orders``)."""

    def __init__(
        self, client: Magento2Client, *, website_code: str = "base", store_view_code: str = "default"
    ) -> None:
        self.client = client
        # Carts belong to a store view: placing one through "all" fails on a real store (clients' carts).
        self.cart_client = client if client.store_code != "all" else client.scoped(store_view_code)
        self.website_code = website_code
        self.store_view_code = store_view_code
        self.catalog = Catalog(client, store_view_code)
        self.journal: PlacementJournal = InMemoryJournal()  # when create_order is given none

    def products_changed_since(self, since: datetime, *, page_size: int = 100) -> Iterator[StoreProduct]:
        """Paged by key (updated_at, entity_id), not offset: a product edited during the read comes
        again at the end with its new time, and none is skipped (``KeysetPager``)."""
        pages = self.client.products.changed_since(since, page_size).pages()
        for page in self.catalog.assembled(pages):
            yield from page

    def products_by_sku(self, skus: Sequence[str]) -> list[StoreProduct]:
        return self.catalog.by_skus(skus)

    def salable_quantities(self, skus: Sequence[str]) -> dict[str, SalableStock]:
        found = self.client.inventory.salable_many(list(skus), self.website_code)
        return {s.sku: SalableStock(s.sku, quantity(s.qty), s.is_salable) for s in found}

    def attributes(self) -> list[StoreAttribute]:
        return [
            StoreAttribute(
                code=a.code,
                label=a.label,
                input_type=a.frontend_input,
                required=a.is_required,
                options=tuple(StoreOption(o.value, o.label) for o in a.options),
            )
            for a in self.catalog.attributes_by_id.values()
        ]

    def category_tree(self) -> StoreCategory:
        return _category(self.client.categories.tree())

    def available_methods(self, sku: str, address: Address) -> AvailableMethods:
        """Asked on a throw-away guest cart: Magento only answers methods for a cart."""
        carts = self.cart_client.carts
        cart = carts.create_guest()
        carts.add_item(cart, sku, 1)
        shipping = carts.estimate_shipping(cart, orders.magento_address(address))
        payment = carts.payment_methods(cart)
        return AvailableMethods(
            payment=tuple(Method(p.code, p.title) for p in payment),
            shipping=tuple(
                Method(s.code, f"{s.carrier_title} - {s.method_title}", money(s.amount))
                for s in shipping
                if s.available
            ),
        )

    def find_order(self, external_id: str) -> CreatedOrder | None:
        found = self.client.orders.find_by_ext_order_id(external_id)
        return orders.created(found, is_new=False) if found else None

    def ensure_customer(self, email: str, firstname: str, lastname: str) -> int:
        """The customer of the account's website, created there when it has none. Accounts are shared per
        website by default, and a search on the e-mail alone answers every website's customer (recorded,
        ``magento2-recorded/orders-customers``), so the website is part of the search. A creation refused
        for the e-mail ("…already exists in an associated website.") is a race, or accounts shared
        globally with the customer in another website: that customer is found and used."""
        websites = {w.code: w.id for w in self.client.stores.websites()}
        website_id = websites.get(self.website_code)
        found = self.client.customers.find_by_email(email, website_id)
        if found is not None:
            return found.id
        new: NewCustomer = {"email": email, "firstname": firstname, "lastname": lastname}
        if website_id is not None:
            new["website_id"] = website_id
        try:
            return self.client.customers.create(new).id
        except ValidationError:
            again = self.client.customers.find_by_email(
                email, website_id
            ) or self.client.customers.find_by_email(email)
            if again is None:
                raise
            return again.id

    def create_order(
        self, order: OrderToCreate, method: OrderMethod = "quote", *, journal: PlacementJournal | None = None
    ) -> CreatedOrder:
        existing = self.find_order(order.external_id)
        if existing is not None:
            return existing
        if method == "direct":
            return orders.created(orders.place_direct(self.client, order, self.store_id), is_new=True)
        notes = self.journal if journal is None else journal
        recovered = orders.recover_quote(self.cart_client, order, notes)
        if recovered is not None:
            return orders.created(recovered, is_new=False)
        lines = CartLines(self.client, self._attribute_codes)
        return orders.created(orders.place_quote(self.cart_client, order, notes, lines), is_new=True)

    def _attribute_codes(self) -> dict[int, str]:
        return {a.id: a.code for a in self.catalog.attributes_by_id.values()}

    @cached_property
    def store_id(self) -> int:
        """The id of the store view the account sells from: a direct order must name it (Magento
        stores it as sent, NULL otherwise)."""
        views = {view.code: view.id for view in self.client.stores.views()}
        if self.store_view_code not in views:
            raise ValueError(f"No store view {self.store_view_code!r} in Magento: {', '.join(sorted(views))}")
        return views[self.store_view_code]

    def add_order_comment(self, order_id: int, comment: str) -> None:
        self.client.orders.add_comment(order_id, comment)

    def cancel_order(self, order_id: int) -> bool:
        return self.client.orders.cancel(order_id)

    def shipments_since(self, since: datetime, *, page_size: int = 100) -> Iterator[StoreShipment]:
        """Paged by key (updated_at, entity_id) like the products: ties in one second are kept apart by
        the id, and a shipment edited during the read is not skipped."""
        return (_shipment(s) for s in self.client.shipments.changed_since(since, page_size))

    def currency_rates(self) -> CurrencyRates:
        """``GET /V1/directory/currency`` in the store view's scope (the URL's store code picks the
        store whose base currency and rates answer); a currency Magento allows but holds no rate for
        (0 or null) is left out. The rate comes as a JSON number: read through its text into Decimal."""
        answer = self.cart_client.stores.currency()
        rates = {
            code: Decimal(str(rate)) for code, rate in answer.exchange_rates.items() if code and rate > 0
        }
        return CurrencyRates(base_currency=answer.base_currency_code, rates=rates)

    def store_views(self) -> list[StoreView]:
        websites = {w.id: w.code for w in self.client.stores.websites()}
        configs = {c.code: c for c in self.client.stores.configs()}
        return [
            StoreView(
                code=view.code,
                name=view.name,
                website_code=websites.get(view.website_id, ""),
                base_currency=configs[view.code].base_currency_code if view.code in configs else "",
                timezone=configs[view.code].timezone if view.code in configs else "",
                base_url=configs[view.code].base_url if view.code in configs else "",
                is_active=view.is_active,
            )
            for view in self.client.stores.views()
            if view.code != "admin"  # the admin scope (id 0) is not a view anyone sells from
        ]


def _category(node: CategoryNode) -> StoreCategory:
    return StoreCategory(
        id=node.id,
        parent_id=node.parent_id,
        name=node.name,
        active=node.is_active,
        position=node.position,
        level=node.level,
        children=tuple(_category(c) for c in node.children),
    )


def _shipment(shipment: Shipment) -> StoreShipment:
    return StoreShipment(
        id=shipment.entity_id,
        order_id=shipment.order_id,
        created_at=utc(shipment.created_at),
        updated_at=utc(shipment.updated_at),
        lines=tuple(ShipmentLine(i.sku, quantity(i.qty)) for i in shipment.items),
        tracks=tuple(Track(t.track_number, t.carrier_code, t.title) for t in shipment.tracks),
    )
