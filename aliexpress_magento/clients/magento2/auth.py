"""Authentication (fact sheet §1): Bearer tokens, the admin-token login, and OAuth 1.0a HMAC-SHA256.

Each is an ``httpx.Auth``, so signing happens on the request actually sent (after httpx built its URL),
and a retry re-signs with a fresh nonce and timestamp.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, quote, unquote, urlsplit

import httpx
from authlib.oauth1 import ClientAuth  # type: ignore[import-untyped]

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
    """HMAC-SHA256 over the base string Magento computes (see :func:`magento_base_string`)."""
    text = magento_base_string(request.method, request.uri, request.auth_params)
    key = f"{_escape(client.client_secret)}&{_escape(client.token_secret)}"
    digest = hmac.new(key.encode(), text.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def magento_base_string(method: str, url: str, oauth_params: Iterable[tuple[str, str]]) -> str:
    """The signature base string as Magento 2.4.7 builds it, which departs from RFC 5849 in two ways
    (``Oauth\\Helper\\Request::_extractQueryStringParams`` and Laminas' ``Hmac`` signature):

    - query pairs are split on ``&`` and ``=`` and decoded by ``rawurldecode``: a ``+`` stays a ``+``
      (RFC 5849 and Authlib read it as a space), which is why :func:`.connection.query_string` sends
      a space as ``%20``; a pair with no ``=`` or more than one is not signed;
    - the encoded names are sorted by PHP's ``strnatcmp`` (numbers in a name by value: ``[10]`` after
      ``[9]``), not byte order, and a repeated name keeps its last value.
    """
    parts = urlsplit(url)
    params = {k: v for k, v in oauth_params if k != "oauth_signature"}
    for pair in parts.query.split("&") if parts.query else ():
        name_value = pair.split("=")
        if len(name_value) == 2 and not _PROTOCOL.search(name_value[0]):
            params[unquote(name_value[0])] = unquote(name_value[1])
    encoded = sorted(((_escape(k), _escape(v)) for k, v in params.items()), key=lambda kv: _natural(kv[0]))
    normalised = "&".join(f"{k}={v}" for k, v in encoded)
    return "&".join([method.upper(), _escape(_base_uri(parts)), _escape(normalised)])


_PROTOCOL = re.compile(r"oauth_[a-z_-]+")  # Magento's own test: such query names are never signed
_DIGITS = re.compile(r"(\d+)")


def _natural(name: str) -> tuple[Any, ...]:
    """A sort key equal to PHP's ``strnatcmp`` on encoded names (no spaces, no zero-padded numbers):
    text compared by bytes, a run of digits by value. A text run followed by digits ends in "0" so that
    it compares with another name's longer text as the digit itself would."""
    runs = _DIGITS.split(name)
    return tuple(
        (len(run), run) if i % 2 else run + ("0" if i + 1 < len(runs) else "") for i, run in enumerate(runs)
    )


def _base_uri(parts: SplitResult) -> str:
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(scheme)
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    return f"{scheme}://{host}{port}{parts.path}"


def _escape(text: str | None) -> str:
    return quote(text or "", safe="~")


class OAuth1Auth(httpx.Auth):
    """OAuth 1.0a header signing: Authlib makes the nonce, timestamp and header, the signature is
    Magento's (:func:`magento_base_string`); the JSON body is not signed (Magento signs the query only)."""

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
