"""``AliExpressSandbox``: the emulator's state, knobs and WSGI application, usable in-process or served."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress import control, feeds, gateway, oauth
from aliexpress_magento.sandbox.aliexpress.knobs import AliExpressKnobs
from aliexpress_magento.sandbox.aliexpress.orders import buyer
from aliexpress_magento.sandbox.aliexpress.orders.model import CANCELLABLE, CANCELLED, CONFIRMED, FINISHABLE
from aliexpress_magento.sandbox.aliexpress.world import World
from aliexpress_magento.sandbox.core.app import RoutedApp
from aliexpress_magento.sandbox.core.faults import FaultInjector, Sleep
from aliexpress_magento.sandbox.core.http import json_response, merged_params
from aliexpress_magento.sandbox.core.persistence import StateFile
from aliexpress_magento.sandbox.core.ratelimit import RateLimiter

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

Clock = Callable[[], float]


class AliExpressSandbox:
    def __init__(
        self,
        app_key: str,
        app_secret: str,
        state_file: str | None = None,
        clock: Clock = time.time,
        sleep: Sleep = time.sleep,
        seed_number: int = 0,
    ) -> None:
        self.app_key, self.app_secret, self.clock = app_key, app_secret, clock
        self._seed_number = seed_number
        self._file = StateFile(state_file) if state_file else None
        self._lock = threading.RLock()
        self.limiter = RateLimiter()
        self.world = self._load()
        self._faults = FaultInjector(self.world.knobs, random.Random(seed_number + 1), sleep)  # noqa: S311
        self.wsgi = RoutedApp(self._rules(), self._endpoints())

    @property
    def knobs(self) -> AliExpressKnobs:
        return self.world.knobs

    def _load(self) -> World:
        raw = self._file.load() if self._file else None
        if raw is None:
            return World(self.clock(), self._seed_number)
        return World.from_json(raw, self.clock(), self._seed_number)

    def persist(self) -> None:
        if self._file is not None:
            self._file.save(self.world.to_json())

    # --- what tests and the control endpoints drive -------------------------------------------------
    def grant_code(self, redirect_uri: str, state: str = "", seller_id: str = "") -> str:
        """What approving the consent form does: a one-time code for ``redirect_uri``.

        ``state`` is not stored: AliExpress only echoes it back on the redirect.
        """
        with self._lock:
            code = self.world.tokens.grant_code(
                self.app_key, redirect_uri, seller_id or seed.shop()["seller"]["seller_id"], self.clock()
            )
            self.persist()
            return code

    def place_orders(
        self,
        n: int,
        status: str = "PLACE_ORDER_SUCCESS",
        buyer_login_id: str = "",
        sku_codes: list[str] | None = None,
    ) -> list[int]:
        with self._lock:
            placed = buyer.place_orders(self.world, n, self.clock(), status, buyer_login_id, sku_codes)
            self.persist()
            return placed

    def finish_order(self, order_id: int) -> str:
        """The buyer confirms receipt (or the order times out): ``FINISH``, ``buyer_confirm_goods``."""
        return self._close(order_id, FINISHABLE, CONFIRMED)

    def cancel_order(self, order_id: int) -> str:
        """The cancellation goes through before shipment: ``FINISH``, stock returned to the SKUs."""
        return self._close(order_id, CANCELLABLE, CANCELLED)

    def _close(self, order_id: int, allowed: tuple[str, ...], reason: str) -> str:
        with self._lock:
            order = self.world.orders.orders.get(order_id)
            if order is None:
                raise LookupError(f"order {order_id} does not exist")
            if order.status not in allowed:
                raise ValueError(f"order {order_id} is {order.status} and cannot be closed this way")
            if reason == CANCELLED:
                buyer.restock(self.world, order)
            order.move("FINISH", self.clock())
            order.finished_at, order.end_reason = self.clock(), reason
            self.persist()
            return order.status

    def tick(self) -> None:
        """Advance feeds and buyers to ``clock()``; every ``/sync`` call does this first."""
        with self._lock:
            now = self.clock()
            feeds.advance(self.world, now)
            buyer.tick(self.world, now)

    def reset(self) -> None:
        with self._lock:
            self.world = World(self.clock(), self._seed_number)
            self._faults = FaultInjector(
                self.world.knobs,
                random.Random(self._seed_number + 1),  # noqa: S311
                self._faults.sleep,
            )
            self.limiter.reset()
            self.persist()

    # --- WSGI ----------------------------------------------------------------------------------------
    def _rules(self) -> Iterable[Rule]:
        yield Rule("/sync", endpoint="sync", methods=["GET", "POST"])
        yield Rule("/rest", endpoint="rest", methods=["GET", "POST"])
        yield Rule("/rest/auth/token/create", endpoint="token_create", methods=["GET", "POST"])
        yield Rule("/rest/auth/token/refresh", endpoint="token_refresh", methods=["GET", "POST"])
        yield Rule("/oauth/authorize", endpoint="authorize", methods=["GET", "POST"])
        yield Rule("/kf/<name>", endpoint="image", methods=["GET"])
        yield from control.rules()

    def _endpoints(self) -> dict[str, Callable[..., Response]]:
        endpoints: dict[str, Callable[..., Response]] = {
            "sync": self._sync,
            "rest": self._rest,
            "token_create": self._token_create,
            "token_refresh": self._token_refresh,
            "authorize": self._authorize,
            "image": self._image,
        }
        endpoints.update({f"control:{name}": control.endpoint(self, name) for name in control.ACTIONS})
        return endpoints

    def _guarded(self, produce: Callable[[], Response]) -> Response:
        """Latency and faults apply to API calls only, never to the consent page or control endpoints."""
        self._faults.delay()
        with self._lock:
            kind = self._faults.pick()
            if kind in ("http_500", "timeout"):
                return self._faults.apply(kind, produce)
            response = produce()
            self.persist()
            return self._faults.apply(kind, lambda: response) if kind else response

    def _sync(self, request: Request) -> Response:
        def produce() -> Response:
            self.tick()
            params = merged_params(request)
            path = params.values.get("method", "")
            if path in (oauth.CREATE_PATH, oauth.REFRESH_PATH):
                return json_response(oauth.token_call(self, params, path, via_sync=True))
            return json_response(gateway.sync(self, params, request.host_url))

        return self._guarded(produce)

    def _rest(self, request: Request) -> Response:
        return self._guarded(lambda: json_response(oauth.rest_call(self, merged_params(request))))

    def _token_create(self, request: Request) -> Response:
        return self._guarded(
            lambda: json_response(oauth.token_call(self, merged_params(request), oauth.CREATE_PATH))
        )

    def _token_refresh(self, request: Request) -> Response:
        return self._guarded(
            lambda: json_response(oauth.token_call(self, merged_params(request), oauth.REFRESH_PATH))
        )

    def _authorize(self, request: Request) -> Response:
        with self._lock:
            return oauth.authorize(self, request)

    def _image(self, request: Request, name: str) -> Response:
        stored = self.world.images.get(name)
        if stored is None:
            return Response("not found", status=404)
        return Response(stored.data, content_type=stored.content_type)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        return self.wsgi(environ, start_response)
