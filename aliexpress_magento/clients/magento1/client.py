"""The Magento 1 client: one object per store connection, its resources as attributes."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import httpx

from ..common import CallBudget, RetryPolicy
from .attributes import Attributes
from .cart import Cart
from .categories import Categories
from .connection import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, Connection
from .connector import Connector
from .customers import Customers
from .directory import Directory
from .inventory import Inventory
from .products import Products
from .sales import Orders, Shipments
from .session import CallSpec, MultiCallForm, Session
from .stores import Stores


class Magento1Client:
    """``client.products.info("SKU")``, ``client.orders.search({"ext_order_id": …})`` …

    ``base_url`` is the shop root (``https://shop.example``; ``…/index.php`` where URL rewrites are off):
    calls go to ``{base_url}/api/xmlrpc/``. ``api_user`` / ``api_key`` are a web-services user of System →
    Web Services → SOAP/XML-RPC Users; ``transport`` lets tests mount the sandbox in-process; ``budget``
    caps calls per second; ``retry`` is the shared retry policy; ``max_response_bytes`` caps an answer
    (decompressed; default 32 MiB): a larger one is refused unread, as not retryable. The session is
    opened on the first call.
    ``multicall_form`` ("struct": OpenMage >= 20.11, "array": Magento 1.9.4 / OpenMage <= 20.10) skips
    finding it out on the first ``multiCall`` (:mod:`.session`); ``client.session.multicall_form`` tells
    the form found.
    """

    def __init__(
        self,
        base_url: str,
        *,
        api_user: str,
        api_key: str,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        budget: CallBudget | None = None,
        retry: RetryPolicy | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        multicall_form: MultiCallForm | None = None,
    ) -> None:
        self.connection = Connection(
            base_url,
            transport=transport,
            timeout=timeout,
            budget=budget,
            retry=retry,
            max_response_bytes=max_response_bytes,
        )
        self.session = Session(self.connection, api_user, api_key, multicall_form)
        self.stores = Stores(self.session)
        self.products = Products(self.session)
        self.attributes = Attributes(self.session)
        self.categories = Categories(self.session)
        self.inventory = Inventory(self.session)
        self.directory = Directory(self.session)
        self.customers = Customers(self.session)
        self.cart = Cart(self.session)
        self.orders = Orders(self.session)
        self.shipments = Shipments(self.session)
        self.connector = Connector(self.session)

    def login(self, api_user: str | None = None, api_key: str | None = None) -> str:
        """Open a session (a connection test: a wrong user or key raises AuthError "Access denied.")."""
        return self.session.login(api_user, api_key)

    def call(self, path: str, args: Sequence[Any] = (), *, idempotent: bool = True) -> Any:
        """Any ``resource.method`` by name, with one automatic new login if the session expired."""
        return self.session.call(path, args, idempotent=idempotent)

    def multi_call(self, calls: Sequence[CallSpec], *, stop_on_fault: bool = False) -> list[Any]:
        """Several calls in one request; a failed call's place holds its error object."""
        return self.session.multi_call(calls, stop_on_fault=stop_on_fault)

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing must not fail because the store is unreachable
            self.session.end()
        self.connection.close()

    def __enter__(self) -> Magento1Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
