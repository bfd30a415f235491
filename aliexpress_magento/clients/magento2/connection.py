"""The HTTP layer: one REST call = budget token, request, decode, error tree; wrapped in the retry policy.

URLs are ``{base_url}/rest/{store_code}/V1/…``. Every path segment built from data (SKUs, codes) goes
through :func:`segment`, which escapes ``/`` as ``%2F`` (fact sheet §3.1: ``LAB/SLASH-1`` is only found
as ``LAB%2FSLASH-1``). POST and PUT always carry ``Content-Type: application/json`` (Magento refuses a
body without one; a bodiless one passes, as recorded on 2.4.7-p7, but the header costs nothing). The
query string is encoded here, not by httpx, by :func:`query_string`: httpx sends a space as ``+``, which
Magento 2.4.7 signs as a literal ``+`` in OAuth 1.0a, so every ``updated_at`` filter was refused
(recorded: ``oauth1.space_in_query.plus``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import httpx

from ..common import CallBudget, RetryPolicy
from ..common.http import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, Answer, HttpPipe
from . import errors

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "DEFAULT_TIMEOUT", "Connection", "query_string", "segment"]
Params = Sequence[tuple[str, str]]


def segment(value: str | int) -> str:
    """One path segment, every reserved character (``/`` included) percent-encoded."""
    return quote(str(value), safe="")


class Connection:
    def __init__(
        self,
        base_url: str,
        *,
        auth: httpx.Auth,
        store_code: str = "all",
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        budget: CallBudget | None = None,
        retry: RetryPolicy | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self.base_url, self.store_code = base_url.rstrip("/"), store_code
        self.root = f"{self.base_url}/rest/{segment(store_code)}"
        self.retry = retry or RetryPolicy()
        # Redirects on a REST API mean a misconfigured base URL: fail loudly instead of following.
        self._pipe = HttpPipe(
            errors=errors,
            transport=transport,
            timeout=timeout,
            budget=budget,
            max_response_bytes=max_response_bytes,
            auth=auth,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._pipe.close()

    def scoped(self, store_code: str) -> Connection:
        """The same HTTP pool, budget and retry policy under ``/rest/<store_code>/``."""
        other = copy.copy(self)
        other.store_code, other.root = store_code, f"{self.base_url}/rest/{segment(store_code)}"
        return other

    def get(self, path: str, params: Params | Mapping[str, str] | None = None) -> Any:
        return self.call("GET", path, params=params)

    def post(self, path: str, body: Mapping[str, Any] | None = None, *, idempotent: bool = False) -> Any:
        return self.call("POST", path, body=body if body is not None else {}, idempotent=idempotent)

    def put(self, path: str, body: Mapping[str, Any] | None = None, *, idempotent: bool = False) -> Any:
        return self.call("PUT", path, body=body if body is not None else {}, idempotent=idempotent)

    def call(
        self,
        method: str,
        path: str,
        *,
        params: Params | Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
        idempotent: bool = True,
    ) -> Any:
        """``path`` starts with ``/V1/``; the decoded JSON answer, or a :class:`Magento2Error`."""
        return self.retry.run(lambda: self._attempt(method, path, params, body), idempotent=idempotent)

    def _attempt(
        self,
        method: str,
        path: str,
        params: Params | Mapping[str, str] | None,
        body: Mapping[str, Any] | None,
    ) -> Any:
        response = self._send(method, self.root + path, params, body)
        try:
            decoded = json.loads(response.content) if response.content else None
        except ValueError as exc:
            if response.status_code < 400:
                raise errors.malformed_body(response.status_code, str(exc)) from exc
            decoded = None  # an HTML error page from a proxy: the status decides
        if response.status_code >= 400:
            raise errors.error_for(response.status_code, decoded, response.headers.get("Retry-After"))
        return decoded

    def _send(
        self, method: str, url: str, params: Params | Mapping[str, str] | None, body: Mapping[str, Any] | None
    ) -> Answer:
        headers = {"Accept": "application/json"}
        content = None
        if method in ("POST", "PUT"):
            headers["Content-Type"] = "application/json"
            content = json.dumps(body or {}).encode()
        target = f"{url}?{query_string(params)}" if params else url
        return self._pipe.send(method, target, content=content, headers=headers)


def query_string(params: Params | Mapping[str, str]) -> str:
    """Names and values percent-encoded but for RFC 3986's unreserved characters: a space is ``%20``
    and brackets ``%5B``/``%5D``, read alike by PHP's query parser and by Magento's OAuth check."""
    pairs = params.items() if isinstance(params, Mapping) else params
    return "&".join(f"{quote(str(name), safe='~')}={quote(str(value), safe='~')}" for name, value in pairs)
