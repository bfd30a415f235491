"""What failed, in a merchant's words: DNS, TLS, connection, timeout, HTTP status, auth, permissions.

The clients wrap network failures in their retryable error ``from`` the httpx exception, so the cause
is found by walking the exception chain. Whatever the remote said is quoted as a short excerpt
(:func:`excerpt`, at most ``EXCERPT_CHARS``): a proxy's error page or a stack trace must not fill the
page and the activity log. Escaping is the page's: messages and lists are rendered autoescaped.
"""

from __future__ import annotations

import re
import socket
import ssl
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx

from aliexpress_magento.clients import aliexpress, magento1, magento2
from aliexpress_magento.clients.aliexpress.errors import is_session_error

# Magento answers both a bad token and a missing ACL grant with 401 and this template (fact sheet §1.5):
# the two cannot be told apart, so the message names both and the resource.
MAGENTO_ACL_TEMPLATE = "The consumer isn't authorized to access %resources."
ALIEXPRESS_PERMISSION_CODES = ("InsufficientPermission", "AppUnauthorized", "PermissionDenied")
EXCERPT_CHARS = 200
_SPACES = re.compile(r"\s+")


def excerpt(text: object, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters (an ellipsis marks the cut)."""
    line = _SPACES.sub(" ", str(text)).strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def explain(exc: BaseException, base_url: str) -> str:
    """``describe`` for a call to ``base_url``."""
    return describe(exc, host=urlsplit(base_url).netloc or base_url)


def describe(exc: BaseException, *, host: str) -> str:
    """One line naming the kind of failure first: "DNS: …", "TLS: …", "Authentication: …" …"""
    network = _network(exc, host)
    if network:
        return network
    if isinstance(exc, aliexpress.AliExpressError):
        return _aliexpress(exc)
    if isinstance(exc, magento2.Magento2Error):
        return _magento(exc)
    if isinstance(exc, magento1.Magento1Error):
        return _magento1(exc)
    return f"Unexpected error: {type(exc).__name__}: {excerpt(exc)}"


def _network(exc: BaseException, host: str) -> str:
    chain = list(_chain(exc))
    if any(isinstance(e, socket.gaierror) for e in chain) or any(
        "Name or service not known" in str(e) or "nodename nor servname" in str(e) for e in chain
    ):
        return f"DNS: the host name {host} could not be resolved. Check the URL."
    if any(isinstance(e, ssl.SSLError) for e in chain) or any(
        "CERTIFICATE_VERIFY_FAILED" in str(e) for e in chain
    ):
        detail = next(str(e) for e in chain if isinstance(e, ssl.SSLError) or "CERTIFICATE" in str(e))
        return f"TLS: the secure connection to {host} failed ({excerpt(detail)})."
    if any(isinstance(e, httpx.TimeoutException) for e in chain):
        return f"Timeout: {host} did not answer in time."
    if any(isinstance(e, httpx.ConnectError | ConnectionRefusedError) for e in chain):
        return f"Connection: {host} refused the connection or is unreachable. Is the server running?"
    if any(isinstance(e, httpx.TransportError) for e in chain):
        failure = next(e for e in chain if isinstance(e, httpx.TransportError))
        return f"Network: {type(failure).__name__}: {excerpt(failure)}"
    return ""


def _aliexpress(exc: aliexpress.AliExpressError) -> str:
    said = excerpt(f"{exc.code}: {exc.sub_message or exc.message}".strip(": "))
    if exc.code in ALIEXPRESS_PERMISSION_CODES or exc.sub_code in ALIEXPRESS_PERMISSION_CODES:
        return f"Permissions: the app may not call this API ({said})."
    if isinstance(exc, aliexpress.AuthError) and (is_session_error(exc) or exc.code == "IllegalRefreshToken"):
        return f"Authentication: AliExpress refused the token ({said}). Use Get Code to authorize again."
    if isinstance(exc, aliexpress.AuthError) or exc.code == "InvalidAppKey":
        return f"Authentication: check the App key and Secret key ({said})."
    if exc.http_status >= 400:
        return f"HTTP {exc.http_status}: {said}"
    return f"AliExpress error {said}"


def _magento(exc: magento2.Magento2Error) -> str:
    said = excerpt(exc.message)
    if isinstance(exc, magento2.AuthError):
        if exc.template == MAGENTO_ACL_TEMPLATE:
            return (
                f"Authentication or permissions: {said} Either the token is wrong or expired, or the "
                "integration / admin role lacks that resource. An integration token used as Bearer also "
                "needs Stores > Configuration > Services > OAuth > Consumer Settings > Allow OAuth Access "
                "Tokens to be used as standalone Bearer tokens = Yes."
            )
        return f"Authentication: Magento refused the credentials ({said})."
    if exc.status:
        return f"HTTP {exc.status}: {said}"
    return f"Magento error: {said}"


def _magento1(exc: magento1.Magento1Error) -> str:
    said = excerpt(exc.message)
    if isinstance(exc, magento1.AuthError):
        return (
            f"Authentication: Magento 1 refused the API user or key ({said}). Check them under "
            "System > Web Services > SOAP/XML-RPC - Users, and that the user's role has the resources."
        )
    if exc.status == 404:
        return f"HTTP 404: no XML-RPC API at this base URL ({said}). Check the URL (…/index.php?)."
    if exc.status:
        return f"HTTP {exc.status}: {said}"
    return f"Magento 1 fault {exc.fault_code}: {said}"
