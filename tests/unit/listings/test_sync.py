"""The price and inventory syncs' pure parts: each SKU's values (the payload builder's, always), the
deltas against the last pushed values, zero stock first, and the chunking of calls (20 products x 200
SKUs, 100 ids a delete)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from aliexpress_magento.listings.mappers import sync
from aliexpress_magento.listings.mappers.inputs import PriceRule, SpecialPrice
from aliexpress_magento.listings.mappers.payload import build_item
from aliexpress_magento.listings.mappers.sync import PushedSku, SkuPrice
from tests.unit.listings.shirts import COLOR, SIZE, TODAY, configurable, profile, settings, simple

D = Decimal


def test_the_sync_values_are_the_payload_builders_for_every_sku() -> None:
    rules = settings(price_rule=PriceRule.INCREASE_PERCENT, price_percentage=D("10"), stock_buffer=1)
    special = SpecialPrice(D("25.00"), date(2025, 6, 1), date(2025, 6, 30))
    product = configurable(special_price=special)
    product = replace(product, children=(replace(product.children[0], price=None), *product.children[1:]))

    built = build_item(product, profile(COLOR, SIZE), rules, today=TODAY)
    prices = sync.current_prices(product, rules, TODAY)
    stock = sync.current_stock(product, rules)

    assert {s.sku_code: (s.price, s.discount_price) for s in built.skus} == {
        code: (p.price, p.discount_price) for code, p in prices.items()
    }
    assert {s.sku_code: s.inventory for s in built.skus} == stock
    assert prices["SHIRT-BLK-M"] == SkuPrice("SHIRT-BLK-M", D("32.89"), D("27.50"))  # the parent's price
    assert stock == {"SHIRT-BLK-M": 4, "SHIRT-BLK-L": 0, "SHIRT-WHT-M": 6}


def test_a_price_that_cannot_be_computed_is_a_problem_not_a_value() -> None:
    rules = settings(base_currency="EUR", quotation_currency="USD")

    (price,) = sync.current_prices(simple(), rules, TODAY).values()

    assert (price.price, price.discount_price) == (None, None)
    assert price.problem.startswith(
        "SKU SHIRT-OXF: Prices are in EUR but AliExpress quotes this seller in USD"
    )


def test_only_skus_whose_price_or_discount_changed_are_returned() -> None:
    pushed = [
        PushedSku("A", D("10.00"), None, 1),
        PushedSku("B", D("20.00"), D("15.00"), 1),
        PushedSku("C", D("30.00"), D("25.00"), 1),
        PushedSku("GONE", D("40.00"), None, 1),
    ]
    current = {
        "A": SkuPrice("A", D("10.00"), None),
        "B": SkuPrice("B", D("20.00"), D("14.00")),  # the discount changed
        "C": SkuPrice("C", D("30.00"), None),  # the special price ended
        "NEW": SkuPrice("NEW", D("1.00"), None),  # AliExpress has no such SKU yet
    }

    assert sync.price_changes(pushed, current) == [current["B"], current["C"]]


def test_stock_deltas_zero_a_sku_no_longer_for_sale_and_leave_an_unread_one() -> None:
    pushed = [PushedSku(code, None, None, 5) for code in ("SAME", "MORE", "GONE", "UNREAD")]
    current = {"SAME": 5, "MORE": 9, "UNREAD": None}

    assert sync.stock_changes(pushed, current) == [("MORE", 9), ("GONE", 0)]


def test_zero_stock_goes_first_one_entry_per_product() -> None:
    updates = [(1, [("a", 3)]), (2, [("b", 4), ("c", 0)]), (3, [("d", 0)]), (4, [("e", 1)])]

    assert sync.zero_first(updates) == [
        (2, [("c", 0), ("b", 4)]),
        (3, [("d", 0)]),
        (1, [("a", 3)]),
        (4, [("e", 1)]),
    ]


def test_batches_hold_the_chunk_size_in_products_and_never_more_than_twenty() -> None:
    updates = [(pid, [f"s{pid}"]) for pid in range(45)]

    assert [len(call) for call in sync.batches(updates, 7)] == [7, 7, 7, 7, 7, 7, 3]
    assert [len(call) for call in sync.batches(updates, 50)] == [20, 20, 5]
    assert [p for call in sync.batches(updates, 20) for p, _ in call] == list(range(45))


def test_a_product_of_more_than_200_skus_is_split_never_twice_in_one_call() -> None:
    skus = [f"s{i}" for i in range(450)]

    calls = sync.batches([(1, skus), (2, ["x"])], 20)

    assert [[(p, len(s)) for p, s in call] for call in calls] == [[(1, 200)], [(1, 200)], [(1, 50), (2, 1)]]
    assert [s for call in calls for p, piece in call if p == 1 for s in piece] == skus


def test_delete_ids_go_by_a_hundred() -> None:
    ids = list(range(250))

    assert [len(c) for c in sync.chunks(ids, sync.MAX_DELETE_IDS)] == [100, 100, 50]
    assert [i for c in sync.chunks(ids, sync.MAX_DELETE_IDS) for i in c] == ids
    assert list(sync.chunks([], 100)) == []
