"""A server whose local time zone is not UTC (and has its own daylight saving): the windows sent to
AliExpress are still US Pacific, and no order is missed or imported twice. Everything is kept in UTC and
converted at the API's edge only, so the process's zone must change nothing."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.orders.models import ImportStatus
from tests.flow.accounts.conftest import AE_URL

from .conftest import Shop, sign_on_sandbox_clock

ORDER_GET = "aliexpress.solution.order.get"


class Recorder:
    """The AliExpress sandbox behind a WSGI wrapper that keeps order.get's parameters as sent."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.order_gets: list[dict[str, str]] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        size = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(size)
        form = {k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
        form |= {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if form.get("method") == ORDER_GET:
            self.order_gets.append(json.loads(form["param0"]) if "param0" in form else form)
        environ["wsgi.input"] = io.BytesIO(body)
        return self.app(environ, start_response)

    def windows(self) -> list[str]:
        return [sent["modified_date_start"] for sent in self.order_gets]


@pytest.fixture
def sydney(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local zone is Sydney (UTC+11 in November, daylight saving), then restored."""
    monkeypatch.setenv("TZ", "Australia/Sydney")
    time.tzset()
    assert time.localtime(0).tm_gmtoff == 10 * 3600  # the zone really is in force (AEST on 1 Jan 1970)
    yield
    monkeypatch.undo()
    time.tzset()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


# (an order placed at, the run at): across the change; the last window's start is in PST.
RUNS = [(at(1, 5, 50), at(1, 6)), (at(1, 11, 50), at(1, 12)), (at(1, 12, 20), at(1, 12, 30))]


def test_a_non_utc_server_sends_pacific_windows_and_misses_no_order(
    shop: Shop, sydney: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """US clocks go back on 1 Nov 2026 at 09:00 UTC (02:00 PDT → 01:00 PST)."""
    sign_on_sandbox_clock(shop, monkeypatch)
    recorder = Recorder(shop.aliexpress)
    shop.sell(dict.fromkeys(shop.salable_simples(2), 30))
    placed: list[int] = []
    with api_clients.route_to(AE_URL, httpx.WSGITransport(app=recorder)):
        for placed_at, run_at in RUNS:
            shop.aliexpress.clock = placed_at.timestamp
            placed += shop.place(1)
            shop.aliexpress.clock = run_at.timestamp
            shop.run(run_at)

    assert recorder.windows() == [
        "2026-10-24 23:00:00",  # the first run: 7 days back from 06:00 UTC, PDT (UTC-7)
        "2026-10-31 22:45:00",  # the watermark 06:00 UTC less 15 minutes, PDT
        "2026-11-01 03:45:00",  # the watermark 12:00 UTC less 15 minutes, PST (UTC-8)
    ]
    claims = shop.claims()
    assert sorted(claims) == sorted(placed)
    assert {c.status for c in claims.values()} == {ImportStatus.IMPORTED}
    assert shop.magento_orders() == 3
    created = [claims[order_id].aliexpress_created_at for order_id in placed]
    assert created == [placed_at for placed_at, _ in RUNS]  # read back from Pacific to the same UTC
