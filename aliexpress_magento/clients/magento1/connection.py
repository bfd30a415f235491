"""The wire: one XML-RPC request = budget token, POST to ``{base}/api/xmlrpc/`` (the answer read within
the size cap by the shared :class:`~..common.http.HttpPipe`), decode, error tree; wrapped in the shared
retry policy. Encoding and decoding are the standard library's (``xmlrpc.client``), the
transport is httpx (injectable: tests mount the sandbox in-process), with explicit timeouts."""

from __future__ import annotations

import xmlrpc.client
from typing import Any
from xml.parsers.expat import ExpatError

import httpx

from ..common import CallBudget, RetryPolicy
from ..common.http import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, Answer, HttpPipe
from . import errors

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "DEFAULT_TIMEOUT", "Connection", "endpoint"]


def endpoint(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/api/xmlrpc/"


class Connection:
    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        budget: CallBudget | None = None,
        retry: RetryPolicy | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self.url = endpoint(base_url)
        self.retry = retry or RetryPolicy()
        # A redirect means a misconfigured base URL (http → https, a storefront page): fail loudly.
        self._pipe = HttpPipe(
            errors=errors,
            transport=transport,
            timeout=timeout,
            budget=budget,
            max_response_bytes=max_response_bytes,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._pipe.close()

    def rpc(self, method: str, params: tuple[Any, ...], *, idempotent: bool = True) -> Any:
        """One XML-RPC method call (``login``, ``call``, ``multiCall``…): its value, or a Magento1Error."""
        return self.retry.run(lambda: self._attempt(method, params), idempotent=idempotent)

    def _attempt(self, method: str, params: tuple[Any, ...]) -> Any:
        body = xmlrpc.client.dumps(params, method, allow_none=True).encode("utf-8")
        response = self._send(body)
        if response.status_code >= 300:
            raise errors.http_error(response.status_code)
        try:
            decoded, _ = xmlrpc.client.loads(response.content, use_builtin_types=True)
        except xmlrpc.client.Fault as fault:
            raise errors.error_for_fault(int(fault.faultCode), str(fault.faultString)) from None
        except (ExpatError, xmlrpc.client.ResponseError, ValueError) as exc:
            raise errors.malformed(response.status_code, str(exc)) from exc
        return decoded[0] if decoded else None

    def _send(self, body: bytes) -> Answer:
        headers = {"Content-Type": "text/xml; charset=utf-8", "Accept": "text/xml"}
        return self._pipe.send("POST", self.url, content=body, headers=headers)
