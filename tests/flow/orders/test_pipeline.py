"""The order run imports beside the fetch: AliExpress is read on a thread of its own while the run's
thread creates the orders already read (``orders/services/pipeline.py``)."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.clients.aliexpress import AliExpressClient, AliExpressError, Token
from aliexpress_magento.clients.aliexpress.errors import ErrorFields
from aliexpress_magento.orders.models import AttemptOutcome, ImportStatus, OrderFetchState
from aliexpress_magento.orders.services import fetch

from .conftest import Shop

WAIT_SECONDS = 30


def test_an_order_is_created_in_magento_while_aliexpress_is_still_read(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last order's full read waits (on the AliExpress thread) until Magento holds an order: a run
    that read everything before importing anything would wait in vain and fail."""
    Account.objects.filter(pk=shop.account.pk).update(order_page_size=2)
    shop.account.refresh_from_db()
    shop.sell(dict.fromkeys(shop.salable_simples(2), 30))
    placed = shop.place(5)
    real_read = fetch.read_full
    read: list[int] = []
    waited: list[int] = []

    def read_full(client: AliExpressClient, order_id: int) -> fetch.Full:
        read.append(order_id)
        if len(read) == len(placed):  # the last order read, on the third page
            deadline = time.monotonic() + WAIT_SECONDS
            while shop.magento_orders() == 0:
                assert time.monotonic() < deadline, "no Magento order while AliExpress was still read"
                time.sleep(0.01)
            waited.append(shop.magento_orders())
        return real_read(client, order_id)

    monkeypatch.setattr(fetch, "read_full", read_full)
    counts = shop.run()

    assert len(waited) == 1 and waited[0] >= 1
    assert (counts.fetched.listed, counts.fetched.new, dict(counts.outcomes)) == (5, 5, {"created": 5})
    assert sorted(shop.claims()) == sorted(placed) and shop.magento_orders() == 5
    assert OrderFetchState.objects.get(account=shop.account).watermark is not None


def test_an_aliexpress_failure_mid_read_keeps_the_orders_imported_and_the_next_run_ends_the_work(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(2), 30))
    placed = shop.place(4)
    real_read = fetch.read_full
    read: list[int] = []

    def read_full(client: AliExpressClient, order_id: int) -> fetch.Full:
        read.append(order_id)
        if len(read) == len(placed):  # the last order's read fails for good
            raise AliExpressError(ErrorFields(code="isp.temp-unavailable", message="unavailable"))
        return real_read(client, order_id)

    monkeypatch.setattr(fetch, "read_full", read_full)
    with pytest.raises(AliExpressError):
        shop.run()

    failing = read[-1]
    claims = shop.claims()
    imported = {o for o, c in claims.items() if c.status == ImportStatus.IMPORTED}
    assert imported == set(placed) - {failing}  # each read order was imported before the failure
    assert claims[failing].status == ImportStatus.NEW and not claims[failing].detail_payload
    assert OrderFetchState.objects.get(account=shop.account).watermark is None  # the read was not whole

    monkeypatch.setattr(fetch, "read_full", real_read)
    again = shop.run()

    assert again.outcomes == {AttemptOutcome.CREATED: 1}
    assert {c.status for c in shop.claims().values()} == {ImportStatus.IMPORTED}
    assert shop.magento_orders() == 4


def test_a_token_rotated_on_the_aliexpress_thread_is_stored_by_the_run(shop: Shop) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(1), 30))
    placed = shop.place(2)
    old_access, old_refresh = shop.account.access_token, shop.account.refresh_token
    shop.aliexpress.world.tokens.tokens[old_access].access_expires_at = 0  # AliExpress refuses it now

    counts = shop.run()

    account = Account.objects.get(pk=shop.account.pk)
    assert account.access_token not in ("", old_access) and account.refresh_token != old_refresh
    assert shop.aliexpress.world.tokens.valid(account.access_token, shop.aliexpress.clock()) is not None
    logged = ActivityLog.objects.filter(account_id=account.pk, comment__startswith="Access token refreshed")
    assert logged.count() == 1
    assert counts.outcomes == {AttemptOutcome.CREATED: 2}
    assert sorted(shop.claims()) == sorted(placed)


def _count_refusals(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The access tokens the AliExpress sandbox refused, as it refuses them."""
    refused: list[str] = []
    valid = shop.aliexpress.world.tokens.valid

    def spy(access_token: str, now: float) -> Any:
        found = valid(access_token, now)
        if found is None:
            refused.append(access_token)
        return found

    monkeypatch.setattr(shop.aliexpress.world.tokens, "valid", spy)
    return refused


def test_two_reading_threads_refused_at_once_refresh_the_token_once(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AliExpress rotates the refresh token on use: a second refresh with the old one would be refused
    (and the account paused). The thread refused second sends again with the first one's new token."""
    shop.sell(dict.fromkeys(shop.salable_simples(1), 30))
    placed = shop.place(2)
    shop.aliexpress.world.tokens.tokens[shop.account.access_token].access_expires_at = 0
    rotated: list[Token] = []
    client = api_clients.aliexpress(shop.account, on_token_refreshed=rotated.append)
    refusals = _count_refusals(shop, monkeypatch)
    refresh = client.oauth.refresh_token

    def refresh_once_both_are_refused(refresh_token: str) -> Token:
        deadline = time.monotonic() + 5
        while len(refusals) < len(placed) and time.monotonic() < deadline:
            time.sleep(0.01)
        return refresh(refresh_token)

    monkeypatch.setattr(client.oauth, "refresh_token", refresh_once_both_are_refused)
    together = threading.Barrier(len(placed))
    statuses: dict[int, str] = {}

    def read(order_id: int) -> None:
        together.wait(WAIT_SECONDS)
        statuses[order_id] = client.orders.info_get(order_id).order_status

    threads = [threading.Thread(target=read, args=(order_id,)) for order_id in placed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS)
    client.close()

    assert statuses == dict.fromkeys(placed, "WAIT_SELLER_SEND_GOODS")
    assert len(refusals) == 2 and len(rotated) == 1
    assert client.access_token == rotated[0].access_token
