"""The placement journal on the claim rows: durable, one order per noted cart."""

from __future__ import annotations

import pytest

from aliexpress_magento.orders.models import AliExpressOrder
from aliexpress_magento.orders.services.journal import ClaimJournal
from tests.support.accounts import make_account


@pytest.fixture
def claims(db: None) -> tuple[AliExpressOrder, AliExpressOrder]:
    account = make_account("https://ae.sandbox.test", "https://shop.sandbox.test")
    first = AliExpressOrder.objects.create(account=account, aliexpress_order_id=8100000000000100)
    return first, AliExpressOrder.objects.create(account=account, aliexpress_order_id=8100000000000200)


def test_a_noted_cart_is_on_the_row_and_recalled_by_a_fresh_journal(
    claims: tuple[AliExpressOrder, AliExpressOrder],
) -> None:
    first, _ = claims
    ClaimJournal(first).remember("8100000000000100", "41")
    assert AliExpressOrder.objects.get(pk=first.pk).cart_ref == "41"
    assert ClaimJournal(AliExpressOrder.objects.get(pk=first.pk)).recall("8100000000000100") == "41"
    assert ClaimJournal(first).recall("8100000000000200") is None  # another order's id: not this row's


def test_a_cart_noted_by_the_next_order_is_no_longer_the_first_orders(
    claims: tuple[AliExpressOrder, AliExpressOrder],
) -> None:
    """Magento 2's customer cart: the first order noted it and never placed it; the next one took it."""
    first, second = claims
    ClaimJournal(first).remember("8100000000000100", "41")
    ClaimJournal(second).remember("8100000000000200", "41")
    assert ClaimJournal(first).recall("8100000000000100") is None
    assert ClaimJournal(second).recall("8100000000000200") == "41"


def test_a_journal_refuses_another_orders_cart(claims: tuple[AliExpressOrder, AliExpressOrder]) -> None:
    with pytest.raises(ValueError, match="this journal keeps order 8100000000000100, not 8100000000000200"):
        ClaimJournal(claims[0]).remember("8100000000000200", "41")
