"""The HTTP plumbing the three clients share: timeouts, budget, size cap, network-failure decision.

Each client keeps its own error tree (DESIGN.md §10); what is decided here, once, is the fact every
tree needs from a failure on the wire:

- :func:`network_failure` — a transport exception becomes a :class:`NetworkFailure`: always retryable,
  and ``not_sent`` only when the request certainly never reached the server (connect refused or timed
  out, no pooled connection free), so that even a non-idempotent call may be re-sent.
- :class:`HttpPipe` — one attempt: a token from the call budget (its daily quota spent: the tree's
  rate-limited error, nothing sent), the request, the body streamed and cut
  past ``max_response_bytes`` *after* decompression (a small gzip body can inflate to gigabytes), so a
  broken or hostile server cannot exhaust the worker's memory. The client turns both failures into its
  own error kind through its ``errors`` module (:class:`ErrorKinds`).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from .budget import CallBudget, UnlimitedBudget
from .quota import QuotaSpent

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
# Far above any real answer (a 2,000-item feed result, a 50-order page, a category schema, a catalog page
# of 1,000 products), far below what would hurt a worker.
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
# Failures raised before a single byte reached the server.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_INFLATE_STEP = 64 * 1024


@dataclass(frozen=True)
class NetworkFailure:
    """What every client's error tree needs to know about a failure on the wire."""

    detail: str
    not_sent: bool
    kind: str = "network"
    retryable: bool = True


def network_failure(exc: httpx.TransportError | httpx.DecodingError) -> NetworkFailure:
    """A body that cannot be decoded (a cut-off gzip stream) counts as a failure on the wire too."""
    return NetworkFailure(detail=f"{type(exc).__name__}: {exc}", not_sent=isinstance(exc, _NOT_SENT))


@dataclass(frozen=True)
class Answer:
    """A response read in full (within the cap)."""

    status_code: int
    headers: httpx.Headers
    content: bytes


class ErrorKinds(Protocol):
    """What a client's error tree (its ``errors`` module) makes of the failures met here."""

    def network_error(self, failure: NetworkFailure, /) -> Exception: ...

    def response_too_large(self, limit: int, /) -> Exception:
        """The answer passed ``limit`` bytes: a non-retryable "malformed answer" error."""
        ...

    def quota_spent(self, spent: QuotaSpent, /) -> Exception:
        """The budget's daily quota is spent: a rate-limited error carrying ``spent.ban_seconds``."""
        ...


class ResponseTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"answer larger than {limit} bytes")


class HttpPipe:
    """One httpx client with a budget and a size cap; ``send`` makes one attempt."""

    def __init__(
        self,
        *,
        errors: ErrorKinds,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        budget: CallBudget | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        auth: httpx.Auth | None = None,
        follow_redirects: bool = False,
    ) -> None:
        if max_response_bytes <= 0:
            raise ValueError("max_response_bytes must be positive")
        self.budget: CallBudget = budget or UnlimitedBudget()
        self.max_response_bytes = max_response_bytes
        self._errors = errors
        self._http = httpx.Client(
            transport=transport,
            timeout=timeout,
            auth=auth,
            follow_redirects=follow_redirects,
            headers={"Accept-Encoding": "gzip, deflate"},  # the two inflated within the cap
        )

    def close(self) -> None:
        self._http.close()

    def send(self, method: str, url: str, **request: Any) -> Answer:
        """Take a budget token, send, read the body within the cap; the client's errors on failure."""
        try:
            self.budget.acquire()
        except QuotaSpent as spent:
            raise self._errors.quota_spent(spent) from spent
        try:
            with self._http.stream(method, url, **request) as response:
                content = read_capped(response, self.max_response_bytes)
                return Answer(response.status_code, response.headers, content)
        except ResponseTooLarge as exc:
            raise self._errors.response_too_large(exc.limit) from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise self._errors.network_error(network_failure(exc)) from exc


def read_capped(response: httpx.Response, limit: int) -> bytes:
    """The decoded (decompressed) body, or :class:`ResponseTooLarge` as soon as it passes ``limit``."""
    declared = response.headers.get("Content-Length", "")
    if _encoding(response) == "identity" and declared.isdigit() and int(declared) > limit:
        raise ResponseTooLarge(limit)  # refused before a byte of the body is read
    chunks: list[bytes] = []
    size = 0
    for chunk in _decoded_chunks(response):
        size += len(chunk)
        if size > limit:
            raise ResponseTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _encoding(response: httpx.Response) -> str:
    return response.headers.get("Content-Encoding", "").strip().lower() or "identity"


def _decoded_chunks(response: httpx.Response) -> Iterator[bytes]:
    """gzip and deflate are inflated here in bounded steps: httpx inflates a whole network chunk at once,
    and 64 KiB of gzip can stand for 64 MiB. Other encodings (none are asked for) are left to httpx."""
    if response.is_stream_consumed or _encoding(response) not in ("gzip", "x-gzip", "deflate"):
        # (consumed: an in-memory answer, e.g. a test's MockTransport, already decoded by httpx)
        yield from response.iter_bytes()
        return
    inflater = zlib.decompressobj(32 + zlib.MAX_WBITS)  # 32: a gzip or a zlib header, found out
    try:
        for raw in response.iter_raw():
            data = raw
            while data and not inflater.eof:
                yield inflater.decompress(data, _INFLATE_STEP)
                data = inflater.unconsumed_tail
        yield inflater.flush()
    except zlib.error as exc:
        raise httpx.DecodingError(f"undecodable {_encoding(response)} body: {exc}") from exc
