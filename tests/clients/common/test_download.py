"""The bounded downloader: schemes, redirects by host, size, total time, statuses, retries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

from aliexpress_magento.clients.common.download import Downloader, DownloadError
from aliexpress_magento.clients.common.retry import RetryPolicy

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment


class Shop:
    """A WSGI media server: ``/ok.png``, ``/hop`` (→ ``/ok.png``), ``/away`` (→ another host),
    ``/slow.png`` (many chunks), ``/flaky.png`` (503 then 200)."""

    def __init__(self) -> None:
        self.requests: list[str] = []

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ["PATH_INFO"]
        self.requests.append(path)
        if path == "/hop":
            start_response("301 Moved", [("Location", "/ok.png")])
            return [b""]
        if path == "/away":
            start_response("302 Found", [("Location", "https://cdn.other.test/ok.png")])
            return [b""]
        if path == "/flaky.png" and self.requests.count(path) == 1:
            start_response("503 Busy", [])
            return [b""]
        if path == "/slow.png":
            start_response("200 OK", [("Content-Type", "image/png")])
            return iter([b"x"] * 10)
        if path in ("/ok.png", "/flaky.png"):
            start_response("200 OK", [("Content-Type", "image/png")])
            return [b"png-bytes"]
        start_response("404 Not Found", [("Content-Type", "text/html")])
        return [b"<h1>Not found</h1>"]


@pytest.fixture
def shop() -> Shop:
    return Shop()


def downloader(shop: Shop, **options: object) -> Downloader:
    return Downloader(
        allowed_hosts=["shop.test"],
        transport=httpx.WSGITransport(app=shop),
        retry=RetryPolicy(max_attempts=2, sleep=lambda _: None),
        **options,  # type: ignore[arg-type]
    )


def test_a_file_and_a_redirect_on_the_same_host_are_downloaded(shop: Shop) -> None:
    got = downloader(shop).get("https://shop.test/hop")
    assert (got.url, got.content, got.content_type) == ("https://shop.test/ok.png", b"png-bytes", "image/png")


def test_a_redirect_to_another_host_is_refused_before_it_is_followed(shop: Shop) -> None:
    with pytest.raises(
        DownloadError, match=r"^redirects to another host \(cdn.other.test\), which is refused$"
    ):
        downloader(shop).get("https://shop.test/away")
    assert shop.requests == ["/away"]


def test_only_http_and_https_are_fetched(shop: Shop) -> None:
    for url in ("file:///etc/passwd", "ftp://shop.test/ok.png", "javascript:alert(1)", "https:///x"):
        with pytest.raises(DownloadError, match=r"^is not an http or https URL$"):
            downloader(shop).get(url)
    assert shop.requests == []


def test_a_404_is_an_error_and_is_not_retried(shop: Shop) -> None:
    with pytest.raises(DownloadError, match=r"^answered HTTP 404$"):
        downloader(shop).get("https://shop.test/gone.png")
    assert shop.requests == ["/gone.png"]


def test_a_503_is_retried(shop: Shop) -> None:
    assert downloader(shop).get("https://shop.test/flaky.png").content == b"png-bytes"
    assert shop.requests == ["/flaky.png", "/flaky.png"]


def test_a_body_past_the_cap_is_refused(shop: Shop) -> None:
    with pytest.raises(DownloadError, match=r"^is larger than 5 bytes and was not downloaded$"):
        downloader(shop, max_bytes=5).get("https://shop.test/ok.png")


def test_an_answer_slower_than_the_total_time_is_stopped(shop: Shop) -> None:
    ticks: Iterator[float] = iter(float(n) for n in range(0, 1000, 25))  # 25 s pass between two looks
    with pytest.raises(DownloadError, match=r"^took longer than 60 s to download and was stopped$"):
        downloader(shop, max_seconds=60.0, clock=lambda: next(ticks)).get("https://shop.test/slow.png")
