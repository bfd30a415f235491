"""The wire: one XML-RPC request = budget token, POST to ``{base}/api/xmlrpc/``, decode, error tree; wrapped
in the shared retry policy. Encoding and decoding are the standard library's (``xmlrpc.client``), the
transport is httpx (injectable: tests mount the sandbox in-process), with explicit timeouts."""

from __future__ import annotations

import xmlrpc.client
from typing import Any
from xml.parsers.expat import ExpatError

import httpx

from ..common import CallBudget, RetryPolicy, UnlimitedBudget
from . import errors

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
# Failures raised before a byte reached Magento: safe to re-send even a non-idempotent call.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


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
    ) -> None:
        self.url = endpoint(base_url)
        self.budget: CallBudget = budget or UnlimitedBudget()
        self.retry = retry or RetryPolicy()
        # A redirect means a misconfigured base URL (http → https, a storefront page): fail loudly.
        self._http = httpx.Client(transport=transport, timeout=timeout, follow_redirects=False)

    def close(self) -> None:
        self._http.close()

    def rpc(self, method: str, params: tuple[Any, ...], *, idempotent: bool = True) -> Any:
        """One XML-RPC method call (``login``, ``call``, ``multiCall``…): its value, or a Magento1Error."""
        return self.retry.run(lambda: self._attempt(method, params), idempotent=idempotent)

    def _attempt(self, method: str, params: tuple[Any, ...]) -> Any:
        self.budget.acquire()
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

    def _send(self, body: bytes) -> httpx.Response:
        headers = {"Content-Type": "text/xml; charset=utf-8", "Accept": "text/xml"}
        try:
            return self._http.post(self.url, content=body, headers=headers)
        except _NOT_SENT as exc:
            raise errors.network_error(exc, maybe_processed=False) from exc
        except httpx.TransportError as exc:
            raise errors.network_error(exc, maybe_processed=True) from exc
