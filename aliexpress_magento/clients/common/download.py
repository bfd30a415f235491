"""Downloading a file by URL (a product image from the store's media URL), bounded on every side.

A media URL is not an API: its answer is whatever the web server sends, so this downloader trusts
nothing: only ``http``/``https``; the body is cut past ``max_bytes`` (decompressed, through the shared
:class:`~.http.HttpPipe`); each read waits at most ``timeout``, the whole answer at most ``max_seconds``
(a server dripping a byte a second never trips a read timeout); redirects are followed by hand, at most
``max_redirects`` of them, and only to ``allowed_hosts`` (the store's own), so an image URL cannot send
the worker to another server. Every failure is a :class:`DownloadError` whose message a merchant can
read; network failures and 5xx answers are retryable under the one retry policy.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from urllib.parse import urljoin, urlsplit

import httpx

from .budget import CallBudget
from .http import Answer, HttpPipe, NetworkFailure
from .quota import QuotaSpent
from .retry import NO_RETRY, RetryPolicy

DEFAULT_MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # far above any product photo, far below a worker's memory
DEFAULT_DOWNLOAD_TIMEOUT = httpx.Timeout(20.0, connect=5.0)
DEFAULT_MAX_SECONDS = 60.0
DEFAULT_MAX_REDIRECTS = 3
_SCHEMES = ("http", "https")
_REDIRECTS = (301, 302, 303, 307, 308)


class DownloadError(Exception):
    """``str(exc)`` says what went wrong, without the URL (the caller names the file)."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.maybe_processed = False  # a GET changes nothing: always safe to send again


@dataclass(frozen=True)
class Downloaded:
    url: str  # after redirects
    content: bytes
    content_type: str


class _Errors:
    """What :class:`HttpPipe` makes of failures on the wire, for a download."""

    def __init__(self, limit: int) -> None:
        self._limit = limit

    def network_error(self, failure: NetworkFailure, /) -> Exception:
        return DownloadError(f"could not be downloaded ({failure.detail})", retryable=True)

    def response_too_large(self, limit: int, /) -> Exception:
        size = f"{limit // (1024 * 1024)} MB" if limit % (1024 * 1024) == 0 else f"{limit} bytes"
        return DownloadError(f"is larger than {size} and was not downloaded")

    def quota_spent(self, spent: QuotaSpent, /) -> Exception:
        return DownloadError(f"was not downloaded: {spent}")


def check_url(url: str, allowed_hosts: Iterable[str] | None = None) -> None:
    """An ``http(s)`` URL with a host (in ``allowed_hosts`` when given), or :class:`DownloadError`."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
        raise DownloadError("is not an http or https URL")
    if allowed_hosts is not None and parts.hostname.lower() not in allowed_hosts:
        raise DownloadError(f"redirects to another host ({parts.hostname}), which is refused")


class Downloader:
    """``get(url)`` → :class:`Downloaded`. ``allowed_hosts``: where a redirect may lead (the host of
    the URL asked for is always allowed too). One instance may serve many downloads; ``close`` it."""

    def __init__(
        self,
        *,
        allowed_hosts: Iterable[str],
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_DOWNLOAD_TIMEOUT,
        budget: CallBudget | None = None,
        retry: RetryPolicy = NO_RETRY,
        max_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        max_seconds: float = DEFAULT_MAX_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.allowed_hosts = frozenset(host.lower() for host in allowed_hosts)
        self.retry = retry
        self.max_redirects = max_redirects
        self._pipe = HttpPipe(
            errors=_Errors(max_bytes),
            transport=_Deadline(transport or httpx.HTTPTransport(), max_seconds, clock),
            timeout=timeout,
            budget=budget,
            max_response_bytes=max_bytes,
            follow_redirects=False,  # followed by hand, host checked at each hop
        )

    def close(self) -> None:
        self._pipe.close()

    def get(self, url: str) -> Downloaded:
        check_url(url)
        allowed = self.allowed_hosts | {str(urlsplit(url).hostname).lower()}
        for _ in range(self.max_redirects + 1):
            answer = self.retry.run(partial(self._attempt, url))
            if answer.status_code not in _REDIRECTS:
                return Downloaded(url, answer.content, answer.headers.get("Content-Type", ""))
            location = answer.headers.get("Location", "")
            if not location:
                raise DownloadError(f"answered HTTP {answer.status_code} without a Location")
            url = urljoin(url, location)
            check_url(url, allowed)
        raise DownloadError(f"redirects more than {self.max_redirects} times")

    def _attempt(self, url: str) -> Answer:
        answer = self._pipe.send("GET", url)
        if answer.status_code in _REDIRECTS or 200 <= answer.status_code < 300:
            return answer
        retryable = answer.status_code >= 500 or answer.status_code == 429
        raise DownloadError(f"answered HTTP {answer.status_code}", retryable=retryable)


class _Deadline(httpx.BaseTransport):
    """Stops an answer that takes longer than ``seconds`` in all, from the request to its last byte."""

    def __init__(self, inner: httpx.BaseTransport, seconds: float, clock: Callable[[], float]) -> None:
        self._inner, self._seconds, self._clock = inner, seconds, clock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        deadline = self._clock() + self._seconds
        response = self._inner.handle_request(request)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_Timed(response.stream, deadline, self._seconds, self._clock),
            extensions=response.extensions,
            request=request,
        )

    def close(self) -> None:
        self._inner.close()


class _Timed(httpx.SyncByteStream):
    def __init__(
        self, inner: httpx.SyncByteStream | httpx.AsyncByteStream, deadline: float, seconds: float,
        clock: Callable[[], float],
    ) -> None:  # fmt: skip
        assert isinstance(inner, httpx.SyncByteStream)  # a sync client's transport answers in sync
        self._inner, self._deadline, self._seconds, self._clock = inner, deadline, seconds, clock

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            if self._clock() > self._deadline:
                raise DownloadError(f"took longer than {self._seconds:.0f} s to download and was stopped")
            yield chunk

    def close(self) -> None:
        self._inner.close()
