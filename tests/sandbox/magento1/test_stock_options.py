"""Manage Stock and Backorders in the Magento 1 sandbox, as ``Mage_CatalogInventory_Model_Stock_Item``
applies them (``getIsInStock``, ``checkQty``, ``verifyStock``, ``canSubtractQty``): the stock list
answers ``qty`` and ``is_in_stock`` only, and carts take what Magento would sell."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from aliexpress_magento.sandbox.magento1 import Magento1Sandbox
from aliexpress_magento.sandbox.magento1.attributes import BY_CODE

from .conftest import Fault, Rpc, guest_checkout, sellable_simple, two_axis_configurable
from .test_recordings import assert_same_shape, recorded


def test_stock_not_managed_sells_any_quantity_and_never_moves(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    sandbox.set_stock(product.sku, 0, in_stock=False)  # what is stored no longer counts
    sandbox.set_stock_options(product.sku, manage_stock=False)
    assert rpc.call("cataloginventory_stock_item.list", [product.sku]) == [
        {"product_id": str(product.id), "sku": product.sku, "qty": "0.0000", "is_in_stock": True}
    ]  # getIsInStock()'s PHP true: an XML-RPC boolean, not the stored "0"
    increment = guest_checkout(rpc, [{"sku": product.sku, "qty": 7}])
    assert isinstance(increment, str)
    assert rpc.call("sales_order.cancel", increment) is True
    assert rpc.call("cataloginventory_stock_item.list", [product.sku])[0]["qty"] == "0.0000"


def test_backorders_sell_below_zero_and_stay_in_stock(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    sandbox.set_stock(product.sku, 1)
    sandbox.set_stock_options(product.sku, backorders=1)
    assert isinstance(guest_checkout(rpc, [{"sku": product.sku, "qty": 3}]), str)
    assert rpc.call("cataloginventory_stock_item.list", [product.sku]) == [
        {"product_id": str(product.id), "sku": product.sku, "qty": "-2.0000", "is_in_stock": "1"}
    ]


def test_backorders_do_not_sell_an_item_set_out_of_stock(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    sandbox.set_stock(product.sku, 4, in_stock=False)
    sandbox.set_stock_options(product.sku, backorders=2)
    assert guest_checkout(rpc, [{"sku": product.sku, "qty": 1}]) == Fault(
        1022, "This product is currently out of stock."
    )


def test_a_disabled_product_keeps_its_stock_row_and_is_refused_by_the_cart(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    product = sellable_simple(sandbox)
    sandbox.update_product(product.sku, status=2)
    [row] = rpc.call("cataloginventory_stock_item.list", [product.sku])
    assert row["is_in_stock"] == "1"  # the stock list does not look at the status
    assert guest_checkout(rpc, [{"sku": product.sku, "qty": 1}]) == Fault(
        1022, "Product that you are trying to add is not available."
    )


def test_the_options_are_kept_in_the_state_file(tmp_path: Path) -> None:
    path = f"{tmp_path}/m1.json"
    first = Magento1Sandbox(state_file=path)
    product = sellable_simple(first)
    first.set_stock_options(product.sku, manage_stock=False)
    again = Magento1Sandbox(state_file=path)
    assert again.world.stock_options == {product.sku: {"manage_stock": False, "backorders": 0}}


@pytest.mark.parametrize("sku", ["LAB-SIMPLE-1", "LAB-TEE-RED"])
def test_the_recorded_stock_rows_before_and_after_a_cancel(
    rpc: Rpc, sandbox: Magento1Sandbox, sku: str
) -> None:
    """Recorded on a real store for a simple and for a configurable's child bought through its parent: the
    order takes the qty at placement, its cancel gives it back, and the rows keep the recorded keys and
    string values."""
    before, after = (
        recorded(f"second-store/cataloginventory_stock_item.list.{sku}.{moment}")["response"]
        for moment in ("before_cancel", "after_cancel")
    )
    if sku == "LAB-SIMPLE-1":
        sold = sellable_simple(sandbox)
        line: dict[str, object] = {"sku": sold.sku, "qty": 1}
    else:
        parent = two_axis_configurable(sandbox)
        sold = sandbox.world.catalog.children(parent)[0]
        chosen = {str(BY_CODE[c].attribute_id): str(sold.option(c)) for c in parent.axes}
        line = {"sku": parent.sku, "qty": 1, "super_attribute": chosen}
    increment = guest_checkout(rpc, [line])
    placed = rpc.call("cataloginventory_stock_item.list", [sold.sku])
    assert rpc.call("sales_order.cancel", increment) is True
    canceled = rpc.call("cataloginventory_stock_item.list", [sold.sku])
    assert_same_shape(placed, before)
    assert_same_shape(canceled, after)
    assert float(canceled[0]["qty"]) - float(placed[0]["qty"]) == float(after[0]["qty"]) - float(
        before[0]["qty"]
    )


def test_the_control_endpoint_sets_the_options(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    with httpx.Client(transport=httpx.WSGITransport(app=sandbox.wsgi), base_url="http://m1.test") as http:
        body = {"sku": product.sku, "qty": 0, "is_in_stock": False, "manage_stock": False}
        assert http.post("/_sandbox/stock", json=body).status_code == 200
    assert rpc.call("cataloginventory_stock_item.list", [product.sku])[0]["is_in_stock"] is True
