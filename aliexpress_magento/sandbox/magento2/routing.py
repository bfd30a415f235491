"""Magento's REST routing: ``/rest[/<store_code>]/V1/...`` and ``/index.php/rest/...``.

As ``Magento\\Webapi\\Controller\\PathProcessor`` does: a first segment that is a store code (or ``all``)
selects the store and is removed; anything else stays in the path. Then, as ``Rest\\RequestProcessorPool``
does, a path that does not start with ``/V<digits>`` has no processor: 400 "Specified request cannot be
processed." — which is what an unknown store code answers (recorded on 2.4.7-p7,
``views-rates/products.by_skus.unknown_view``), before any route or credential is looked at.

Path parameters are matched on the raw (still %-encoded) path when the server provides it
(``RAW_URI``/``REQUEST_URI``, as Werkzeug's server does), so ``LAB%2FSLASH-1`` is one SKU and
``LAB/SLASH-1`` matches no route, as on a real store. In-process WSGI callers such as
``httpx.WSGITransport`` only pass the decoded path: there a SKU route also matches several segments when
they join into an existing SKU (a documented difference; an unknown slashed SKU answers the route 404).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from aliexpress_magento.sandbox.magento2 import errors

Handler = Callable[[Any], object]
SUPPORTED_METHODS = ("GET", "POST", "PUT", "DELETE")
GREEDY = ("sku", "productSku")
SERVICE_PATH = re.compile(r"/V\d+")  # SynchronousRequestProcessor::PROCESSOR_PATH
NO_PROCESSOR = "Specified request cannot be processed."


@dataclass(frozen=True)
class Route:
    method: str
    template: str  # "/V1/products/{sku}"
    handler: Handler
    acl: str | None  # None: anonymous (token endpoint, guest carts)

    def pattern(self, greedy: bool) -> re.Pattern[str]:
        parts = re.split(r"\{(\w+)\}", self.template)
        text = ""
        for index, part in enumerate(parts):
            if index % 2 == 0:
                text += re.escape(part)
            else:
                body = ".+" if greedy and part in GREEDY else "[^/]+"
                text += f"(?P<{part}>{body})"
        return re.compile(text + "/?")  # a trailing slash is accepted (``/V1/products/``)

    @property
    def literals(self) -> int:
        return sum(1 for seg in self.template.split("/") if seg and not seg.startswith("{"))


@dataclass(frozen=True)
class Match:
    route: Route
    params: dict[str, str]
    store_code: str


@dataclass(frozen=True)
class Target:
    path: str  # the service path, "/V1/…", still %-encoded when ``raw``
    store_code: str
    raw: bool


def split_prefix(path: str, store_codes: Iterable[str], raw: bool) -> Target:
    for prefix in ("/index.php/rest/", "/rest/"):
        if path.startswith(prefix):
            rest = path[len(prefix) :]
            break
    else:
        raise errors.no_route()
    first, _, tail = rest.partition("/")
    if first in store_codes or first == "all":
        target = Target("/" + tail, first, raw)
    else:
        target = Target("/" + rest, "default", raw)
    if not SERVICE_PATH.match(target.path) and not target.path.startswith("/schema"):
        raise errors.bad_request(NO_PROCESSOR)  # ``/schema`` (not emulated) has a processor of its own
    return target


class Router:
    def __init__(self, routes: Iterable[Route]) -> None:
        # The most literal route wins: /V1/products/attributes before /V1/products/{sku}.
        self._routes = sorted(routes, key=lambda r: -r.literals)
        self._strict = [(r, r.pattern(False)) for r in self._routes]
        self._greedy = [(r, r.pattern(True)) for r in self._routes if any(g in r.template for g in GREEDY)]

    def match(self, method: str, target: Target, exists: Callable[[str], bool]) -> Match:
        if method not in SUPPORTED_METHODS:
            raise errors.MagentoError(405, f"The {method} HTTP method is not supported.")
        found = self._find(self._strict, method, target)
        if found is None and not target.raw:
            found = self._find(self._greedy, method, target)
            if found is not None and not all(exists(found.params[g]) for g in GREEDY if g in found.params):
                found = None
        if found is None:
            raise errors.no_route()
        return found

    def _find(self, table: list[tuple[Route, re.Pattern[str]]], method: str, target: Target) -> Match | None:
        for route, pattern in table:
            if route.method != method:
                continue
            hit = pattern.fullmatch(target.path)
            if hit:
                params = {k: unquote(v) if target.raw else v for k, v in hit.groupdict().items()}
                return Match(route, params, target.store_code)
        return None


def request_path(environ: Mapping[str, Any], decoded: str) -> tuple[str, bool]:
    """The raw path when the server kept it, else the decoded one (and ``False``)."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if isinstance(raw, str) and raw.startswith("/"):
        return raw.split("?", 1)[0], True
    return decoded, False
