"""Debug logging of API traffic with every secret redacted (the manual's "Debug Mode").

``RedactingLogTransport`` wraps any httpx transport and logs each request and answer. Three nets catch
secrets: the values the owner knows (app secret, tokens, passwords) are replaced wherever they appear;
the values of parameters and JSON keys that carry secrets (``access_token``, ``sign``, ``code`` …) are
replaced whatever they are, which covers tokens first seen in an answer; ``Authorization`` headers are
never logged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
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
# Magento's admin token answer is a bare JSON string: the whole body is the secret.
_BARE_TOKEN_PATH = "/integration/admin/token"  # noqa: S105 - a URL path
MAX_BODY_CHARS = 4000
MIN_SECRET_CHARS = 4  # shorter "secrets" would redact ordinary words


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    # Also as percent-encoded in a form body or query string.
    forms = {
        form for s in secrets if len(s) >= MIN_SECRET_CHARS for form in (s, quote_plus(s), quote(s, safe=""))
    }
    for secret in sorted(forms, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    text = _FORM_PAIR.sub(lambda m: f"{m.group(1)}={REDACTED}", text)
    return _JSON_PAIR.sub(lambda m: f'"{m.group(1)}": "{REDACTED}"', text)


class RedactingLogTransport(httpx.BaseTransport):
    def __init__(
        self, inner: httpx.BaseTransport, logger: logging.Logger, *, secrets: Iterable[str] = ()
    ) -> None:
        self._inner = inner
        self._logger = logger
        self._secrets = tuple(secrets)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._log("→ %s %s %s", request.method, str(request.url), _body(request.content))
        response = self._inner.handle_request(request)
        response.read()
        body = _body(response.content)
        if request.url.path.endswith(_BARE_TOKEN_PATH) and response.is_success:
            body = REDACTED
        self._log("← %s %s %s", response.status_code, str(request.url), body)
        return response

    def close(self) -> None:
        self._inner.close()

    def _log(self, template: str, *values: object) -> None:
        self._logger.info(template, *(redact(str(value), self._secrets) for value in values))


def _body(content: bytes) -> str:
    text = content.decode("utf-8", errors="replace")
    return text if len(text) <= MAX_BODY_CHARS else text[:MAX_BODY_CHARS] + " …"
