"""A transport that connects the client to the Magento 2 sandbox in-process and checks every exchange
against Adobe's official 2.4.8 schema: the JSON body of every request the client sends (the operation's
``in: body`` parameter) and every answer (through tests/sandbox/magento2/schema.py, which allows the
recorded departures). A test that uses it fails on any call outside the schema.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import httpx
import jsonschema

from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.sandbox.magento2 import schema

# FINDINGS.md ("Bare scalar answers") records these new ids as JSON strings too, beyond the two routes
# the README's departure list (and schema.STRING_ID_ROUTES) names.
ORDER = "sales-data-order-interface"
ORDER_REQUIRED = {"base_grand_total", "customer_email", "grand_total", "items"}
MORE_STRING_ID_ROUTES = {
    ("POST", "/V1/order/{orderId}/invoice"),
    ("POST", "/V1/carts/{cartId}/billing-address"),
}


@dataclass(frozen=True)
class Exchange:
    method: str
    template: str
    path: str
    query: str
    body: Any
    status: int
    answer: Any


@lru_cache(maxsize=1)
def _templates() -> list[tuple[re.Pattern[str], str, int]]:
    found = []
    for template in schema._schema()["paths"]:
        pattern = re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
        pattern = re.sub(r"\{\w+\}", r"[^/]+", pattern)
        found.append((re.compile(f"^{pattern}$"), template, template.count("{")))
    return found


def template_of(method: str, path: str) -> str:
    """The schema path of a request path (``/V1/...``): literal segments beat placeholders."""
    operations = schema._schema()["paths"]
    matches = [
        (holes, template)
        for pattern, template, holes in _templates()
        if pattern.match(path) and method.lower() in operations[template]
    ]
    if not matches:
        raise AssertionError(f"{method} {path} is not an operation of the official schema")
    return min(matches)[1]


def validate_request(method: str, template: str, body: Any) -> None:
    operation = schema._schema()["paths"][template][method.lower()]
    params = [p for p in operation.get("parameters", []) if p.get("in") == "body"]
    if not params:
        assert body in (None, {}), f"{method} {template} takes no body, got {body!r}"
        return
    definitions = schema._schema()["definitions"]
    if template == "/V1/orders" and isinstance(body.get("entity"), dict) and "entity_id" in body["entity"]:
        # A partial update of an existing order: the README of the recordings verified that
        # {"entity": {"entity_id", "increment_id", "ext_order_id"}} is accepted by a real 2.4.7-p3, so the
        # entity's schema-required totals are not demanded there (every sent field is still type-checked).
        definitions = {**definitions, ORDER: {**definitions[ORDER], "required": []}}
    validator = {"definitions": definitions, **params[0]["schema"]}
    jsonschema.Draft4Validator(validator).validate(body)
    # The schema's body objects do not forbid unknown keys; Magento does (400 "... is not supported").
    allowed = set(params[0]["schema"].get("properties", {}))
    assert set(body) <= allowed, f"{method} {template}: unknown arguments {set(body) - allowed}"


def validate_response(method: str, template: str, status: int, answer: Any, *, partial: bool = False) -> None:
    if (method, template) in MORE_STRING_ID_ROUTES and isinstance(answer, str) and answer.isdigit():
        answer = int(answer)
    parameters = answer.get("parameters") if status >= 400 and isinstance(answer, dict) else None
    if isinstance(parameters, dict | list):
        # FINDINGS.md (Errors): parameters are a list of scalars for %1-style messages and an object for
        # %name-style ones, where the schema knows a list of objects; the rest of the body is checked.
        values = parameters.values() if isinstance(parameters, dict) else parameters
        assert all(isinstance(v, str | int | float) for v in values)
        answer = {k: v for k, v in answer.items() if k != "parameters"}
    if not (partial and status == 200):
        schema.validate(method, template, answer, status)
        return
    # The same recording: the answer to a partial update echoes null for the required fields not sent.
    echoed = {k: v for k, v in answer.items() if not (v is None and k in ORDER_REQUIRED)}
    definitions = schema._schema()["definitions"]
    relaxed = {**definitions, ORDER: {**definitions[ORDER], "required": []}}
    validator = {**schema.response_schema(method, template, status), "definitions": relaxed}
    jsonschema.Draft4Validator(validator).validate(schema.allow_departures(echoed))


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
        template = template_of(request.method, rest_path)
        validate_request(request.method, template, body)
        response = self._inner.handle_request(request)
        content = response.read()
        answer = json.loads(content) if content else None
        partial = template == "/V1/orders" and "entity_id" in ((body or {}).get("entity") or {})
        validate_response(request.method, template, response.status_code, answer, partial=partial)
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
