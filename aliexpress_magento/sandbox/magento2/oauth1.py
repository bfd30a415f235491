"""OAuth 1.0a request verification (RFC 5849 §3.4, §3.5), HMAC-SHA256 and HMAC-SHA1, standard library only.

Magento signs with the consumer secret and the access-token secret; parameters come from the
``Authorization: OAuth …`` header, the query string and a form-encoded body (a JSON body is not signed).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlsplit

METHODS = {"HMAC-SHA256": hashlib.sha256, "HMAC-SHA1": hashlib.sha1}


def encode(text: str) -> str:
    """RFC 3986 percent-encoding of everything but the unreserved characters (RFC 5849 §3.6)."""
    return quote(text, safe="-._~")


@dataclass(frozen=True)
class SignedRequest:
    method: str
    url: str  # scheme://host[:port]/path?query, with the path exactly as sent
    header: str  # the Authorization header value
    form: list[tuple[str, str]]  # form-encoded body parameters, [] otherwise


def header_params(header: str) -> dict[str, str]:
    """``OAuth realm="x", oauth_consumer_key="…", …`` → dict (realm dropped, RFC 5849 §3.5.1)."""
    text = header.strip()
    if text[:6].lower() != "oauth ":
        return {}
    found: dict[str, str] = {}
    for part in text[6:].split(","):
        name, _, value = part.strip().partition("=")
        if name and name != "realm":
            found[unquote(name)] = unquote(value.strip().strip('"'))
    return found


def base_uri(url: str) -> str:
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(scheme)
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    return f"{scheme}://{host}{port}{parts.path}"


def normalised(params: Iterable[tuple[str, str]]) -> str:
    pairs = sorted((encode(k), encode(v)) for k, v in params)
    return "&".join(f"{k}={v}" for k, v in pairs)


def base_string(request: SignedRequest, oauth: dict[str, str]) -> str:
    query = parse_qsl(urlsplit(request.url).query, keep_blank_values=True)
    signed = [(k, v) for k, v in oauth.items() if k != "oauth_signature"]
    params = normalised([*query, *request.form, *signed])
    return "&".join([request.method.upper(), encode(base_uri(request.url)), encode(params)])


def signature(text: str, consumer_secret: str, token_secret: str, method: str) -> str:
    key = f"{encode(consumer_secret)}&{encode(token_secret)}"
    digest = hmac.new(key.encode(), text.encode(), METHODS[method]).digest()
    return base64.b64encode(digest).decode()


def verify(request: SignedRequest, oauth: dict[str, str], consumer_secret: str, token_secret: str) -> bool:
    method = oauth.get("oauth_signature_method", "")
    if method not in METHODS:
        return False
    expected = signature(base_string(request, oauth), consumer_secret, token_secret, method)
    return hmac.compare_digest(expected, oauth.get("oauth_signature", ""))
