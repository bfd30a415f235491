"""A recording MockTransport that answers with the official sample responses."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from aliexpress_magento.clients.aliexpress import NO_RETRY, AliExpressClient, RetryPolicy

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "aliexpress" / "official-samples"
APP_KEY = "12345678"
APP_SECRET = "helloworld"
BASE_URL = "https://api.example.test"
NOW = 1705285800.0  # 2024-01-15 02:30:00 UTC


def sample(name: str) -> dict[str, Any]:
    """The ``body`` of an official sample (INDEX.md): exactly what the API answered."""
    body: dict[str, Any] = json.loads((SAMPLES / f"{name}.json").read_text())["body"]
    return body


def sample_bytes(name: str) -> bytes:
    # Re-encoded from the parsed sample: the JSON *text* of big ids is what a float parser would break.
    return json.dumps(sample(name)).encode()


@dataclass
class Sent:
    url: str
    path: str
    params: dict[str, str]
    files: dict[str, bytes]


def read_request(request: httpx.Request) -> Sent:
    content_type = request.headers.get("content-type", "")
    params = dict(parse_qsl(request.url.query.decode()))
    files: dict[str, bytes] = {}
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + request.content
        )
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if part.get_filename():
                files[str(name)] = payload
            else:
                params[str(name)] = payload.decode()
    else:
        params.update(parse_qsl(request.content.decode(), keep_blank_values=True))
    return Sent(str(request.url), request.url.path, params, files)


Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


@dataclass
class FakeApi:
    """Replies in order (the last one repeats); records every request it received."""

    replies: list[Reply] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(read_request(request))
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, httpx.Response):
            return reply
        return reply(request)

    def reply_sample(self, name: str) -> FakeApi:
        self.replies.append(httpx.Response(200, content=sample_bytes(name)))
        return self

    def reply_json(self, body: object, status: int = 200) -> FakeApi:
        self.replies.append(httpx.Response(status, json=body))
        return self

    @property
    def last(self) -> Sent:
        return self.sent[-1]


@pytest.fixture
def api() -> FakeApi:
    return FakeApi()


def make_client(api: FakeApi, retry: RetryPolicy = NO_RETRY, **kwargs: Any) -> AliExpressClient:
    kwargs.setdefault("clock", lambda: NOW)
    return AliExpressClient(
        APP_KEY,
        APP_SECRET,
        base_url=BASE_URL,
        access_token="test-session",
        transport=httpx.MockTransport(api.handler),
        retry=retry,
        **kwargs,
    )


@pytest.fixture
def client(api: FakeApi) -> Iterator[AliExpressClient]:
    with make_client(api) as ae:
        yield ae


def business_params(sent: Sent) -> dict[str, str]:
    """What the caller asked for: the sent params minus the system ones the gateway adds."""
    system = {"app_key", "method", "session", "timestamp", "sign_method", "format", "v", "partner_id", "sign"}
    return {k: v for k, v in sent.params.items() if k not in system}
