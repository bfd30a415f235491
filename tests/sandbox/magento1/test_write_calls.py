"""``catalog_product.update``, ``sales_order_shipment.create`` and ``.addTrack``: the edits and shipments
the live Store suite's backend makes through API v1 (the connector itself never does), with the faults of
``Mage_Sales_Model_Order_Shipment_Api``."""

from __future__ import annotations

from aliexpress_magento.sandbox.magento1 import Magento1Sandbox
from tests.sandbox.magento1.conftest import Fault, Rpc, guest_checkout, sellable_simple
from tests.sandbox.magento2.conftest import FakeClock


def test_a_product_update_keeps_the_values_and_stamps_updated_at(
    sandbox: Magento1Sandbox, rpc: Rpc, clock: FakeClock
) -> None:
    product = sellable_simple(sandbox)
    clock.advance(60)
    assert rpc.call(
        "catalog_product.update", product.sku, {"name": product.name, "price": "12.5"}, None, "sku"
    )
    info = rpc.call("catalog_product.info", product.sku, None, None, "sku")
    assert (info["name"], info["price"], info["updated_at"]) == (
        product.name,
        "12.5000",
        "2026-11-18 11:07:40",
    )


def test_updating_an_unknown_product_is_fault_101(rpc: Rpc) -> None:
    assert rpc.call("catalog_product.update", "NO-SUCH-SKU", {"name": "x"}, None, "sku") == Fault(
        101, "Product not exists."
    )


def test_a_shipment_with_a_track(sandbox: Magento1Sandbox, rpc: Rpc) -> None:
    increment = guest_checkout(rpc, [{"sku": sellable_simple(sandbox).sku, "qty": 2}])
    shipment = rpc.call("sales_order_shipment.create", increment, [], "", False, False)
    track = rpc.call("sales_order_shipment.addTrack", shipment, "ups", "UPS", "1ZLAB0001")
    info = rpc.call("sales_order_shipment.info", shipment)
    assert [(t["track_id"], t["track_number"], t["carrier_code"], t["title"]) for t in info["tracks"]] == [
        (track, "1ZLAB0001", "ups", "UPS")
    ]
    assert [float(i["qty"]) for i in info["items"]] == [2.0]
    assert rpc.call("sales_order.info", increment)["state"] == "processing"


def test_shipment_faults(sandbox: Magento1Sandbox, rpc: Rpc) -> None:
    increment = guest_checkout(rpc, [{"sku": sellable_simple(sandbox).sku, "qty": 1}])
    assert rpc.call("sales_order_shipment.create", "999999999") == Fault(103, "Requested order not exists.")
    shipment = rpc.call("sales_order_shipment.create", increment)
    assert rpc.call("sales_order_shipment.create", increment) == Fault(102, "Cannot do shipment for order.")
    assert rpc.call("sales_order_shipment.addTrack", shipment, "flatrate", "Flat", "1") == Fault(
        102, "Invalid carrier specified."
    )
    assert rpc.call("sales_order_shipment.addTrack", "999999999", "ups", "UPS", "1") == Fault(
        100, "Requested shipment not exists."
    )


def test_a_product_update_sets_and_clears_special_price_days(sandbox: Magento1Sandbox, rpc: Rpc) -> None:
    """``catalog_product.info`` answers an unset day as null (recorded) and a set one as the datetime
    column's text."""
    sku = sellable_simple(sandbox).sku
    days = {"special_from_date": "2026-12-04", "special_to_date": "2026-12-31"}
    assert rpc.call("catalog_product.update", sku, days, None, "sku")
    info = rpc.call("catalog_product.info", sku, None, None, "sku")
    assert (info["special_from_date"], info["special_to_date"]) == (
        "2026-12-04 00:00:00",
        "2026-12-31 00:00:00",
    )
    assert rpc.call("catalog_product.update", sku, {"special_to_date": ""}, None, "sku")
    info = rpc.call("catalog_product.info", sku, None, None, "sku")
    assert (info["special_from_date"], info["special_to_date"]) == ("2026-12-04 00:00:00", None)
