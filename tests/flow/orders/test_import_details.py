"""What an imported order carries, what stops one, and the placement journal on the claim row."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.clients.aliexpress import TerminalError
from aliexpress_magento.orders.models import AttemptOutcome, ImportStatus
from aliexpress_magento.orders.services import run
from aliexpress_magento.sandbox.magento1 import Magento1Sandbox
from tests.stores.store_contract import PlacementCrash, crash_on_next_comment

from .conftest import Shop

MAGENTO2_ONLY = pytest.mark.parametrize("shop", ["magento2"], indirect=True)
MAGENTO1_ONLY = pytest.mark.parametrize("shop", ["magento1"], indirect=True)


def test_a_quote_order_whose_magento_total_differs_is_flagged_and_commented(shop: Shop) -> None:
    (sku,) = shop.salable_simples(1)
    shop.sell({sku: 5}, price="1.00")  # Magento charges its own catalog price and shipping
    (order_id,) = shop.place(1)

    shop.run()

    claim = shop.claims()[order_id]
    assert claim.status == ImportStatus.IMPORTED
    assert claim.totals_mismatch is True
    assert claim.magento_grand_total is not None and claim.magento_grand_total != claim.aliexpress_total
    totals = f"AliExpress {claim.aliexpress_total:.2f} USD, Magento {claim.magento_grand_total:.2f} USD"
    expected = f"Totals differ: {totals}."
    assert shop.comments(claim.magento_order_id or 0).count(expected) == 1


@MAGENTO2_ONLY
def test_a_direct_order_carries_aliexpress_amounts_and_the_prefixed_number(shop: Shop) -> None:
    shop.account.use_quote_method = False
    shop.account.save()
    (sku,) = shop.salable_simples(1)
    shop.sell({sku: 5}, price="7.25")
    (order_id,) = shop.place(1)

    shop.run()

    claim = shop.claims()[order_id]
    assert (claim.status, claim.magento_order_number) == (ImportStatus.IMPORTED, f"AE-{order_id}")
    assert claim.magento_grand_total == claim.aliexpress_total
    assert claim.aliexpress_total is not None and claim.aliexpress_total % Decimal("7.25") == 0
    assert claim.totals_mismatch is False


@MAGENTO1_ONLY
def test_magento1_refuses_the_direct_method_with_a_reason(shop: Shop) -> None:
    shop.account.use_quote_method = False
    shop.account.save()
    shop.sell(dict.fromkeys(shop.salable_simples(1), 5))
    (order_id,) = shop.place(1)

    shop.run()

    claim = shop.claims()[order_id]
    assert claim.status == ImportStatus.FAILED
    assert claim.failure_reason.startswith(
        "Magento refused the order: Magento 1 has no direct order creation"
    )
    assert shop.magento_orders() == 0


@pytest.mark.parametrize("problem", ["disabled", "out of stock"])
def test_a_disabled_or_out_of_stock_product_fails_its_order_and_the_next_goes_on(
    shop: Shop, problem: str
) -> None:
    bad, good = shop.salable_simples(2)
    shop.sell({bad: 5})
    (bad_order,) = shop.place(1)
    shop.sell({good: 5})
    (good_order,) = shop.place(1)
    if problem == "disabled":
        shop.magento.update_product(bad, status=2)
    else:
        shop.set_stock(bad, 0)

    shop.run()

    claims = shop.claims()
    qty = shop.aliexpress.world.orders.orders[bad_order].lines[0].count
    reason = f"Disabled in Magento: {bad}." if problem == "disabled" else (
        f"Out of stock in Magento: {bad} (not salable, {qty} ordered)."
    )  # fmt: skip
    assert (claims[bad_order].status, claims[bad_order].failure_reason) == (ImportStatus.FAILED, reason)
    assert claims[good_order].status == ImportStatus.IMPORTED
    assert shop.magento_orders() == 1


def test_an_order_whose_status_changes_is_updated_not_created_again(shop: Shop) -> None:
    shop.account.fetch_order_statuses = ["WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_ACCEPT_GOODS"]
    shop.account.save()
    shop.sell(dict.fromkeys(shop.salable_simples(1), 5))
    (order_id,) = shop.place(1)
    shop.run()
    shop.aliexpress.world.orders.orders[order_id].move("WAIT_BUYER_ACCEPT_GOODS", shop.aliexpress.clock())

    again = shop.run()

    claim = shop.claims()[order_id]
    assert (again.fetched.new, again.fetched.changed, dict(again.outcomes)) == (0, 1, {})
    assert (claim.status, claim.aliexpress_status) == (ImportStatus.IMPORTED, "WAIT_BUYER_ACCEPT_GOODS")
    assert shop.magento_orders() == 1


def test_an_order_placed_just_before_a_crash_is_found_by_the_cart_kept_on_the_claim_row(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The crash comes after Magento turned the cart into an order and before the order carries the
    AliExpress order id (its comment): only the cart reference, committed on the claim row, finds it."""
    shop.sell(dict.fromkeys(shop.salable_simples(1), 5))
    (order_id,) = shop.place(1)
    with api_clients.store(shop.account) as store:
        crash_on_next_comment(store, monkeypatch)

    with pytest.raises(PlacementCrash):
        shop.run()
    crashed = shop.claims()[order_id]
    assert (crashed.status, shop.magento_orders()) == (ImportStatus.CREATING, 1)
    assert crashed.cart_ref

    again = shop.run()

    claim = shop.claims()[order_id]
    assert again.outcomes == {AttemptOutcome.FOUND: 1}
    assert claim.status == ImportStatus.IMPORTED
    assert shop.magento_orders() == 1
    assert str(claim.magento_order_id) in shop.magento.world.orders


def test_orders_are_placed_for_the_customer_email_customer_created_once(shop: Shop) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(2), 10))
    shop.place(2)

    shop.run()

    (customer,) = shop.customers("aliexpress-orders@example.com")  # the account's Aliexpress Customer Email
    placed_for = {shop.order_customer(c.magento_order_id or 0) for c in shop.claims().values()}
    assert placed_for == {(customer, "aliexpress-orders@example.com")}


def test_without_a_customer_email_orders_are_guest_orders_under_a_stand_in_address(shop: Shop) -> None:
    shop.account.customer_email = ""
    shop.account.save()
    shop.sell(dict.fromkeys(shop.salable_simples(1), 10))
    (order_id,) = shop.place(1)

    shop.run()

    claim = shop.claims()[order_id]
    assert shop.order_customer(claim.magento_order_id or 0) == ("", "aliexpress-aliqatest07@example.com")
    assert shop.customers("aliexpress-aliqatest07@example.com") == []


@MAGENTO2_ONLY
def test_a_line_left_in_the_customers_cart_is_not_ordered(shop: Shop) -> None:
    """Magento 2 answers a customer's active cart until it is ordered: a line left in it (a cart an
    earlier attempt filled and never placed) is removed before the order's lines go in."""
    ordered, leftover = shop.salable_simples(2)
    with api_clients.store(shop.account) as store:
        customer = store.ensure_customer("aliexpress-orders@example.com", "AliExpress", "Customer")
    client = api_clients.magento2_client(shop.account)
    client.carts.add_item(client.carts.for_customer(customer), leftover, 1)
    shop.sell({ordered: 5})
    (order_id,) = shop.place(1)

    shop.run()

    magento_id = shop.claims()[order_id].magento_order_id or 0
    items = shop.magento.world.orders[str(magento_id)]["items"]
    assert {item["sku"] for item in items} == {ordered}


def test_one_order_fetched_by_its_id_is_imported_whatever_its_dates(shop: Shop) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(1), 5))
    (order_id,) = shop.place(1)
    shop.aliexpress.world.orders.orders[order_id].modified_at -= 30 * 86400  # older than any window

    assert shop.run().fetched.listed == 0
    outcome = run.fetch_one_and_import(shop.account, order_id)

    claim = shop.claims()[order_id]
    assert (outcome, claim.status, claim.buyer_name) == (
        AttemptOutcome.CREATED,
        ImportStatus.IMPORTED,
        "BYD Song",
    )
    assert claim.list_payload == {} and claim.detail_payload["id"] == order_id
    assert shop.magento_orders() == 1
    assert run.fetch_one_and_import(shop.account, order_id) == AttemptOutcome.FOUND
    assert shop.magento_orders() == 1


def test_fetching_an_order_id_aliexpress_does_not_know_says_so(shop: Shop) -> None:
    with pytest.raises(TerminalError, match="order 8100000000009900 does not exist"):
        run.fetch_one_and_import(shop.account, 8100000000009900)


def test_a_configurable_childs_line_is_ordered_through_its_parent(shop: Shop) -> None:
    catalog = shop.magento.world.catalog
    child = next(
        p
        for p in catalog.products
        if p.parent_id and catalog.by_id[p.parent_id].status == 1 and shop.magento.salable_qty(p.sku) >= 10
    )
    shop.sell({child.sku: 5})
    (order_id,) = shop.place(1)

    shop.run()

    magento_id = shop.claims()[order_id].magento_order_id or 0
    if isinstance(shop.magento, Magento1Sandbox):
        items = shop.magento.order(magento_id)["items"]
    else:
        items = shop.magento.world.orders[str(magento_id)]["items"]
    assert sorted((i["sku"], i["product_type"]) for i in items) == [
        (child.sku, "configurable"),
        (child.sku, "simple"),
    ]
