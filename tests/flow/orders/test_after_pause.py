"""After a pause longer than the back-fill window the fetch reads only that window, and says in the
Activity Log which changes it did not read; one such order is still fetched by its id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aliexpress_magento.accounts.services import tokens
from aliexpress_magento.activity.models import ActivityLog, Level
from aliexpress_magento.orders.models import OrderFetchState
from aliexpress_magento.orders.services import fetch

from .conftest import Shop, sign_on_sandbox_clock

START = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)


def test_a_long_pause_reads_the_back_fill_window_and_logs_what_it_skipped(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_on_sandbox_clock(shop, monkeypatch)
    shop.sell(dict.fromkeys(shop.salable_simples(1), 30))

    def place_at(moment: datetime) -> int:
        shop.aliexpress.clock = moment.timestamp
        (order_id,) = shop.place(1)
        return order_id

    before = place_at(START)
    shop.run(START + timedelta(minutes=5))
    tokens.pause(shop.account, tokens.magento_refused_reason(RuntimeError("401 Unauthorized")))
    during = place_at(START + timedelta(days=1))  # paid, never changed since: older than the window
    tokens.resume_after_magento_fix(shop.account)
    resumed = START + timedelta(days=40)
    recent = place_at(resumed - timedelta(days=2))
    shop.run(resumed)

    assert sorted(shop.claims()) == sorted([before, recent])
    assert shop.magento_orders() == 2
    assert OrderFetchState.objects.get(account=shop.account).watermark == resumed
    warning = ActivityLog.objects.get(log_type="orders", level=Level.WARNING)
    assert warning.comment == (
        "Orders were last read up to 2026-09-01 10:05 UTC, longer ago than the back-fill window (7 days; "
        "the account was paused or its Order Cron did not run). Orders changed from 2026-09-01 09:50 to "
        "2026-10-04 10:00 UTC were not read: use Fetch one order by id for any of them."
    )

    fetch.fetch_one(shop.account, tokens.aliexpress_client(shop.account), during)
    assert during in shop.claims()
