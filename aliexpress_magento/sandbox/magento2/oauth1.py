"""OAuth 1.0a request verification as Magento 2.4.7 does it, HMAC-SHA256 and HMAC-SHA1, standard library only.

Magento signs with the consumer secret and the access-token secret; parameters come from the
``Authorization: OAuth …`` header, the query string and a form-encoded body (a JSON body is not signed).
Where Magento departs from RFC 5849 the sandbox departs too (``Oauth\\Helper\\Request`` and Laminas'
``Hmac`` signature in 2.4.7): the raw query is split on ``&`` and ``=`` and decoded by ``rawurldecode``,
so a ``+`` is signed as a ``+``, not a space (recorded: a space sent as ``+`` is refused, as ``%20``
accepted); pairs without exactly one ``=`` and names containing ``oauth_…`` are not signed; a repeated
name keeps its last value; encoded names are sorted by PHP's ``strnatcmp``, not byte order. Newer
releases decode the query with ``urldecode`` (``+`` = space) — unsure from which version.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from functools import cmp_to_key
from urllib.parse import quote, unquote, urlsplit

METHODS = {"HMAC-SHA256": hashlib.sha256, "HMAC-SHA1": hashlib.sha1}
PROTOCOL = re.compile(r"oauth_[a-z_-]+")  # Request::_isProtocolParameter (preg_match, unanchored)


def encode(text: str) -> str:
    """RFC 3986 percent-encoding of everything but the unreserved characters (RFC 5849 §3.6)."""
    return quote(text, safe="-._~")


@dataclass(frozen=True)
class SignedRequest:
    method: str
    url: str  # scheme://host[:port]/path?query, with the path and query exactly as sent
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


def query_params(query: str) -> list[tuple[str, str]]:
    """``Request::_extractQueryStringParams`` of 2.4.7: ``rawurldecode``, so ``+`` stays ``+``."""
    found = []
    for pair in query.split("&") if query else ():
        parts = pair.split("=")
        if len(parts) == 2 and not PROTOCOL.search(parts[0]):
            found.append((unquote(parts[0]), unquote(parts[1])))
    return found


def base_string(request: SignedRequest, oauth: dict[str, str]) -> str:
    """``Oauth::_validateSignature`` → Laminas ``AbstractSignature::_getBaseSignatureString``: header
    parameters, then the form's, then the query's, in one PHP array (a later name replaces an earlier)."""
    params = {k: v for k, v in oauth.items() if k != "oauth_signature"}
    params.update((k, v) for k, v in request.form if not PROTOCOL.search(k))
    params.update(query_params(urlsplit(request.url).query))
    pairs = sorted(((encode(k), encode(v)) for k, v in params.items()), key=cmp_to_key(_by_name))
    normalised = "&".join(f"{k}={v}" for k, v in pairs)
    return "&".join([request.method.upper(), encode(base_uri(request.url)), encode(normalised)])


def _by_name(a: tuple[str, str], b: tuple[str, str]) -> int:
    return strnatcmp(a[0], b[0])


def strnatcmp(a: str, b: str) -> int:
    """PHP's ``strnatcmp`` (``ext/standard/strnatcmp.c``) for strings without spaces: runs of digits
    compare by value, or digit by digit when one starts with "0"; leading zeros of a string are skipped."""
    i, j = _skip_zeros(a), _skip_zeros(b)
    while i < len(a) and j < len(b):
        if a[i].isdigit() and b[j].isdigit():
            found, i, j = _digit_runs(a, i, b, j)
            if found:
                return found
            continue
        if a[i] != b[j]:
            return -1 if a[i] < b[j] else 1
        i, j = i + 1, j + 1
    return (i < len(a)) - (j < len(b))


def _skip_zeros(text: str) -> int:
    start = 0
    while start + 1 < len(text) and text[start] == "0" and text[start + 1].isdigit():
        start += 1
    return start


def _digit_runs(a: str, i: int, b: str, j: int) -> tuple[int, int, int]:
    """The digit runs at ``a[i:]`` and ``b[j:]`` compared: (result, end of a's run, end of b's run)."""
    end_a, end_b = _run_end(a, i), _run_end(b, j)
    run_a, run_b = a[i:end_a], b[j:end_b]
    if run_a[0] == "0" or run_b[0] == "0":  # compare_left: a fraction, digit by digit
        return (run_a > run_b) - (run_a < run_b), end_a, end_b
    # compare_right: the longer number is the larger; of equal lengths, the first differing digit
    longer = (len(run_a) > len(run_b)) - (len(run_a) < len(run_b))
    return longer or (run_a > run_b) - (run_a < run_b), end_a, end_b


def _run_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end].isdigit():
        end += 1
    return end


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
