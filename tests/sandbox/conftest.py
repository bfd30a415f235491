"""Fixtures for the AliExpress sandbox tests: a fake clock, a signing helper and a tiny caller.

The signing helper is written here from the fact sheet (§1.4), on purpose not shared with the client.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox

APP_KEY = "demo-key"
APP_SECRET = "demo-secret"
START = 1_735_000_000.0  # 2024-12-24, a fixed instant
REDIRECT = "https://merchant.example/aliexpress/callback"


def sign(params: dict[str, str], secret: str, method: str = "sha256", path: str = "") -> str:
    text = path + "".join(k + v for k, v in sorted(params.items()) if k != "sign" and v != "")
    if method == "md5":
        return hashlib.md5((secret + text + secret).encode()).hexdigest().upper()
    if method == "hmac":
        return hmac.new(secret.encode(), text.encode(), hashlib.md5).hexdigest().upper()
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest().upper()


class FakeClock:
    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Api:
    """Signs and sends calls the way the official SDKs do: system and business params as a form."""

    def __init__(self, sandbox: AliExpressSandbox, clock: FakeClock) -> None:
        self.sandbox, self.clock = sandbox, clock
        self.http = httpx.Client(
            transport=httpx.WSGITransport(app=sandbox.wsgi), base_url="http://sandbox.test"
        )
        self.session = ""

    def system(self, **extra: str) -> dict[str, str]:
        return {
            "app_key": APP_KEY,
            "timestamp": str(int(self.clock() * 1000)),
            "sign_method": "sha256",
            **extra,
        }

    def signed(self, params: dict[str, str], path: str = "", method: str = "sha256") -> dict[str, str]:
        return {**params, "sign": sign(params, APP_SECRET, method, path)}

    def call_raw(self, method: str, **params: Any) -> httpx.Response:
        values = self.system(method=method, session=self.session, v="2.0", format="json")
        values.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()})
        values = {k: v for k, v in values.items() if v != ""}
        return self.http.post("/sync", data=self.signed(values))

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        body: dict[str, Any] = self.call_raw(method, **params).json()
        return body

    def result(self, method: str, **params: Any) -> dict[str, Any]:
        body = self.call(method, **params)
        key = method.replace(".", "_") + "_response"
        assert key in body, body
        inner: dict[str, Any] = body[key]
        return inner

    def token(self, path: str, **params: str) -> dict[str, Any]:
        response = self.http.post(f"/rest{path}", data=self.signed(self.system(**params), path))
        body: dict[str, Any] = response.json()
        return body

    def authorize(self) -> dict[str, Any]:
        code = self.sandbox.grant_code(REDIRECT, "s1")
        body = self.token("/auth/token/create", code=code)
        self.session = body["access_token"]
        return body


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sandbox(clock: FakeClock) -> AliExpressSandbox:
    return AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET, state_file=None, clock=clock)


@pytest.fixture
def anon(sandbox: AliExpressSandbox, clock: FakeClock) -> Iterator[Api]:
    api = Api(sandbox, clock)
    yield api
    api.http.close()


@pytest.fixture
def api(anon: Api) -> Api:
    anon.authorize()
    return anon
