"""The Fetch panel's words while a run reads AliExpress and imports beside it."""

from __future__ import annotations

from aliexpress_magento.orders.selectors import FetchStatus


def _status(phase: str, done: int, imported: int, total: int | None = None) -> FetchStatus:
    return FetchStatus(phase, done, imported, total, None, None, "", False, True, None, 7)


def test_the_fetching_phase_says_how_many_orders_were_read_and_imported_beside_the_read() -> None:
    assert _status("fetching", 1250, 0).text == "Fetching: 1,250 orders read"
    assert _status("fetching", 1250, 1180).text == "Fetching: 1,250 orders read, 1,180 imported"
    assert _status("importing", 1190, 0, 1250).text == "Importing: 1,190 of 1,250 orders"
