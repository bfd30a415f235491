"""Debug logging of API traffic with every secret redacted (the manual's "Debug Mode").

``RedactingLogTransport`` wraps any httpx transport and logs each request and answer. Three nets catch
secrets: the values the owner knows (app secret, tokens, passwords) are replaced wherever they appear;
the values of parameters and JSON keys that carry secrets (``access_token``, ``sign``, ``code`` …) are
replaced whatever they are, which covers tokens first seen in an answer; ``Authorization`` headers are
never logged. Magento 1's XML-RPC session id is learnt from the ``login`` answer and replaced from then
on, and the first argument of ``call`` / ``multiCall`` / ``endSession`` (the session id) is replaced
whatever it is. A body is redacted before it is cut to ``MAX_BODY_CHARS``: cut first, a secret
straddling the cut would lose the end its pattern needs and leak its beginning.

Only the first ``PEEK_BYTES`` of an answer are read for the log (inflated to at most ``PEEK_BYTES`` when
compressed); the rest streams on untouched to the client, whose response cap still applies. Reading the
whole answer here would let debug mode read an oversized answer or inflate a gzip bomb in full.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Iterable, Iterator
from urllib.parse import quote, quote_plus

import httpx

REDACTED = "[redacted]"
SECRET_KEYS = (
    "access_token",
    "refresh_token",
    "client_secret",
    "app_secret",
    "secret",
    "sign",
    "password",
    "token",
    "session_key",
    "oauth_signature",
    "oauth_token",
)
_KEYS = "|".join(SECRET_KEYS)
# key=value in query strings and form bodies (there ``code`` is the single-use OAuth code);
# "key": "value" / "key": 123 in JSON (there ``code`` is an error code, worth seeing).
_FORM_PAIR = re.compile(rf"(?i)(?<![A-Za-z0-9_])({_KEYS}|code)=([^&\s\"']*)")
_JSON_PAIR = re.compile(rf'(?i)"({_KEYS})"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')
# XML-RPC: the session id is the first argument of these methods, and the answer of ``login``.
_SESSION_ARGUMENT = re.compile(
    r"(<methodName>\s*(?:call|multiCall|endSession)\s*</methodName>\s*<params>\s*<param>\s*<value>\s*"
    r"(?:<string>)?)([^<]*)"
)
_LOGIN_CALL = re.compile(r"<methodName>\s*login\s*</methodName>")
_FIRST_VALUE = re.compile(r"<param>\s*<value>\s*(?:<string>)?([^<]+)")
# Magento's admin token answer is a bare JSON string: the whole body is the secret.
_BARE_TOKEN_PATH = "/integration/admin/token"  # noqa: S105 - a URL path
MAX_BODY_CHARS = 4000
PEEK_BYTES = 64 * 1024  # of an answer, read for the log: far more than MAX_BODY_CHARS, far less than a cap
MIN_SECRET_CHARS = 4  # shorter "secrets" would redact ordinary words


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    # Also as percent-encoded in a form body or query string.
    forms = {
        form for s in secrets if len(s) >= MIN_SECRET_CHARS for form in (s, quote_plus(s), quote(s, safe=""))
    }
    for secret in sorted(forms, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    text = _FORM_PAIR.sub(lambda m: f"{m.group(1)}={REDACTED}", text)
    text = _SESSION_ARGUMENT.sub(lambda m: f"{m.group(1)}{REDACTED}", text)
    return _JSON_PAIR.sub(lambda m: f'"{m.group(1)}": "{REDACTED}"', text)


class RedactingLogTransport(httpx.BaseTransport):
    def __init__(
        self, inner: httpx.BaseTransport, logger: logging.Logger, *, secrets: Iterable[str] = ()
    ) -> None:
        self._inner = inner
        self._logger = logger
        # A list, not a tuple: secrets first seen in an answer (a session id) join it.
        self._secrets = list(secrets)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        sent = _text(request.content)
        self._log("→ %s %s %s", request.method, str(request.url), sent)
        response = self._inner.handle_request(request)
        if response.is_stream_consumed:  # an answer built whole in memory (a mock): nothing to spare
            return self._logged(request, sent, response, response.content)
        head, rest = _peek(response)
        body = _readable(head, response.headers.get("Content-Encoding", ""))
        replay = httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_Replay(head, rest, response),
            extensions=response.extensions,
            request=request,
        )
        return self._logged(request, sent, replay, body)

    def _logged(
        self, request: httpx.Request, sent: str, response: httpx.Response, content: bytes
    ) -> httpx.Response:
        body = _text(content)
        if _LOGIN_CALL.search(sent):
            self._learn_session(body)
        if request.url.path.endswith(_BARE_TOKEN_PATH) and response.is_success:
            body = REDACTED
        self._log("← %s %s %s", response.status_code, str(request.url), body)
        return response

    def close(self) -> None:
        self._inner.close()

    def _learn_session(self, login_answer: str) -> None:
        found = _FIRST_VALUE.search(login_answer)
        if found and found.group(1).strip():
            self._secrets.append(found.group(1).strip())

    def _log(self, template: str, *values: object) -> None:
        self._logger.info(template, *(_cut(redact(str(value), self._secrets)) for value in values))


def _text(content: bytes) -> str:
    return content.decode("utf-8", errors="replace")


def _cut(text: str) -> str:
    return text if len(text) <= MAX_BODY_CHARS else text[:MAX_BODY_CHARS] + " …"


class _Replay(httpx.SyncByteStream):
    """The answer as the client would have read it: the bytes peeked at for the log, then the rest."""

    def __init__(self, head: bytes, rest: Iterator[bytes], response: httpx.Response) -> None:
        self._head, self._rest, self._response = head, rest, response

    def __iter__(self) -> Iterator[bytes]:
        if self._head:
            yield self._head
        yield from self._rest

    def close(self) -> None:
        self._response.close()


def _peek(response: httpx.Response) -> tuple[bytes, Iterator[bytes]]:
    """The first ``PEEK_BYTES`` raw bytes (or all, when fewer), and the iterator that goes on after them."""
    raw = response.iter_raw()
    head = bytearray()
    for chunk in raw:
        head += chunk
        if len(head) >= PEEK_BYTES:
            break
    return bytes(head), raw


def _readable(head: bytes, encoding: str) -> bytes:
    """What the log can show of the peeked bytes: inflated (at most ``PEEK_BYTES``) when compressed."""
    if encoding.strip().lower() not in ("gzip", "deflate"):
        return head
    try:
        return zlib.decompressobj(32 + zlib.MAX_WBITS).decompress(head, PEEK_BYTES)
    except zlib.error:
        return b"[compressed body]"
