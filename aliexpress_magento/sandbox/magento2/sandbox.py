"""``Magento2Sandbox``: state, knobs and the WSGI application of the Magento 2 admin REST emulator."""

from __future__ import annotations

import random
import re
import secrets
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote

from werkzeug.wrappers import Request, Response

from aliexpress_magento.sandbox.catalog.holder import CatalogSandbox
from aliexpress_magento.sandbox.catalog.model import Product
from aliexpress_magento.sandbox.core.faults import FaultInjector, Sleep
from aliexpress_magento.sandbox.core.persistence import StateFile
from aliexpress_magento.sandbox.core.ratelimit import RateLimiter
from aliexpress_magento.sandbox.magento2 import (
    auth,
    control,
    customers,
    errors,
    fields,
    inventory,
    routing,
    stores,
)
from aliexpress_magento.sandbox.magento2.call import Call, timestamp
from aliexpress_magento.sandbox.magento2.catalog import attribute_routes, categories, products
from aliexpress_magento.sandbox.magento2.errors import MagentoError
from aliexpress_magento.sandbox.magento2.jsonenc import magento_response
from aliexpress_magento.sandbox.magento2.knobs import Magento2Knobs
from aliexpress_magento.sandbox.magento2.oauth1 import SignedRequest
from aliexpress_magento.sandbox.magento2.sales import cart_routes, documents, order_routes
from aliexpress_magento.sandbox.magento2.world import World

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

Clock = Callable[[], float]
MEDIA_PREFIX = "/media/catalog/product/"
TOO_MANY = {"message": "Too Many Requests", "trace": None}


class Magento2Sandbox(CatalogSandbox):
    """The emulator. ``wsgi`` serves ``/rest/…`` (and ``/index.php/rest/…``), the media files under
    ``/media/catalog/product/…`` and the ``/_sandbox/…`` control endpoints.

    ``oauth_consumers`` are the activated integrations accepted for OAuth 1.0a (default: the demo one,
    whose access token is the integration token); ``catalog_size`` replaces the demo catalog by N
    generated SKUs; ``clock`` and ``sleep`` are injectable for tests; ``seed`` fixes the demo data and
    the fault picker. See ``sandbox/COVERAGE.md`` for what is emulated and where it differs.
    """

    world: World

    def __init__(
        self,
        admin_user: str = "admin",
        admin_password: str = "admin-password-1",  # noqa: S107 - the documented demo password
        integration_token: str = auth.DEMO_INTEGRATION_TOKEN,
        oauth_consumers: Sequence[auth.OAuthConsumer] | None = None,
        state_file: str | None = None,
        catalog_size: int | None = None,
        clock: Clock = time.time,
        sleep: Sleep = time.sleep,
        seed: int = 0,
    ) -> None:
        consumers = tuple(oauth_consumers) if oauth_consumers is not None else (auth.DEMO_CONSUMER,)
        self.credentials = auth.Credentials(admin_user, admin_password, integration_token, consumers)
        self.clock, self.seed, self.catalog_size = clock, seed, catalog_size
        self._file = StateFile(state_file) if state_file else None
        self._lock = threading.RLock()
        self.limiter = RateLimiter()
        self.world = self._load()
        self._faults = FaultInjector(self.world.knobs, random.Random(seed + 1), sleep)  # noqa: S311
        self._router = routing.Router(self._routes())
        self._media: dict[str, Product] | None = None

    @property
    def knobs(self) -> Magento2Knobs:
        return self.world.knobs

    def _routes(self) -> list[routing.Route]:
        modules = (
            products,
            attribute_routes,
            categories,
            stores,
            inventory,
            customers,
            cart_routes,
            order_routes,
        )
        return [auth.token_route(self.credentials)] + [r for m in modules for r in m.ROUTES]

    def _load(self) -> World:
        raw = self._file.load() if self._file else None
        if raw is None:
            world = World.fresh(self.seed, self.catalog_size)
            customers.create(world, dict(customers.DEMO_CUSTOMER), self.clock())
            return world
        return World.from_json(raw, self.seed, self.catalog_size)

    def _after_reset(self) -> None:
        self.limiter.reset()

    # --- helpers for tests and the control endpoints ----------------------------------------------------
    def admin_token(self) -> str:
        token = f"{len(self.world.admin_tokens):04d}{random.getrandbits(96):024x}"
        self.world.admin_tokens[token] = self.clock() + self.knobs.admin_token_ttl_seconds
        return token

    def salable_qty(self, sku: str) -> float:
        return inventory.salable_qty(self.world, self.product(sku))

    def source_qty(self, sku: str) -> float:
        return inventory.source_qty(self.world, self.product(sku).sku)[0]

    def set_source_qty(self, sku: str, quantity: float, status: int = 1) -> None:
        with self._lock:
            product = self.product(sku)
            self.world.source_items[product.sku] = [float(quantity), float(status)]
            self.update_product(product.sku)

    def ship(self, increment_id: str, tracks: Sequence[tuple[str, str, str]] = ()) -> str:
        """A warehouse ships the order's open lines with ``tracks`` (number, carrier code, title): what
        ``POST /V1/order/{id}/ship`` does, without the admin token. Returns the shipment id."""
        with self._lock:
            order = next(
                (o for o in self.world.orders.values() if str(o.get("increment_id")) == increment_id), None
            )
            if order is None:
                raise LookupError(f"no order with increment_id {increment_id}")
            sent = [{"track_number": n, "carrier_code": c, "title": t} for n, c, t in tracks]
            try:
                shipped = documents.ship(self.world, order, [], sent, timestamp(self.clock()))
            except MagentoError as error:  # nothing left to ship, or a closed order
                raise ValueError(error.message) from error
            self.persist()
            return shipped

    def set_currency_rate(self, currency: str, rate: float | None) -> None:
        """Stores → Currency Rates: 1 USD (the base) = ``rate`` ``currency``; None removes the currency
        (it is no longer allowed)."""
        with self._lock:
            if rate is None:
                self.world.currency_rates.pop(currency, None)
            else:
                self.world.currency_rates[currency] = float(rate)
            self.persist()

    # --- WSGI ------------------------------------------------------------------------------------------
    def wsgi(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        if request.path.startswith("/_sandbox/"):
            with self._lock:
                response = control.handle(self, request, request.path[len("/_sandbox/") :].strip("/"))
        elif request.path.startswith(MEDIA_PREFIX):
            response = self._image(request.path[len(MEDIA_PREFIX) - 1 :])
        else:
            response = self._guarded(lambda: self._rest(request))
        return response(environ, start_response)

    __call__ = wsgi

    def _guarded(self, produce: Callable[[], Response]) -> Response:
        self._faults.delay()
        with self._lock:
            verdict = self.limiter.check(
                "rest", self.clock(), self.knobs.calls_per_second, self.knobs.daily_quota
            )
            if not verdict.allowed:
                response = magento_response(TOO_MANY, 429)
                response.headers["Retry-After"] = str(verdict.ban_seconds)
                return response
            kind = self._faults.pick()
            if kind in ("http_500", "timeout"):
                return self._faults.apply(kind, produce)
            response = produce()
            return self._faults.apply(kind, lambda: response) if kind else response

    def _rest(self, request: Request) -> Response:
        wsgi_env = request.environ
        path, raw = routing.request_path(wsgi_env, request.path)
        try:
            body = self._dispatch(request, path, raw)
        except errors.MagentoError as error:
            return magento_response(error.body(), error.status)
        except (ValueError, TypeError, KeyError, AttributeError):
            # Input the emulator does not model: answer as Magento does in production mode, and keep
            # the traceback on the server's error stream.
            traceback.print_exc(file=wsgi_env.get("wsgi.errors"))
            report = secrets.token_hex(6)
            message = f"Internal Error. Details are available in Magento log file. Report ID: webapi-{report}"
            return magento_response({"message": message}, 500)
        spec = request.args.get("fields")
        if spec:
            body = fields.project(body, fields.parse(spec))
        if request.method != "GET":
            self.persist()
        return magento_response(body)

    def _dispatch(self, request: Request, path: str, raw: bool) -> object:
        target = routing.split_prefix(path, stores.STORE_CODES, raw)
        match = self._router.match(
            request.method, target, lambda sku: self.world.catalog.get(sku) is not None
        )
        now = self.clock()
        if match.route.acl is not None:
            signed = self._signed(request, path, raw)
            auth.check(match.route, auth.allowed(self.world, self.credentials, signed, now))
        if request.method in ("POST", "PUT") and request.get_data() not in (b"", b"0"):
            check_content_type(request.headers.get("Content-Type", ""))
        call = Call(self.world, request, match.params, match.store_code, now, request.host_url)
        return match.route.handler(call)

    def _signed(self, request: Request, path: str, raw: bool) -> SignedRequest:
        sent_path = path if raw else quote(path, safe="/:@!$&'()*+,;=-._~")
        query = request.query_string.decode("latin-1")
        url = request.host_url.rstrip("/") + sent_path + (f"?{query}" if query else "")
        form = (
            list(request.form.items(multi=True))
            if request.mimetype == "application/x-www-form-urlencoded"
            else []
        )
        return SignedRequest(request.method, url, request.headers.get("Authorization", ""), form)


def check_content_type(header: str) -> None:
    """POST and PUT bodies are read through ``Rest\\Request::getContentType``: the header is required,
    must be well-formed and UTF-8, and only JSON is understood here (Magento also reads XML). Only a body
    is read: ``getBodyParams`` skips an empty one (PHP-falsy, so ``0`` too) without asking for the header,
    which is why ``POST /V1/carts/`` with no body and no Content-Type is accepted (recorded on 2.4.7-p7)."""
    found = re.fullmatch(r"([a-z\d/\-+.]+)(?:; *charset=(.+))?", header.strip(), flags=re.IGNORECASE)
    if not header.strip():
        raise errors.bad_request("Content-Type header is empty.")
    if found is None:
        raise errors.bad_request("Content-Type header is invalid.")
    if found.group(2) and found.group(2).lower() != "utf-8":
        raise errors.bad_request("UTF-8 is the only supported charset.")
    if found.group(1).lower() != "application/json":
        raise errors.bad_request(
            "Server cannot understand Content-Type HTTP header media type %1", [found.group(1)]
        )  # unsure: XML bodies are valid on a real store but not emulated
