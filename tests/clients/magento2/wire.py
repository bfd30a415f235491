"""A transport that connects the client to the Magento 2 sandbox in-process and checks every exchange
against Adobe's official 2.4.8 schema: the JSON body of every request the client sends and every answer,
through tests/support/magento2_schema.py (which allows exactly the recorded departures). A test that uses
it fails on any call outside the schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx

from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.support import magento2_schema as schema


@dataclass(frozen=True)
class Exchange:
    method: str
    template: str
    path: str
    query: str
    body: Any
    status: int
    answer: Any


@dataclass
class CheckedTransport(httpx.BaseTransport):
    sandbox: Magento2Sandbox
    exchanges: list[Exchange] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._inner = httpx.WSGITransport(app=self.sandbox.wsgi)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.raw_path.decode().split("?")[0]  # raw: a SKU's %2F stays one segment
        cut = path.find("/V1/")
        assert cut >= 0, f"not a REST call: {path}"
        rest_path = path[cut:]
        body = json.loads(request.content) if request.content else None
        template = schema.template_of(request.method, rest_path)
        schema.validate_request(request.method, template, body)
        response = self._inner.handle_request(request)
        content = response.read()
        answer = json.loads(content) if content else None
        schema.validate(request.method, template, answer, response.status_code, sent=body)
        query = request.url.query.decode()
        self.exchanges.append(
            Exchange(request.method, template, rest_path, query, body, response.status_code, answer)
        )
        return httpx.Response(response.status_code, headers=response.headers, content=content)

    def calls(self, method: str, template: str) -> list[Exchange]:
        return [e for e in self.exchanges if e.method == method and e.template == template]


BASE_URL = "https://sandbox.test"  # https: Authlib signs OAuth 1 only over TLS (or to loopback)
INTEGRATION_TOKEN = "demo-integration-token-0123456789"
DEMO_OAUTH = ("demo-consumer-key", "demo-consumer-secret", INTEGRATION_TOKEN, "demo-access-token-secret")


class WithoutMsi(httpx.BaseTransport):
    """A store without the MSI modules: every ``/V1/inventory/…`` route is unknown (404)."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if "/V1/inventory/" in request.url.path:
            return httpx.Response(404, json={"message": "Request does not match any route."})
        return self.inner.handle_request(request)
