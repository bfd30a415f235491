"""Latency and fault injection around a WSGI handler."""

from __future__ import annotations

import random
from collections.abc import Callable

from werkzeug.wrappers import Response

from aliexpress_magento.sandbox.core.knobs import BaseKnobs

Sleep = Callable[[float], None]


class FaultInjector:
    """Decides, per call, whether to stall, fail with a 5xx, or cut the body short.

    A true client-side timeout cannot happen in-process (httpx's WSGITransport has no clock), so a
    "timeout" fault stalls for ``timeout_seconds`` and then answers 504, as a proxy in front of the
    gateway would.
    """

    def __init__(self, knobs: BaseKnobs, rng: random.Random, sleep: Sleep) -> None:
        self._knobs = knobs
        self._rng = rng
        self.sleep = sleep

    def delay(self) -> None:
        if self._knobs.latency_ms > 0:
            self.sleep(self._knobs.latency_ms / 1000)

    def pick(self) -> str | None:
        if self._knobs.fault_rate <= 0 or not self._knobs.fault_kinds:
            return None
        if self._rng.random() >= self._knobs.fault_rate:
            return None
        return self._rng.choice(self._knobs.fault_kinds)

    def apply(self, kind: str, response: Callable[[], Response]) -> Response:
        if kind == "http_500":
            return Response(
                "<html><body><h1>500 Internal Server Error</h1></body></html>",
                status=500,
                content_type="text/html",
            )
        if kind == "timeout":
            self.sleep(self._knobs.timeout_seconds)
            return Response(
                "<html><body><h1>504 Gateway Time-out</h1></body></html>",
                status=504,
                content_type="text/html",
            )
        full = response()
        body = full.get_data()
        full.set_data(body[: max(1, len(body) // 2)])
        return full
