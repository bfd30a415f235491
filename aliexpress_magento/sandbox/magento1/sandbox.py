"""``Magento1Sandbox``: state, knobs and the WSGI application of the Magento 1 / OpenMage API v1 emulator."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request, Response

from aliexpress_magento.sandbox.catalog.holder import CatalogSandbox
from aliexpress_magento.sandbox.catalog.model import Product
from aliexpress_magento.sandbox.core.faults import FaultInjector, Sleep
from aliexpress_magento.sandbox.core.persistence import StateFile
from aliexpress_magento.sandbox.magento1 import (
    cart,
    catalog_meta,
    checkout,
    connector,
    control,
    customers,
    directory,
    inventory,
    ordering,
    products,
    protocol,
    sales,
    stock_options,
    stores,
    versions,
)
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.dispatch import Dispatcher
from aliexpress_magento.sandbox.magento1.faults import ApiFault, PhpError
from aliexpress_magento.sandbox.magento1.values import stamp
from aliexpress_magento.sandbox.magento1.world import Magento1Knobs, World

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

Clock = Callable[[], float]
DEMO_API_USER = "demo-api-user"
DEMO_API_KEY = "demo-api-key-0123456789"
RPC_PATHS = ("/api/xmlrpc", "/api/xmlrpc/", "/index.php/api/xmlrpc", "/index.php/api/xmlrpc/")
MEDIA_PREFIX = "/media/catalog/product/"
MODULES = (
    stores,
    products,
    catalog_meta,
    inventory,
    directory,
    customers,
    cart,
    checkout,
    ordering,
    sales,
    connector,
)


class Magento1Sandbox(CatalogSandbox):
    """The emulator. ``wsgi`` serves ``POST /api/xmlrpc/`` (and ``/index.php/api/xmlrpc/``), the media
    files under ``/media/catalog/product/…`` and the ``/_sandbox/…`` control endpoints.

    ``with_module=False`` emulates a store without the connector module (its resource answers fault 3);
    ``emulate`` the store version answered like (``versions.py``: "openmage-20.18", the default,
    "openmage-20.10" or "magento-1.9.4");
    ``catalog_size`` replaces the demo catalog by N generated SKUs; ``clock`` and ``sleep`` are injectable
    for tests; ``seed`` fixes the demo data (the same as the Magento 2 sandbox's for the same seed).
    """

    world: World

    def __init__(
        self,
        api_user: str = DEMO_API_USER,
        api_key: str = DEMO_API_KEY,
        state_file: str | None = None,
        catalog_size: int | None = None,
        clock: Clock = time.time,
        sleep: Sleep = time.sleep,
        seed: int = 0,
        with_module: bool | None = None,
        emulate: str | None = None,
    ) -> None:
        self.clock, self.seed, self.catalog_size = clock, seed, catalog_size
        self._file = StateFile(state_file) if state_file else None
        self._lock = threading.RLock()
        self.world = self._load()
        if with_module is not None:
            self.world.knobs.connector_module = with_module
        if emulate is not None:
            self.world.knobs.update({"emulate": emulate})
        methods: dict[str, Method] = {name: m for module in MODULES for name, m in module.METHODS.items()}
        self.dispatcher = Dispatcher(methods, api_user, api_key)
        self._faults = FaultInjector(self.world.knobs, random.Random(seed + 1), sleep)  # noqa: S311
        self._media: dict[str, Product] | None = None

    @property
    def knobs(self) -> Magento1Knobs:
        return self.world.knobs

    def _load(self) -> World:
        raw = self._file.load() if self._file else None
        return (
            World.fresh(self.seed, self.catalog_size)
            if raw is None
            else World.from_json(raw, self.seed, self.catalog_size)
        )

    # --- helpers for tests, the demo and the control endpoints ----------------------------------------
    def salable_qty(self, sku: str) -> float:
        return inventory.salable(self.world, self.product(sku))

    def set_stock(self, sku: str, qty: float, in_stock: bool = True) -> None:
        with self._lock:
            self.world.stock[self.product(sku).sku] = [float(qty), 1.0 if in_stock else 0.0]
            self.persist()

    def set_stock_options(self, sku: str, *, manage_stock: bool = True, backorders: int = 0) -> None:
        """The item's Manage Stock and Backorders (0 no, 1 allow qty below 0, 2 allow and notify)."""
        with self._lock:
            stock_options.set_options(
                self.world, self.product(sku).sku, manage_stock=manage_stock, backorders=backorders
            )
            self.persist()

    def expire_sessions(self) -> int:
        with self._lock:
            count = len(self.world.sessions)
            self.world.sessions.clear()
            self.persist()
            return count

    def order(self, order_id: int) -> dict[str, Any]:
        """An order by entity id, in ``sales_order.info``'s shape."""
        found = self.world.orders.get(str(order_id))
        if found is None:
            raise LookupError(f"no order {order_id}")
        return {**found["order"], **{k: v for k, v in found.items() if k != "order"}}

    def ship(
        self,
        increment_id: str,
        tracks: Sequence[tuple[str, str, str]] = (),
        skus: Sequence[str] | None = None,
    ) -> str:
        """Ship the open lines (only those of ``skus`` when given); ``tracks``: (number, carrier, title)."""
        with self._lock:
            shipped = sales.ship(self.world, stamp(self.clock()), increment_id, list(tracks), skus)
            self.persist()
            return shipped

    # --- WSGI ------------------------------------------------------------------------------------------
    def wsgi(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        if request.path.startswith("/_sandbox/"):
            with self._lock:
                response = control.handle(self, request, request.path[len("/_sandbox/") :].strip("/"))
        elif request.path.startswith(MEDIA_PREFIX):
            response = self._image(request.path[len(MEDIA_PREFIX) - 1 :])
        elif request.path in RPC_PATHS and request.method == "POST":
            response = self._guarded(request)
        else:
            response = Response("Not Found", status=404, content_type="text/plain")
        return response(environ, start_response)

    __call__ = wsgi

    def _guarded(self, request: Request) -> Response:
        self._faults.delay()
        with self._lock:
            kind = self._faults.pick()
            if kind in ("http_500", "timeout"):
                return self._faults.apply(kind, lambda: self._rpc(request))
            response = self._rpc(request)
            return self._faults.apply(kind, lambda: response) if kind else response

    def _rpc(self, request: Request) -> Response:
        decoded = protocol.decode(request.get_data())
        if decoded is None:
            return protocol.fault_answer(651, "Failed to parse request")
        method, params = decoded
        ctx = Call(self.world, self.clock(), request.host_url)
        entries: dict[str, Callable[..., Any]] = {
            "login": self.dispatcher.login,
            "call": self.dispatcher.call,
            "multiCall": self.dispatcher.multi_call,
            "endSession": self.dispatcher.end_session,
        }
        entry = entries.get(method)
        if entry is None:
            return protocol.fault_answer(620, f'Method "{method}" does not exist')
        if not versions.matches(self.knobs.emulate, method, params):
            return protocol.fault_answer(*versions.SIGNATURE_MISMATCH)
        try:
            result = entry(ctx, *params[:4])
        except ApiFault as error:
            return protocol.fault_answer(error.code, error.message)
        except PhpError:
            return protocol.php_error()
        self.persist()
        return protocol.answer(result)
