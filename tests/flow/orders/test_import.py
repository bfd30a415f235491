"""Order import on both Magento sandboxes, driven by the AliExpress buyer simulator."""

from __future__ import annotations

import pytest

from aliexpress_magento.orders.models import AttemptOutcome, ImportStatus, OrderAttempt
from aliexpress_magento.orders.services import importer

from .conftest import Shop, later


def test_paid_orders_are_imported_once(shop: Shop) -> None:
    skus = shop.salable_simples(2)
    shop.sell(dict.fromkeys(skus, 30))
    placed = shop.place(3)

    first = shop.run()
    second = shop.run()

    claims = shop.claims()
    assert sorted(claims) == sorted(placed)
    assert {c.status for c in claims.values()} == {ImportStatus.IMPORTED}
    assert shop.magento_orders() == 3
    assert len({c.magento_order_id for c in claims.values()}) == 3
    assert first.outcomes == {AttemptOutcome.CREATED: 3}
    assert (second.fetched.new, second.fetched.changed, dict(second.outcomes)) == (0, 0, {})
    claim = claims[placed[0]]
    assert claim.magento_order_number and claim.attempts == 1
    assert claim.detail_payload["id"] == placed[0]
    assert claim.receipt_payload["contact_person"] == "BYD Song"
    assert claim.list_payload["order_id"] == placed[0]
    assert (claim.aliexpress_currency, claim.magento_currency) == ("USD", "USD")


def test_an_unpaid_order_waits_then_is_imported_once_paid(shop: Shop) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(1), 30))
    (order_id,) = shop.place(1, status="PLACE_ORDER_SUCCESS")

    shop.run()
    assert shop.claims() == {}  # only the statuses of Fetch Order Status are fetched
    assert shop.magento_orders() == 0

    shop.aliexpress.clock = lambda: shop.aliexpress.world.buyer_clock + 61  # the buyer pays after 60 s
    shop.aliexpress.tick()
    assert shop.aliexpress.world.orders.orders[order_id].status == "WAIT_SELLER_SEND_GOODS"
    shop.run(later(2))

    claim = shop.claims()[order_id]
    assert (claim.status, claim.aliexpress_status) == (ImportStatus.IMPORTED, "WAIT_SELLER_SEND_GOODS")
    assert shop.magento_orders() == 1


def test_an_unknown_sku_fails_that_order_only_then_succeeds_once_the_product_exists(shop: Shop) -> None:
    (known,) = shop.salable_simples(1)
    shop.sell({"NEW-IN-MAGENTO-1": 5})
    (unknown_order,) = shop.place(1)
    shop.sell({known: 5})
    (good_order,) = shop.place(1)

    shop.run()
    claims = shop.claims()
    failed = claims[unknown_order]
    assert (failed.status, failed.attempts) == (ImportStatus.FAILED, 1)
    assert failed.failure_reason == (
        "Unknown SKU in Magento: NEW-IN-MAGENTO-1. It is neither a Magento SKU nor a listed AliExpress SKU "
        "(set the Alternate SKU Attribute if your AliExpress SKU codes are not Magento SKUs)."
    )
    assert claims[good_order].status == ImportStatus.IMPORTED
    assert shop.magento_orders() == 1

    shop.magento.add_product_like(known, "NEW-IN-MAGENTO-1")
    shop.set_stock("NEW-IN-MAGENTO-1", 10)
    shop.run(later(10))  # before the 15 minutes between attempts: not retried
    assert shop.claims()[unknown_order].status == ImportStatus.FAILED
    shop.run(later(16))

    retried = shop.claims()[unknown_order]
    assert (retried.status, retried.attempts, retried.failure_reason) == (ImportStatus.IMPORTED, 2, "")
    assert shop.magento_orders() == 2
    outcomes = list(OrderAttempt.objects.filter(order=retried).values_list("outcome", flat=True))
    assert outcomes == [AttemptOutcome.FAILED, AttemptOutcome.CREATED]


def test_a_crash_after_magento_created_the_order_is_found_by_the_next_run(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(1), 30))
    (order_id,) = shop.place(1)

    class Crash(Exception):
        pass

    def crash(*_: object) -> None:
        raise Crash

    with monkeypatch.context() as patched:
        patched.setattr(importer, "record_created", crash)
        with pytest.raises(Crash):
            shop.run()
    assert shop.magento_orders() == 1
    assert shop.claims()[order_id].status == ImportStatus.CREATING

    again = shop.run()

    claim = shop.claims()[order_id]
    assert (claim.status, claim.attempts) == (ImportStatus.IMPORTED, 2)
    assert again.outcomes == {AttemptOutcome.FOUND: 1}
    assert shop.magento_orders() == 1
    assert claim.magento_order_id is not None
