"""The debug log's redaction where today's traffic would leak: Magento 1's session id, and a secret cut
in two by the body size limit."""

from __future__ import annotations

import logging

import httpx
import pytest

from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.clients.common.debuglog import (
    MAX_BODY_CHARS,
    PEEK_BYTES,
    REDACTED,
    RedactingLogTransport,
)
from aliexpress_magento.clients.magento1 import Magento1Client
from aliexpress_magento.clients.magento2 import Magento2Error
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from tests.clients.common.test_http import LIMIT, CountingStream, Remote, call_magento2, gzip_bomb

LOGGER = "tests.debuglog"
TOKEN = "tok" + "0123456789abcdef" * 4  # 67 characters


def _lines(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name == LOGGER)


def _pieces(secret: str, size: int = 8) -> list[str]:
    """Every run of ``size`` characters of the secret: none may appear in a log line."""
    return [secret[i : i + size] for i in range(len(secret) - size + 1)]


def _logging(inner: httpx.BaseTransport, *secrets: str) -> RedactingLogTransport:
    return RedactingLogTransport(inner, logging.getLogger(LOGGER), secrets=secrets)


def test_the_magento1_session_id_never_reaches_the_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    transport = _logging(httpx.WSGITransport(app=Magento1Sandbox().wsgi), DEMO_API_KEY)
    with Magento1Client(
        "https://m1.test", api_user=DEMO_API_USER, api_key=DEMO_API_KEY, transport=transport, retry=NO_RETRY
    ) as client:
        client.stores.all()
        session_id = client.session.session_id
        client.session.end()
    logged = _lines(caplog)
    assert session_id and len(session_id) >= 8
    assert "<methodName>login</methodName>" in logged and "<methodName>call</methodName>" in logged
    assert "<methodName>endSession</methodName>" in logged
    assert not any(piece in logged for piece in _pieces(session_id))
    assert DEMO_API_KEY not in logged and REDACTED in logged


@pytest.mark.parametrize("known", [True, False], ids=["known-value", "json-key"])
def test_a_token_straddling_the_size_limit_leaks_no_part(
    caplog: pytest.LogCaptureFixture, known: bool
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    # The token starts 20 characters before the cut: its first 20 would be logged if cut first.
    prefix = '{"padding": "' + "x" * (MAX_BODY_CHARS - 20 - len('{"padding": "", "access_token": "'))
    body = prefix + '", "access_token": "' + TOKEN + '"}'
    assert body.index(TOKEN) == MAX_BODY_CHARS - 20
    inner = httpx.MockTransport(lambda request: httpx.Response(200, text=body))
    with httpx.Client(transport=_logging(inner, *([TOKEN] if known else []))) as client:
        client.post("https://api.test/sync", content=body)
    logged = _lines(caplog)
    assert logged.count("x" * 100) >= 2  # both the request and the answer were logged…
    assert not any(piece in logged for piece in _pieces(TOKEN))  # …without any part of the token


def test_debug_mode_peeks_at_the_start_of_an_answer_and_the_size_cap_still_holds(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    # given 256 KiB of gzip (in 1 KiB network chunks) that inflates to 256 MiB, and a client capped at 1 MiB
    chunks = gzip_bomb(256 * LIMIT)
    stream = CountingStream(chunks)
    remote = Remote(stream, {"Content-Encoding": "gzip", "Content-Type": "application/json"})
    # when the client calls with debug mode on
    with pytest.raises(Magento2Error) as caught:
        call_magento2(_logging(remote.transport()))  # type: ignore[arg-type]
    # then the log read its 64 KiB peek and the client stopped right after: neither read the whole answer
    assert (caught.value.code, len(chunks) > 200) == ("too_large", True)
    assert stream.handed_out <= PEEK_BYTES // 1024 + 3
    assert "← 200 https://shop.test/rest/all/V1/store/storeViews" in _lines(caplog)
