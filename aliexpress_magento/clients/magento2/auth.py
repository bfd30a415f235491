"""Authentication (fact sheet §1): Bearer tokens, the admin-token login, and OAuth 1.0a HMAC-SHA256.

Each is an ``httpx.Auth``, so signing happens on the request actually sent (after httpx built its URL),
and a retry re-signs with a fresh nonce and timestamp.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
from authlib.oauth1 import ClientAuth  # type: ignore[import-untyped]
from authlib.oauth1.rfc5849.signature import (  # type: ignore[import-untyped]
    generate_signature_base_string,
)

from .errors import error_for

ADMIN_TOKEN_PATH = "/V1/integration/admin/token"  # noqa: S105 - a route, not a secret
HMAC_SHA256 = "HMAC-SHA256"


class BearerAuth(httpx.Auth):
    """An integration access token (needs "use as standalone Bearer" on 2.4.4+) or an admin token."""

    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


class AdminTokenAuth(httpx.Auth):
    """Logs in with ``POST {rest_root}/V1/integration/admin/token`` and sends the token as Bearer.

    The token expires (4 h by default): on a 401 it logs in again once and re-sends the request.
    """

    requires_response_body = True

    def __init__(self, username: str, password: str) -> None:
        self.username = username
        self.password = password
        self.token: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        root = _rest_root(request.url)
        if self.token is None:
            yield from self._login(root)
        request.headers["Authorization"] = f"Bearer {self.token}"
        response = yield request
        if response.status_code == 401:
            yield from self._login(root)
            request.headers["Authorization"] = f"Bearer {self.token}"
            yield request

    def _login(self, root: httpx.URL) -> Generator[httpx.Request, httpx.Response, None]:
        body = {"username": self.username, "password": self.password}
        response = yield httpx.Request(
            "POST", root.copy_with(path=root.path + ADMIN_TOKEN_PATH[1:]), json=body
        )
        if response.status_code != 200:
            # Say why: "The account sign-in was incorrect…", not the API route's generic 401 later.
            raise error_for(
                response.status_code, _json_or_none(response), response.headers.get("Retry-After")
            )
        self.token = str(response.json())


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _rest_root(url: httpx.URL) -> httpx.URL:
    """``…/rest/<store>/`` of a request URL, where the token endpoint lives."""
    path = url.path
    cut = path.find("/V1/")
    return url.copy_with(path=path[: cut + 1] if cut >= 0 else "/", query=None)


@dataclass(frozen=True)
class OAuth1Credentials:
    consumer_key: str
    consumer_secret: str
    access_token: str
    access_token_secret: str


def _sign_hmac_sha256(client: Any, request: Any) -> str:
    """RFC 5849 §3.4.2 with SHA-256, as Magento's integrations use (Authlib ships SHA-1 only)."""
    base_string: str = generate_signature_base_string(request)
    key = f"{_escape(client.client_secret)}&{_escape(client.token_secret)}"
    digest = hmac.new(key.encode(), base_string.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _escape(text: str | None) -> str:
    return quote(text or "", safe="-._~")


class OAuth1Auth(httpx.Auth):
    """OAuth 1.0a header signing through Authlib; the JSON body is not signed (Magento signs query only)."""

    def __init__(self, credentials: OAuth1Credentials) -> None:
        self._client = ClientAuth(
            credentials.consumer_key,
            client_secret=credentials.consumer_secret,
            token=credentials.access_token,
            token_secret=credentials.access_token_secret,
            signature_method=HMAC_SHA256,
        )
        # Per instance, not Authlib's class-wide registry: registering would change every ClientAuth.
        self._client.SIGNATURE_METHODS = {HMAC_SHA256: _sign_hmac_sha256}

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        _, headers, _ = self._client.sign(request.method, str(request.url), {}, b"")
        request.headers["Authorization"] = headers["Authorization"]
        yield request
