"""The shared HTTP plumbing (clients/common/http.py) under each of the three clients: the "not sent"
decision every error tree reads, and the response size cap, plain and decompressed (a gzip bomb).

The remote answers through a stream that counts the chunks it hands out, so "refused without reading it
all" is asserted on the count, not on time or memory."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest

from aliexpress_magento.clients import aliexpress, magento1, magento2
from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.clients.common.http import network_failure
from aliexpress_magento.clients.magento2.auth import BearerAuth

LIMIT = 1024 * 1024
CHUNK = 64 * 1024


class CountingStream(httpx.SyncByteStream):
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.handed_out = 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.handed_out += 1
            yield chunk


def plain_flood(size: int) -> list[bytes]:
    return [b"x" * CHUNK] * (size // CHUNK)


def gzip_bomb(inflated_size: int, piece: int = 1024) -> list[bytes]:
    """``inflated_size`` zero bytes as gzip, cut into ``piece``-byte network chunks (~1 MiB each inflated)."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    body = b"".join(deflater.compress(block) for _ in range(inflated_size // len(block))) + deflater.flush()
    return [body[i : i + piece] for i in range(0, len(body), piece)]


@dataclass
class Remote:
    stream: CountingStream
    headers: dict[str, str]
    requests: int = 0

    def transport(self) -> httpx.MockTransport:
        def answer(request: httpx.Request) -> httpx.Response:
            self.requests += 1
            return httpx.Response(200, headers=self.headers, stream=self.stream)

        return httpx.MockTransport(answer)


def call_aliexpress(transport: httpx.MockTransport) -> None:
    client = aliexpress.AliExpressClient(
        "key",
        "secret",
        base_url="https://ae.test",
        transport=transport,
        max_response_bytes=LIMIT,
        retry=NO_RETRY,
    )
    with client:
        client.gateway.call("aliexpress.solution.seller.category.tree.query")


def call_magento2(transport: httpx.MockTransport) -> None:
    client = magento2.Magento2Client(
        "https://shop.test",
        auth=BearerAuth("t"),
        transport=transport,
        max_response_bytes=LIMIT,
        retry=NO_RETRY,
    )
    with client:
        client.connection.get("/V1/store/storeViews")


def call_magento1(transport: httpx.MockTransport) -> None:
    client = magento1.Magento1Client(
        "https://shop.test",
        api_user="u",
        api_key="k",
        transport=transport,
        max_response_bytes=LIMIT,
        retry=NO_RETRY,
    )
    with client:
        client.login()


# client → (its call, the kind its error tree gives an oversized answer, how to read that kind)
CLIENTS: dict[str, tuple[Callable[[httpx.MockTransport], None], str, Callable[[Exception], str]]] = {
    "aliexpress": (call_aliexpress, "response-too-large", lambda e: getattr(e, "code", "")),
    "magento2": (call_magento2, "too_large", lambda e: getattr(e, "code", "")),
    "magento1": (call_magento1, "too_large", lambda e: getattr(e, "kind", "")),
}
BASE_ERRORS = {
    "aliexpress": aliexpress.AliExpressError,
    "magento2": magento2.Magento2Error,
    "magento1": magento1.Magento1Error,
}


def refuse(name: str, remote: Remote) -> Exception:
    call, kind, kind_of = CLIENTS[name]
    with pytest.raises(BASE_ERRORS[name]) as caught:
        call(remote.transport())
    error = caught.value
    assert (kind_of(error), error.retryable, remote.requests) == (kind, False, 1)  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize("name", sorted(CLIENTS))
def test_an_oversized_plain_answer_is_refused_after_reading_just_past_the_limit(name: str) -> None:
    # given an answer of 8 MiB without Content-Length, against a cap of 1 MiB
    stream = CountingStream(plain_flood(8 * LIMIT))
    # when the client calls, then it gives up at the 17th 64 KiB chunk, not the 128th
    refuse(name, Remote(stream, {"Content-Type": "application/json"}))
    assert stream.handed_out == LIMIT // CHUNK + 1


@pytest.mark.parametrize("name", sorted(CLIENTS))
def test_an_oversized_declared_length_is_refused_before_the_body_is_read(name: str) -> None:
    stream = CountingStream(plain_flood(2 * LIMIT))
    refuse(name, Remote(stream, {"Content-Length": str(2 * LIMIT)}))
    assert stream.handed_out == 0


@pytest.mark.parametrize("name", sorted(CLIENTS))
def test_a_gzip_bomb_is_refused_after_inflating_just_past_the_limit(name: str) -> None:
    # given 64 KiB of gzip that inflates to 64 MiB, served in 1 KiB network chunks
    chunks = gzip_bomb(64 * LIMIT)
    stream = CountingStream(chunks)
    # when the client calls, then it stops within the first few chunks (each inflates to ~1 MiB)
    refuse(name, Remote(stream, {"Content-Encoding": "gzip", "Content-Length": str(sum(map(len, chunks)))}))
    assert len(chunks) > 60
    assert stream.handed_out <= 3


def test_an_answer_within_the_cap_is_read_whole_even_compressed() -> None:
    # given a gzip answer that inflates to just under the cap
    body = b'{"x": "' + b"a" * (LIMIT - 20) + b'"}'
    compressed = zlib.compress(body, wbits=16 + zlib.MAX_WBITS)
    seen: list[object] = []
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=compressed)
    )
    client = magento2.Magento2Client(
        "https://shop.test", auth=BearerAuth("t"), transport=transport, max_response_bytes=LIMIT
    )
    with client:
        seen.append(client.connection.get("/V1/anything"))
    assert seen == [{"x": "a" * (LIMIT - 20)}]


@pytest.mark.parametrize(
    ("failure", "not_sent"),
    [
        (httpx.ConnectError("refused"), True),
        (httpx.ConnectTimeout("slow connect"), True),
        (httpx.PoolTimeout("no free connection"), True),
        (httpx.ReadTimeout("slow answer"), False),
        (httpx.WriteError("cut while sending"), False),
        (httpx.RemoteProtocolError("closed mid-answer"), False),
    ],
)
def test_only_failures_before_the_first_byte_count_as_not_sent(
    failure: httpx.TransportError, not_sent: bool
) -> None:
    decided = network_failure(failure)
    assert (decided.kind, decided.retryable, decided.not_sent) == ("network", True, not_sent)


@pytest.mark.parametrize("name", sorted(CLIENTS))
def test_each_tree_reads_the_shared_not_sent_decision(name: str) -> None:
    def refuse_connection(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    call = CLIENTS[name][0]
    with pytest.raises(BASE_ERRORS[name]) as caught:
        call(httpx.MockTransport(refuse_connection))
    error = caught.value
    assert (error.retryable, error.maybe_processed) == (True, False)  # type: ignore[attr-defined]
    assert "ConnectError: refused" in str(error)
