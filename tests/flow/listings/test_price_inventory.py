"""Product Price / Inventory Update and their crons (issue 13, item 6) on each Magento sandbox with the
AliExpress sandbox: a simple and a configurable made live as the upload tests do, then a price and a
stock changed in Magento → exactly those SKUs sent (the calls' parameters and the AliExpress product's
state), a second run sends nothing, zero stock first, chunks by the chunk size, a refused product, a
disabled product offline and back online."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_FLOOR, Decimal

import pytest
from django.utils import timezone

from aliexpress_magento.activity.models import ActivityLog, JobRun
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.listings.models import ListingSku, ListingStatus
from aliexpress_magento.listings.services import inventory, prices
from aliexpress_magento.listings.services.live import UNCHANGED
from aliexpress_magento.listings.tasks import sync_inventory, sync_price
from aliexpress_magento.sandbox.magento1 import Magento1Sandbox
from tests.flow.listings.recording import INVENTORY, OFFLINE, ONLINE, PRICE, RecordingSandbox
from tests.flow.listings.test_upload import World, _cents, _upload_both, world
from tests.support.accounts import APP_KEY, APP_SECRET

pytestmark = pytest.mark.parametrize("media", ["magento2", "magento1"], indirect=True)
__all__ = ["world"]  # the upload tests' fixture, used here


@pytest.fixture
def ae_sandbox() -> RecordingSandbox:
    return RecordingSandbox(app_key=APP_KEY, app_secret=APP_SECRET)


@pytest.fixture
def live(world: World) -> World:
    """Given the simple and the configurable live on AliExpress, and no AliExpress call counted yet."""
    _upload_both(world)
    assert {world.listing(r).status for r in (world.simple, world.configurable)} == {ListingStatus.LIVE}
    world.calls.clear()
    _recorder(world).sent.clear()
    return world


def _recorder(world: World) -> RecordingSandbox:
    assert isinstance(world.ae, RecordingSandbox)
    return world.ae


def _children(world: World) -> list[CatalogProduct]:
    return list(CatalogProduct.objects.filter(parent=world.configurable).order_by("sku"))


def _set_stock(world: World, sku: str, qty: int) -> int:
    """Set the SKU's stock in Magento (without an ``updated_at`` change on Magento 1); its AliExpress
    inventory from now on."""
    sandbox = world.media.sandbox
    if isinstance(sandbox, Magento1Sandbox):
        sandbox.set_stock(sku, qty, in_stock=qty > 0)
    else:
        sandbox.set_source_qty(sku, qty, status=1 if qty > 0 else 0)
    salable = Decimal(str(sandbox.salable_qty(sku)))
    return int(salable.to_integral_value(rounding=ROUND_FLOOR)) if qty > 0 else 0


def _ae_sku(world: World, row: CatalogProduct, sku: str) -> dict[str, object]:
    product_id = world.listing(row).aliexpress_product_id
    assert product_id is not None
    found = world.ae.world.products.products[product_id].sku(sku)
    assert found is not None
    return found


def _pushed(row: CatalogProduct) -> dict[str, tuple[Decimal | None, int | None]]:
    return {
        s.sku_code: (s.pushed_price, s.pushed_qty) for s in ListingSku.objects.filter(listing__product=row)
    }


# --- price -----------------------------------------------------------------------------------------


def test_a_changed_price_sends_that_sku_only_and_a_second_run_sends_nothing(live: World) -> None:
    world = live
    new_price = _cents(world.simple.price) + Decimal("5.00")
    world.media.sandbox.update_product(world.simple.sku, price=float(new_price))
    world.mirror()
    before = _pushed(world.configurable)

    outcome = prices.push_prices(world.account)

    assert outcome.done == [world.simple.sku]
    assert outcome.skipped == {world.configurable.sku: UNCHANGED}
    assert outcome.failed == {}
    assert world.calls[PRICE] == 1
    (call,) = _recorder(world).of(PRICE)
    simple_id = world.listing(world.simple).aliexpress_product_id
    assert call.updates() == [(simple_id, [{"sku_code": world.simple.sku, "price": str(new_price)}])]
    assert Decimal(str(_ae_sku(world, world.simple, world.simple.sku)["price"])) == new_price
    assert _pushed(world.simple)[world.simple.sku][0] == new_price
    assert _pushed(world.configurable) == before

    world.calls.clear()
    again = prices.push_prices(world.account)

    assert sum(world.calls.values()) == 0
    assert again.skipped == {world.simple.sku: UNCHANGED, world.configurable.sku: UNCHANGED}
    logged = ActivityLog.objects.filter(log_type="listing", log_sub_type="price").order_by("pk")
    assert [e.comment for e in logged] == [
        "Price update: 1 done, 1 skipped, 0 failed; 1 SKUs sent in 1 calls.",
        "Price update: 0 done, 2 skipped, 0 failed; 0 SKUs sent in 0 calls.",
    ]


def test_prices_go_by_the_price_chunk_size(live: World) -> None:
    world = live
    world.account.price_chunk_size = 1
    world.account.save()
    world.media.sandbox.update_product(world.simple.sku, price=float(_cents(world.simple.price) + 1))
    world.media.sandbox.update_product(
        world.configurable.sku, price=float(_cents(world.configurable.price) + 1)
    )
    raised = {c.sku: _cents(c.price) + 2 for c in _children(world)}
    for sku, price in raised.items():
        world.media.sandbox.update_product(sku, price=float(price))
    world.mirror()

    outcome = prices.push_prices(world.account)

    assert sorted(outcome.done) == sorted([world.simple.sku, world.configurable.sku])
    calls = _recorder(world).of(PRICE)
    assert [len(c.updates()) for c in calls] == [1, 1]
    (_, configurable_skus) = next(
        u
        for c in calls
        for u in c.updates()
        if u[0] == world.listing(world.configurable).aliexpress_product_id
    )
    assert {s["sku_code"]: Decimal(s["price"]) for s in configurable_skus} == raised


def test_a_product_aliexpress_refuses_keeps_its_listing_live_with_the_message(live: World) -> None:
    world = live
    gone = world.listing(world.simple).aliexpress_product_id
    assert gone is not None
    del world.ae.world.products.products[gone]  # removed on AliExpress meanwhile
    world.media.sandbox.update_product(world.simple.sku, price=float(_cents(world.simple.price) + 1))
    child = _children(world)[0]
    world.media.sandbox.update_product(child.sku, price=float(_cents(child.price) + 1))
    world.mirror()
    before = _pushed(world.simple)

    outcome = prices.push_prices(world.account)

    refused = "The product does not exist. (F00-00-10001-002)"
    assert outcome.done == [world.configurable.sku]
    assert outcome.failed == {world.simple.sku: f"AliExpress refused the price update: {refused}"}
    assert world.calls[PRICE] == 1  # both products in one call; AliExpress failed one of them
    listing = world.listing(world.simple)
    assert listing.status == ListingStatus.LIVE
    assert listing.errors == [
        {"attribute": "", "magento": "", "message": f"Price update refused by AliExpress: {refused}"}
    ]
    assert _pushed(world.simple) == before  # not recorded: the next run sends it again
    assert _pushed(world.configurable)[child.sku][0] == _cents(child.price) + 1
    entry = ActivityLog.objects.filter(log_sub_type="price").latest("pk")
    assert entry.comment == (
        "Price update: 1 done, 0 skipped, 1 failed; 2 SKUs sent in 1 calls.\n"
        f"{world.simple.sku}: AliExpress refused the price update: {refused}"
    )

    world.calls.clear()
    prices.push_prices(world.account)

    assert world.calls[PRICE] == 1
    assert _recorder(world).of(PRICE)[-1].updates()[0][0] == gone


# --- inventory -------------------------------------------------------------------------------------


def test_a_changed_stock_sends_that_sku_only_and_a_second_run_sends_nothing(live: World) -> None:
    world = live
    child, other = _children(world)[:2]
    expected = _set_stock(world, child.sku, 37)
    _ae_sku(world, world.configurable, other.sku)["inventory"] = 777  # would be overwritten if sent

    outcome = inventory.push_inventory(world.account)  # reads the stock itself: no catalog refresh

    assert outcome.done == [world.configurable.sku]
    assert outcome.skipped == {world.simple.sku: UNCHANGED}
    assert world.calls[INVENTORY] == 1
    (call,) = _recorder(world).of(INVENTORY)
    configurable_id = world.listing(world.configurable).aliexpress_product_id
    assert call.updates() == [(configurable_id, [{"sku_code": child.sku, "inventory": expected}])]
    assert _ae_sku(world, world.configurable, child.sku)["inventory"] == expected
    assert _ae_sku(world, world.configurable, other.sku)["inventory"] == 777
    assert _pushed(world.configurable)[child.sku][1] == expected

    world.calls.clear()
    again = inventory.push_inventory(world.account)

    assert sum(world.calls.values()) == 0
    assert again.skipped == {world.simple.sku: UNCHANGED, world.configurable.sku: UNCHANGED}
    entry = ActivityLog.objects.filter(log_sub_type="inventory").latest("pk")
    assert entry.comment == (
        "Inventory update: 0 done, 2 skipped, 0 failed; 0 SKUs sent in 0 calls; 0 taken offline; "
        "0 back online."
    )


def test_zero_stock_goes_first_and_calls_follow_the_inventory_chunk_size(live: World) -> None:
    world = live
    world.account.inventory_chunk_size = 1
    world.account.save()
    child, other = _children(world)[:2]
    simple_qty = _set_stock(world, world.simple.sku, 41)
    other_qty = _set_stock(world, other.sku, 9)
    _set_stock(world, child.sku, 0)

    outcome = inventory.push_inventory(world.account)

    assert sorted(outcome.done) == sorted([world.simple.sku, world.configurable.sku])
    configurable_id = world.listing(world.configurable).aliexpress_product_id
    simple_id = world.listing(world.simple).aliexpress_product_id
    assert [c.updates() for c in _recorder(world).of(INVENTORY)] == [
        [
            (
                configurable_id,
                [{"sku_code": child.sku, "inventory": 0}, {"sku_code": other.sku, "inventory": other_qty}],
            )
        ],
        [(simple_id, [{"sku_code": world.simple.sku, "inventory": simple_qty}])],
    ]


def test_a_disabled_product_goes_offline_and_back_online_when_enabled(live: World) -> None:
    world = live
    world.media.sandbox.update_product(world.simple.sku, status=2)
    world.mirror()
    product_id = world.listing(world.simple).aliexpress_product_id
    assert product_id is not None

    outcome = inventory.push_inventory(world.account)

    assert world.calls[OFFLINE] == 1
    assert _recorder(world).of(OFFLINE)[0].params["product_ids"] == str(product_id)
    assert world.listing(world.simple).status == ListingStatus.OFFLINE
    assert world.ae.world.products.products[product_id].status == "offline"
    assert outcome.done == [world.simple.sku]
    assert world.calls[INVENTORY] == 0

    world.media.sandbox.update_product(world.simple.sku, status=1)
    world.mirror()
    world.calls.clear()

    back = inventory.push_inventory(world.account)

    assert (world.calls[ONLINE], world.calls[OFFLINE]) == (1, 0)
    assert world.listing(world.simple).status == ListingStatus.LIVE
    assert world.ae.world.products.products[product_id].status == "onSelling"
    assert back.done == [world.simple.sku]
    entry = ActivityLog.objects.filter(log_sub_type="inventory").latest("pk")
    assert entry.comment.startswith("Inventory update: 1 done, 1 skipped, 0 failed;")
    assert entry.comment.endswith("; 0 taken offline; 1 back online.")


def test_a_product_removed_from_magento_goes_offline(live: World) -> None:
    world = live
    # Given the mirror's verdict after a complete full read (how the catalog refresh marks a removal).
    CatalogProduct.objects.filter(pk=world.configurable.pk).update(removed_at=timezone.now())
    product_id = world.listing(world.configurable).aliexpress_product_id
    assert product_id is not None

    outcome = inventory.push_inventory(world.account, [world.configurable.pk, world.simple.pk])

    assert (world.calls[OFFLINE], world.calls[INVENTORY]) == (1, 0)
    assert world.listing(world.configurable).status == ListingStatus.OFFLINE
    assert world.ae.world.products.products[product_id].status == "offline"
    assert (outcome.done, outcome.skipped) == ([world.configurable.sku], {world.simple.sku: UNCHANGED})


# --- jobs ------------------------------------------------------------------------------------------


def test_the_price_and_inventory_crons_run_the_syncs(live: World, ae_calls: Counter[str]) -> None:
    world = live
    new_price = _cents(world.simple.price) + Decimal("3.00")
    world.media.sandbox.update_product(world.simple.sku, price=float(new_price))
    world.mirror()
    child = _children(world)[0]
    expected = _set_stock(world, child.sku, 12)

    sync_price.apply(kwargs={"account_id": world.account.pk})
    sync_inventory.apply(kwargs={"account_id": world.account.pk})

    assert (ae_calls[PRICE], ae_calls[INVENTORY]) == (1, 1)
    assert Decimal(str(_ae_sku(world, world.simple, world.simple.sku)["price"])) == new_price
    assert _ae_sku(world, world.configurable, child.sku)["inventory"] == expected
    runs = {r.job_code: r for r in JobRun.objects.filter(account=world.account)}
    assert runs["listings.sync_price"].status == "success"
    assert runs["listings.sync_inventory"].status == "success"
