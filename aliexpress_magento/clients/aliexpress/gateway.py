"""Transport of the IOP gateway (fact sheet §1): one signed POST per call, decoded and checked.

- Business calls: ``POST {base}/sync`` with ``method``; signed without prefix.
- System calls (tokens): ``POST {base}/rest{path}``; signed with ``path`` as prefix.
All parameters travel in the form body (the official Python SDK does so; the gateway merges query and
body), so URLs, which httpx logs, never carry the session token or the signature. Empty parameters are
dropped before signing; nested ones are sent as JSON strings; a file part (multipart) is never signed.
Each HTTP attempt goes through the shared :class:`~..common.http.HttpPipe`: a token from the call budget
first, the answer read within ``max_response_bytes`` (decompressed).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx

from ..common import CallBudget, RetryPolicy
from ..common.http import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, Answer, HttpPipe
from . import envelope, errors
from .envelope import Json
from .params import FilePart, ParamValue, encode_params
from .signing import sign

REAL_BASE_URL = "https://api-sg.aliexpress.com"
PARTNER_ID = "aliexpress-magento-python"
__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "DEFAULT_TIMEOUT", "REAL_BASE_URL", "Credentials", "Gateway"]


@dataclass(frozen=True)
class Credentials:
    app_key: str
    app_secret: str
    access_token: str | None = None


class Gateway:
    def __init__(
        self,
        credentials: Credentials,
        *,
        base_url: str,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        budget: CallBudget | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self.credentials = credentials
        self.base_url = base_url.rstrip("/")
        self.retry = retry or RetryPolicy()
        self._clock = clock
        self._pipe = HttpPipe(
            errors=errors,
            transport=transport,
            timeout=timeout,
            budget=budget,
            max_response_bytes=max_response_bytes,
            follow_redirects=False,
        )
        # Returns a fresh access token; set by the client when it holds a refresh token.
        self.refresher: Callable[[], str] | None = None
        # One refresh at a time: AliExpress rotates the refresh token on use, so of two threads refused
        # at once, the second must take the first one's new token, not spend the old refresh token again
        # (refused: the account would be paused).
        self._refresh_lock = threading.Lock()

    def close(self) -> None:
        self._pipe.close()

    def set_access_token(self, access_token: str | None) -> None:
        self.credentials = Credentials(self.credentials.app_key, self.credentials.app_secret, access_token)

    def call(
        self,
        method: str,
        params: Mapping[str, ParamValue] | None = None,
        *,
        files: Mapping[str, FilePart] | None = None,
        idempotent: bool = True,
    ) -> Json:
        """A business API call; returns the payload under ``<method>_response``.

        When the session token is refused as expired or invalid and a ``refresher`` is set, the token is
        refreshed once and the call sent once more: the session was refused before anything was processed.
        """

        def send() -> Json:
            return self.retry.run(
                lambda: self._attempt_sync(method, params or {}, files), idempotent=idempotent
            )

        sent_with = self.credentials.access_token
        try:
            body = send()
        except errors.AuthError as error:
            if not self._refreshed_after(error, sent_with):
                raise
            body = send()  # once: a second refusal is the account's to handle (pause it, tell the merchant)
        return envelope.unwrap(method, body)

    def _refreshed_after(self, error: errors.AuthError, sent_with: str | None) -> bool:
        """Refresh after ``error`` refused the session ``sent_with``; when another thread already
        refreshed it meanwhile, its new token is the one to send again with."""
        if self.refresher is None or not errors.is_session_error(error):
            return False
        with self._refresh_lock:
            if self.credentials.access_token == sent_with:
                self.set_access_token(self.refresher())
        return True

    def call_system(self, path: str, params: Mapping[str, ParamValue], *, idempotent: bool = False) -> Json:
        """A ``/rest`` system call (``/auth/token/create``...); returns the flat body."""
        return self.retry.run(lambda: self._attempt_rest(path, params), idempotent=idempotent)

    def _attempt_sync(
        self, method: str, params: Mapping[str, ParamValue], files: Mapping[str, FilePart] | None
    ) -> Json:
        system: dict[str, ParamValue] = {
            "app_key": self.credentials.app_key,
            "method": method,
            "session": self.credentials.access_token,
            "timestamp": self._timestamp(),
            "sign_method": "sha256",
            "format": "json",
            "v": "2.0",
            "partner_id": PARTNER_ID,
        }
        signed = self._signed({**params, **system}, api_path="")
        return self._post("/sync", signed, files, method)

    def _attempt_rest(self, path: str, params: Mapping[str, ParamValue]) -> Json:
        system: dict[str, ParamValue] = {
            "app_key": self.credentials.app_key,
            "timestamp": self._timestamp(),
            "sign_method": "sha256",
            "partner_id": PARTNER_ID,
        }
        signed = self._signed({**params, **system}, api_path=path)
        return self._post("/rest" + path, signed, None, "")

    def _timestamp(self) -> str:
        return str(int(self._clock() * 1000))

    def _signed(self, params: Mapping[str, ParamValue], *, api_path: str) -> dict[str, str]:
        wire = encode_params(params)
        wire["sign"] = sign(wire, self.credentials.app_secret, api_path=api_path)
        return wire

    def _post(
        self, path: str, data: dict[str, str], files: Mapping[str, FilePart] | None, method: str
    ) -> Json:
        response = self._send(self.base_url + path, data, files)
        try:
            body = envelope.decode_json(response.content)
        except envelope.MalformedBody as exc:
            raise _undecodable(response, str(exc)) from exc
        errors.raise_for(response.status_code, body, method)
        return body

    def _send(self, url: str, data: dict[str, str], files: Mapping[str, FilePart] | None) -> Answer:
        multipart = {name: (f.filename, f.content, f.content_type) for name, f in (files or {}).items()}
        return self._pipe.send("POST", url, data=data, files=multipart or None)


def _undecodable(response: Answer, detail: str) -> errors.AliExpressError:
    """A body that is not JSON: truncated or an HTML error page from a proxy."""
    status = response.status_code
    if status < 400:
        # A cut-off 200 is a transport accident, as retryable as a 5xx.
        return errors.malformed_body_error(status, detail)
    return errors.classify(errors.ErrorFields(code=f"HTTP {status}", message=detail, http_status=status))
