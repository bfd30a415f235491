"""Fixtures for the Magento 2 sandbox tests: a fake clock, a REST caller and an OAuth 1.0a signer.

The signer is written here from RFC 5849 on purpose, not shared with the sandbox or the client.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import httpx
import pytest

from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, ENABLED, Product
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox

START = 1_795_000_000.0  # 2026-11-18, a fixed instant
BASE = "http://sandbox.test"


class FakeClock:
    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _enc(text: str) -> str:
    return quote(text, safe="-._~")


def oauth_header(method: str, url: str, keys: dict[str, str], nonce: str, timestamp: int) -> str:
    """RFC 5849 §3.4.1 base string, §3.4.2 HMAC, §3.5.1 header (HMAC-SHA256 as Magento uses)."""
    oauth = {
        "oauth_consumer_key": keys["consumer_key"],
        "oauth_token": keys["token"],
        "oauth_nonce": nonce,
        "oauth_timestamp": str(timestamp),
        "oauth_signature_method": "HMAC-SHA256",
        "oauth_version": "1.0",
    }
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    pairs = sorted((_enc(k), _enc(v)) for k, v in [*query, *oauth.items()])
    normal = "&".join(f"{k}={v}" for k, v in pairs)
    base_uri = f"{parts.scheme}://{parts.netloc.lower()}{parts.path}"
    text = "&".join([method, _enc(base_uri), _enc(normal)])
    key = f"{_enc(keys['consumer_secret'])}&{_enc(keys['token_secret'])}"
    oauth["oauth_signature"] = base64.b64encode(
        hmac.new(key.encode(), text.encode(), hashlib.sha256).digest()
    ).decode()
    return "OAuth " + ",".join(f'{k}="{_enc(v)}"' for k, v in oauth.items())


class Api:
    """Plain httpx over the in-process WSGI transport, with an admin token by default."""

    def __init__(self, sandbox: Magento2Sandbox) -> None:
        self.sandbox = sandbox
        self.http = httpx.Client(transport=httpx.WSGITransport(app=sandbox.wsgi), base_url=BASE)
        self.token = ""

    def login(self) -> None:
        answer = self.http.post(
            "/rest/V1/integration/admin/token", json={"username": "admin", "password": "admin-password-1"}
        )
        assert answer.status_code == 200
        self.token = answer.json()

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        if method in ("POST", "PUT"):
            headers["Content-Type"] = "application/json"  # Magento refuses a POST/PUT without one
        headers.update(kwargs.pop("headers", {}))
        return self.http.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.request("GET", path, params=params)

    def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        answer = self.request(method, path, **kwargs)
        assert answer.status_code == 200, answer.text
        return answer.json()


def criteria(*groups: list[tuple[str, str | None, str | None]], **extra: Any) -> dict[str, Any]:
    """searchCriteria query parameters: each group is a list of (field, value, condition_type)."""
    params: dict[str, Any] = {}
    for g, group in enumerate(groups):
        for f, (field, value, condition) in enumerate(group):
            prefix = f"searchCriteria[filter_groups][{g}][filters][{f}]"
            params[f"{prefix}[field]"] = field
            if value is not None:
                params[f"{prefix}[value]"] = value
            if condition is not None:
                params[f"{prefix}[condition_type]"] = condition
    for s, (field, direction) in enumerate(extra.pop("sort", [])):
        params[f"searchCriteria[sortOrders][{s}][field]"] = field
        params[f"searchCriteria[sortOrders][{s}][direction]"] = direction
    for name, value in extra.items():
        params[f"searchCriteria[{name}]"] = value
    if not params:
        params["searchCriteria"] = ""
    return params


def skus(body: dict[str, Any]) -> list[str]:
    return [item["sku"] for item in body["items"]]


def sellable_simple(sandbox: Magento2Sandbox) -> Product:
    """An enabled stand-alone simple product with stock, no special price, and no "/" in its SKU."""
    for product in sandbox.world.catalog.products:
        if (
            product.type_id == "simple"
            and product.parent_id is None
            and product.status == ENABLED
            and product.special_price is None
            and "/" not in product.sku
            and sandbox.salable_qty(product.sku) > 5
        ):
            return product
    raise AssertionError("the demo catalog has no plain simple product")


def one_axis_configurable(sandbox: Magento2Sandbox) -> Product:
    """An enabled color-only configurable whose children are all enabled and in stock (like LAB-TEE)."""
    for product in sandbox.world.catalog.products:
        if product.type_id != CONFIGURABLE or product.status != ENABLED or product.axes != ("color",):
            continue
        kids = sandbox.world.catalog.children(product)
        if all(sandbox.salable_qty(k.sku) > 3 and k.special_price is None for k in kids):
            return product
    raise AssertionError("the demo catalog has no one-axis configurable")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sandbox(clock: FakeClock) -> Magento2Sandbox:
    return Magento2Sandbox(clock=clock)


@pytest.fixture
def anon(sandbox: Magento2Sandbox) -> Iterator[Api]:
    api = Api(sandbox)
    yield api
    api.http.close()


@pytest.fixture
def api(anon: Api) -> Api:
    anon.login()
    return anon
