"""Fixtures for the Magento 1 sandbox tests: a fake clock and a raw XML-RPC caller.

The caller is the standard library's ``xmlrpc.client`` encoding over httpx's in-process transport, written
here on purpose (not the project's client): the sandbox is checked against the protocol, not against our
own reading of it.
"""

from __future__ import annotations

import xmlrpc.client
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, ENABLED, SIMPLE, Product
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from tests.sandbox.magento2.conftest import FakeClock

BASE = "http://m1.test"
ADDRESS = {
    "firstname": "Li", "lastname": "Wei", "street": ["1 Main St"], "city": "Austin", "postcode": "78701",
    "country_id": "US", "region_id": 57, "region": "Texas", "telephone": "5125550100",
}  # fmt: skip


GUEST = {"mode": "guest", "firstname": "Li", "lastname": "Wei", "email": "li@example.com"}


@dataclass(frozen=True)
class Fault:
    code: int
    message: str


@dataclass(frozen=True)
class HttpStatus:
    status: int


class Rpc:
    """``rpc("login", user, key)``; ``rpc.call("resource.method", *args)`` under a fresh session."""

    def __init__(self, sandbox: Magento1Sandbox) -> None:
        self.http = httpx.Client(transport=httpx.WSGITransport(app=sandbox.wsgi), base_url=BASE)
        self.session = ""

    def __call__(self, method: str, *params: Any) -> Any:
        answer = self.http.post("/api/xmlrpc/", content=xmlrpc.client.dumps(params, method, allow_none=True))
        if answer.status_code != 200:
            return HttpStatus(answer.status_code)
        try:
            return xmlrpc.client.loads(answer.content, use_builtin_types=True)[0][0]
        except xmlrpc.client.Fault as fault:
            return Fault(fault.faultCode, fault.faultString)

    def call(self, path: str, *args: Any) -> Any:
        if not self.session:
            self.session = self("login", DEMO_API_USER, DEMO_API_KEY)
        return self("call", self.session, path, list(args))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sandbox(clock: FakeClock) -> Magento1Sandbox:
    return Magento1Sandbox(clock=clock)


@pytest.fixture
def rpc(sandbox: Magento1Sandbox) -> Rpc:
    return Rpc(sandbox)


def sellable_simple(sandbox: Magento1Sandbox) -> Product:
    """An enabled, visible simple product in stock, without a special price."""
    return next(
        p
        for p in sandbox.world.catalog.products
        if p.type_id == SIMPLE and p.parent_id is None and p.status == ENABLED
        and p.special_price is None and sandbox.salable_qty(p.sku) >= 5
    )  # fmt: skip


def two_axis_configurable(sandbox: Magento1Sandbox) -> Product:
    return next(
        p
        for p in sandbox.world.catalog.products
        if p.type_id == CONFIGURABLE and len(p.axes) == 2 and p.status == ENABLED
        and all(sandbox.salable_qty(c.sku) >= 3 and c.status == ENABLED
                for c in sandbox.world.catalog.children(p))
    )  # fmt: skip


def guest_checkout(rpc: Rpc, lines: list[dict[str, Any]]) -> Any:
    """The recorded guest checkout, step by step; the last answer (the increment id or a fault)."""
    quote = rpc.call("cart.create", 1)
    for step in (
        ("cart_product.add", quote, lines),
        (
            "cart_customer.set",
            quote,
            {"mode": "guest", "firstname": "Li", "lastname": "Wei", "email": "li@example.com"},
        ),
        ("cart_customer.addresses", quote, [{**ADDRESS, "mode": "billing"}, {**ADDRESS, "mode": "shipping"}]),
        ("cart_shipping.method", quote, "flatrate_flatrate"),
        ("cart_payment.method", quote, {"method": "checkmo"}),
    ):
        answer = rpc.call(*step)
        if answer is not True:
            return answer
    return rpc.call("cart.order", quote)
