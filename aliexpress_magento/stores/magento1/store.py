"""``Magento1Store``: the Store interface over Magento 1.9 / OpenMage LTS's API v1 (XML-RPC)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from aliexpress_magento.clients.magento1 import (
    CartLine,
    Magento1Client,
    ValidationError,
    condition,
    updated_since,
    where,
)
from aliexpress_magento.clients.magento1.categories import CategoryNode
from aliexpress_magento.clients.magento1.customers import NewCustomer
from aliexpress_magento.clients.magento1.filters import Filters

from ..base import PlacementJournal
from ..closing import ClosingStore
from ..convert import money, utc
from ..model import (
    Address,
    AvailableMethods,
    CreatedOrder,
    CurrencyRates,
    InMemoryJournal,
    Method,
    OrderMethod,
    OrderToCreate,
    RatesUnavailable,
    SalableStock,
    StoreAttribute,
    StoreCategory,
    StoreOption,
    StoreProduct,
    StoreShipment,
    StoreView,
)
from .catalog import Catalog
from .orders import DirectOrderUnsupported, Orders, cart_address
from .shipments import Shipments
from .stock import IN_CHUNK, Stock

SELECTS = ("select", "multiselect", "boolean")


MAGENTO1_NO_RATES = (
    "Magento 1's API has no call for its currency rates, so the store's rates cannot be read: choose "
    "the fixed rate (Rate source) and enter the Conversion rate."
)


class Magento1Store(ClosingStore):
    """The Store on Magento 1. ``client`` is a :class:`Magento1Client` (base URL, API user, API key);
    ``store_view_code`` the store view the account sells from (carts, catalog values, the category root);
    ``lookback_days`` how far back :meth:`find_order` searches the marker comment (see ``orders.py``);
    ``now`` is injectable for tests. Orders: the quote method only (the API has no direct creation);
    they note their cart in a placement journal before placing it (the one given to ``create_order``,
    else ``self.journal``, in memory: a retry by the same process finds the order by its cart)."""

    def __init__(
        self,
        client: Magento1Client,
        *,
        store_view_code: str = "default",
        lookback_days: int = 30,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.client = client
        self.store_view_code = store_view_code
        self.catalog = Catalog(client, store_view_code)
        self.orders = Orders(client, store_view_code, lookback_days, now, self.catalog)
        self.stock = Stock(client, store_view_code, self.catalog)
        self.shipments = Shipments(client)
        self.journal: PlacementJournal = InMemoryJournal()  # when create_order is given none

    def store_views(self) -> list[StoreView]:
        return [
            StoreView(
                code=view.code,
                name=view.name,
                website_code=str(view.website_id),
                base_currency="",
                timezone="",
                base_url="",
                is_active=view.is_active,
            )
            for view in self.client.stores.all()
            if view.code != "admin"
        ]

    def currency_rates(self) -> CurrencyRates:
        """Magento 1's SOAP API v1 has no currency-rate call (Mage_Directory's api.xml offers countries
        and regions only): the account's fixed rate must be used."""
        raise RatesUnavailable(MAGENTO1_NO_RATES)

    def products_changed_since(self, since: datetime, *, page_size: int = 100) -> Iterator[StoreProduct]:
        """With the connector module (its ``changed``): ``page_size`` products at a time (at most 1000),
        ordered by (updated_at, product id) across pages and resumed after a keyset cursor, each page's
        details read in one multiCall: memory holds one page whatever the catalog's size, and a watermark
        may follow the products as they come (a product edited after its page was listed is yielded with
        the listed ``updated_at``, so the times never go back; the edit moved it past the cursor, so it
        comes again later with its new time).

        Without it (``UnknownResourceError``, remembered for this Store object) the fallback is API v1's
        ``catalog_product.list``, which does not page: the short rows of every changed product in one
        answer, then their details ``page_size`` at a time. Those rows carry no ``updated_at``, so the
        order is oldest first within a page only: advance a watermark only after the whole iteration."""
        pages = self.catalog.changed_pages(since, page_size)
        if pages is None:
            yield from self._listed_since(since, page_size)
            return
        for rows in pages:
            listed = {r.sku: utc(r.updated_at) for r in rows}
            yield from (_as_listed(p, listed) for p in self.catalog.assemble(list(listed)))

    def _listed_since(self, since: datetime, page_size: int) -> Iterator[StoreProduct]:
        """Only the products of the store view's website, as the module's ``changed`` reads: the list's
        store argument picks the values but filters no website (recorded on OpenMage 20.18,
        ``openmage-recorded/views/catalog_product.list.default`` lists a product of another website)."""
        website = self._website_id()
        rows = sorted(
            (
                r
                for r in self.client.products.search(updated_since(since), self.store_view_code)
                if website in r.website_ids
            ),
            key=lambda r: r.product_id,
        )
        for start in range(0, len(rows), page_size):
            page = self.catalog.assemble([r.sku for r in rows[start : start + page_size]])
            yield from sorted(page, key=lambda p: p.updated_at)

    def _website_id(self) -> int:
        """The store view's website; the view named by code or by id, as the API's store argument is."""
        views = self.client.stores.all()
        for view in views:
            if self.store_view_code in (view.code, str(view.store_id)):
                return view.website_id
        known = ", ".join(sorted(view.code for view in views))
        raise ValueError(f"No store view {self.store_view_code!r} in Magento: {known}")

    def products_by_sku(self, skus: Sequence[str]) -> list[StoreProduct]:
        found: list[StoreProduct] = []
        for start in range(0, len(skus), IN_CHUNK):
            chunk = list(skus[start : start + IN_CHUNK])
            rows = self.client.products.search(where(sku=condition(chunk, "in")))
            found.extend(self.catalog.assemble([r.sku for r in rows]))
        return found

    def salable_quantities(self, skus: Sequence[str]) -> dict[str, SalableStock]:
        """What Magento would sell: see ``stock.py`` for how each case maps."""
        return self.stock.salable(skus)

    def attributes(self) -> list[StoreAttribute]:
        """API v1's attribute list has no labels: the label is the code made readable."""
        rows = self.catalog.attribute_rows
        selects = [a.attribute_id for a in rows.values() if a.type in SELECTS]
        options = self.client.attributes.options_of(selects) if selects else {}
        return [
            StoreAttribute(
                code=a.code,
                label=a.code.replace("_", " ").capitalize(),
                input_type=a.type,
                required=a.required,
                options=tuple(
                    StoreOption(o.value, o.label) for o in options.get(a.attribute_id, []) if o.value
                ),
            )
            for a in rows.values()
        ]

    def category_tree(self) -> StoreCategory:
        return _category(self.client.categories.tree(store=self.store_view_code))

    def available_methods(self, sku: str, address: Address) -> AvailableMethods:
        """Asked on a throw-away cart holding one unit: Magento only answers methods for a cart, and takes
        only what it could sell into one. A configurable is asked with its first salable child.

        Raises :class:`NotSalableError` when ``sku`` is unknown, not salable, or a configurable with no
        salable child (or whose children cannot be read: no connector module)."""
        unit = self.stock.unit_for(sku)
        if unit is None:
            raise NotSalableError(
                f"Magento answers shipping and payment methods only for a cart it could order, and "
                f"{sku} cannot be put in one: unknown, disabled, out of stock, or a configurable product "
                "with no salable child. Ask with a salable product."
            )
        cart = self.client.cart
        quote = cart.create(self.store_view_code)
        cart.add_products(quote, [_one(unit)])
        cart.set_addresses(
            quote, [{**cart_address(address, "billing", address.email), "use_for_shipping": 1}]
        )
        shipping = cart.shipping_methods(quote)
        payment = cart.payment_methods(quote)
        return AvailableMethods(
            payment=tuple(Method(p.code, p.title) for p in payment),
            shipping=tuple(
                Method(s.code, f"{s.carrier_title} - {s.method_title}", money(s.price))
                for s in shipping
                if not s.error_message
            ),
        )

    def find_order(self, external_id: str) -> CreatedOrder | None:
        return self.orders.find(external_id, self.journal)

    def ensure_customer(self, email: str, firstname: str, lastname: str) -> int:
        """The customer of the store view's website, created there when it has none. OpenMage shares
        accounts per website by default and ``customer.list`` on the e-mail alone answers every website's
        customer (recorded, ``openmage-recorded/orders-customers``), so the website is part of the filter.
        A creation refused for the e-mail (fault 100) is a race, or accounts shared globally with the
        customer in another website: that customer is found and used."""
        views = {view.code: view for view in self.client.stores.all()}
        view = views.get(self.store_view_code)
        mine: Filters = {"email": email} if view is None else {"email": email, "website_id": view.website_id}
        rows = self.client.customers.search(mine)
        if rows:
            return rows[0].customer_id
        new: NewCustomer = {"email": email, "firstname": firstname, "lastname": lastname}
        if view is not None:
            new |= {"website_id": view.website_id, "store_id": view.store_id}
        try:
            return self.client.customers.create(new)
        except ValidationError:
            again = self.client.customers.search(mine) or self.client.customers.search({"email": email})
            if not again:
                raise
            return again[0].customer_id

    def create_order(
        self, order: OrderToCreate, method: OrderMethod = "quote", *, journal: PlacementJournal | None = None
    ) -> CreatedOrder:
        """Create the order once, through the cart. The journal (``journal``, else ``self.journal``)
        keeps the cart id so an order placed just before a crash is found by its quote id."""
        if method != "quote":
            raise DirectOrderUnsupported(
                "Magento 1 has no direct order creation in its API: orders are created with the quote "
                "(cart) method only"
            )
        notes = self.journal if journal is None else journal
        existing = self.orders.find_for(order, notes)
        return existing if existing is not None else self.orders.place(order, notes)

    def add_order_comment(self, order_id: int, comment: str) -> None:
        increment = self.orders.increment_id(order_id)
        status = self.client.orders.info(increment).order.status
        self.client.orders.add_comment(increment, status, comment)

    def cancel_order(self, order_id: int) -> bool:
        return self.client.orders.cancel(self.orders.increment_id(order_id))

    def shipments_since(self, since: datetime) -> Iterator[StoreShipment]:
        """One line per product sold: a configurable's hidden child line is left out (``shipments.py``)."""
        return self.shipments.since(since)


class NotSalableError(LookupError):
    """``available_methods`` was asked with a product Magento would not put in a cart."""


def _as_listed(product: StoreProduct, listed: Mapping[str, datetime]) -> StoreProduct:
    when = listed.get(product.sku, product.updated_at)
    return replace(product, updated_at=when) if when < product.updated_at else product


def _one(sku: str) -> CartLine:
    return CartLine(sku, 1)


def _category(node: CategoryNode) -> StoreCategory:
    return StoreCategory(
        id=node.category_id,
        parent_id=node.parent_id,
        name=node.name,
        active=node.is_active,
        position=node.position,
        level=node.level,
        children=tuple(_category(c) for c in node.children),
    )
