"""The fetch window: back-fill, overlap, the Order Configuration's filters, and US Pacific at the edge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.orders.models import OrderFetchState
from aliexpress_magento.orders.services.fetch import OVERLAP, query, status_groups, unread, window_start

NOW = datetime(2026, 3, 8, 12, 0, tzinfo=UTC)


def test_the_first_fetch_reads_the_back_fill_window_then_from_the_watermark_less_the_overlap() -> None:
    assert window_start(OrderFetchState(backfill_days=7), NOW) == NOW - timedelta(days=7)
    watermark = NOW - timedelta(minutes=10)
    assert window_start(OrderFetchState(watermark=watermark), NOW) == watermark - OVERLAP


def test_after_a_pause_longer_than_the_back_fill_window_the_window_starts_at_the_back_fill() -> None:
    inside = OrderFetchState(backfill_days=7, watermark=NOW - timedelta(days=6))
    assert window_start(inside, NOW) == NOW - timedelta(days=6) - OVERLAP
    assert unread(inside, NOW) is None
    paused = OrderFetchState(backfill_days=7, watermark=NOW - timedelta(days=40))
    assert window_start(paused, NOW) == NOW - timedelta(days=7)
    assert unread(paused, NOW) == (NOW - timedelta(days=40) - OVERLAP, NOW - timedelta(days=7))
    assert unread(OrderFetchState(backfill_days=7), NOW) is None  # the first run skips nothing


def test_the_window_is_sent_in_us_pacific_time_across_the_dst_change() -> None:
    """2026-03-08: Pacific clocks jump from 02:00 PST to 03:00 PDT (10:00 UTC)."""
    account = Account(order_page_size=20, fetch_order_statuses=["WAIT_SELLER_SEND_GOODS"])
    before = query(account, datetime(2026, 3, 8, 9, 50, tzinfo=UTC), ("WAIT_SELLER_SEND_GOODS",))
    after = query(account, datetime(2026, 3, 8, 10, 5, tzinfo=UTC), ("WAIT_SELLER_SEND_GOODS",))
    assert before.to_params()["modified_date_start"] == "2026-03-08 01:50:00"  # PST, UTC-8
    assert after.to_params()["modified_date_start"] == "2026-03-08 03:05:00"  # PDT, UTC-7


def test_the_order_configuration_narrows_the_query() -> None:
    chosen = datetime(2026, 3, 1, tzinfo=UTC)
    account = Account(
        order_page_size=80,  # above the API's 50: capped
        buyer_login_id="us100001",
        modified_date_start=NOW - timedelta(hours=1),
        create_date_start=chosen,
    )
    sent = query(account, NOW - timedelta(days=7), ("WAIT_SELLER_SEND_GOODS",))
    assert (sent.page_size, sent.buyer_login_id) == (50, "us100001")
    assert (sent.modified_date_start, sent.create_date_start) == (NOW - timedelta(hours=1), chosen)
    assert sent.modified_date_end is None


def test_finish_is_asked_for_on_its_own() -> None:
    assert status_groups(["WAIT_SELLER_SEND_GOODS", "FINISH", "IN_CANCEL"]) == [
        ("WAIT_SELLER_SEND_GOODS", "IN_CANCEL"),
        ("FINISH",),
    ]
    assert status_groups(["FINISH"]) == [("FINISH",)]
    assert status_groups(["WAIT_SELLER_SEND_GOODS"]) == [("WAIT_SELLER_SEND_GOODS",)]
