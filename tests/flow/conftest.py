"""Fixtures shared by the flow tests of several apps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.accounts.conftest import AE_URL
from tests.support.ae_calls import CountingTransport


@pytest.fixture
def ae_calls(ae_sandbox: AliExpressSandbox) -> Iterator[Counter[str]]:
    """The AliExpress API calls the test makes, by method, on the ``ae_sandbox`` of the test's folder."""
    transport = CountingTransport(ae_sandbox)
    with api_clients.route_to(AE_URL, transport):
        yield transport.calls
