"""The Magento 2 client: one object per store connection, its resources as attributes."""

from __future__ import annotations

from types import TracebackType

import httpx

from ..common import CallBudget, RetryPolicy
from .attributes import Attributes
from .carts import Carts
from .categories import Categories
from .connection import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, Connection
from .customers import Customers
from .guest_carts import GuestCarts
from .inventory import Inventory
from .invoices import Invoices
from .orders import Orders
from .products import Products
from .shipments import Shipments
from .stores import Stores


class Magento2Client:
    """``client.products.get("SKU")``, ``client.orders.find_by_ext_order_id(...)`` …

    ``base_url`` is the shop root (``https://shop.example`` or ``…/index.php`` where URL rewrites are
    off); ``auth`` one of :mod:`.auth`; ``store_code`` the ``/rest/<code>/`` scope (``all`` = admin
    scope, ``default`` or a store view code for store-view values); ``transport`` lets tests mount the
    sandbox in-process; ``budget`` caps calls per second; ``retry`` is the shared retry policy;
    ``max_response_bytes`` caps an answer (decompressed; default 32 MiB): a larger one is refused
    unread, as not retryable.
    """

    def __init__(
        self,
        base_url: str,
        *,
        auth: httpx.Auth,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        budget: CallBudget | None = None,
        retry: RetryPolicy | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        store_code: str = "all",
    ) -> None:
        connection = Connection(
            base_url,
            auth=auth,
            store_code=store_code,
            transport=transport,
            timeout=timeout,
            budget=budget,
            retry=retry,
            max_response_bytes=max_response_bytes,
        )
        self._attach(connection)

    def _attach(self, connection: Connection) -> None:
        self.connection = connection
        self.products = Products(self.connection)
        self.attributes = Attributes(self.connection)
        self.categories = Categories(self.connection)
        self.stores = Stores(self.connection)
        self.inventory = Inventory(self.connection)
        self.customers = Customers(self.connection)
        self.carts = Carts(self.connection)
        self.guest_carts = GuestCarts(self.connection)
        self.orders = Orders(self.connection)
        self.invoices = Invoices(self.connection)
        self.shipments = Shipments(self.connection)

    @property
    def store_code(self) -> str:
        return self.connection.store_code

    def scoped(self, store_code: str) -> Magento2Client:
        """This client under another ``/rest/<store_code>/`` scope, sharing its HTTP pool, budget and
        retry policy (closing either closes both). Carts need a store view: see :class:`.carts.Carts`."""
        other = object.__new__(Magento2Client)
        other._attach(self.connection.scoped(store_code))
        return other

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Magento2Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
