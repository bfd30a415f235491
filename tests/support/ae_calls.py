"""The AliExpress sandbox's in-process transport, counting each API call by its ``method`` field."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qs

import httpx

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox

_MULTIPART_METHOD = re.compile(rb'name="method"\r\n\r\n([^\r]*)\r\n')


class CountingTransport(httpx.BaseTransport):
    """Counts by the form field, or the multipart one (the photobank upload sends a file)."""

    def __init__(self, app: AliExpressSandbox) -> None:
        self._inner = httpx.WSGITransport(app=app)
        self.calls: Counter[str] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        found = _MULTIPART_METHOD.search(body)
        method = found.group(1).decode() if found else parse_qs(body.decode()).get("method", [""])[0]
        self.calls[method] += 1
        return self._inner.handle_request(request)
