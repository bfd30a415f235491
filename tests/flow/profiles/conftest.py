"""An authorized account on the in-process AliExpress sandbox, whose API calls are counted by method."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from urllib.parse import parse_qs

import httpx
import pytest

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.accounts.conftest import AE_URL, M2_URL, authorize
from tests.support.accounts import APP_KEY, APP_SECRET, make_account


class CountingTransport(httpx.BaseTransport):
    """The sandbox's transport, counting each API call by its ``method`` form field."""

    def __init__(self, app: AliExpressSandbox) -> None:
        self._inner = httpx.WSGITransport(app=app)
        self.calls: Counter[str] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        form = parse_qs(request.read().decode())
        self.calls[form.get("method", [""])[0]] += 1
        return self._inner.handle_request(request)


@pytest.fixture
def ae_sandbox() -> AliExpressSandbox:
    return AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET)


@pytest.fixture
def ae_calls(ae_sandbox: AliExpressSandbox) -> Iterator[Counter[str]]:
    transport = CountingTransport(ae_sandbox)
    with api_clients.route_to(AE_URL, transport):
        yield transport.calls


@pytest.fixture
def account(db, ae_sandbox: AliExpressSandbox, ae_calls: Counter[str]) -> Account:  # type: ignore[no-untyped-def]
    authorized = authorize(ae_sandbox, make_account(AE_URL, M2_URL))
    ae_calls.clear()  # the token exchange is not a category call
    return authorized


def fail_every_call(sandbox: AliExpressSandbox) -> None:
    sandbox.knobs.update({"fault_rate": 1.0, "fault_kinds": ["http_500"]})
