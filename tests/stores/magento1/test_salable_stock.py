"""Magento1Store's salable stock is what the store would sell (issue 10, finding 5), and ``available_methods``
asks with something Magento would put in a cart (finding 8)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aliexpress_magento.sandbox.magento1 import Magento1Sandbox
from aliexpress_magento.stores import SalableStock
from aliexpress_magento.stores.magento1 import Magento1Store, NotSalableError
from tests.sandbox.magento1.conftest import sellable_simple, two_axis_configurable
from tests.stores.store_contract import ADDRESS, order_for


def _stock(store: Magento1Store, sku: str) -> SalableStock:
    return store.salable_quantities([sku])[sku]


def test_stock_not_managed_is_salable_without_a_limit(store: Magento1Store, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    sandbox.set_stock(product.sku, 0, in_stock=False)
    sandbox.set_stock_options(product.sku, manage_stock=False)
    assert _stock(store, product.sku) == SalableStock(product.sku, 0.0, True, limited=False)
    created = store.create_order(order_for(product.sku, Decimal("9"), "AE-UNMANAGED-1", qty=5))
    assert created.created is True  # what the stock said: Magento sells it


def test_backorders_are_salable_with_the_qty_as_counted_below_zero(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    product = sellable_simple(sandbox)
    sandbox.set_stock(product.sku, 1)
    sandbox.set_stock_options(product.sku, backorders=1)
    assert _stock(store, product.sku) == SalableStock(product.sku, 1.0, True)  # a positive qty: its limit
    store.create_order(order_for(product.sku, Decimal("9"), "AE-BACKORDER-1", qty=3))
    assert _stock(store, product.sku) == SalableStock(product.sku, -2.0, True, limited=False)


def test_a_disabled_product_is_not_salable(store: Magento1Store, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    sandbox.update_product(product.sku, status=2)
    assert _stock(store, product.sku) == SalableStock(product.sku, 0.0, False)


def test_an_out_of_stock_item_is_not_salable(store: Magento1Store, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    sandbox.set_stock(product.sku, 12, in_stock=False)
    assert _stock(store, product.sku) == SalableStock(product.sku, 0.0, False)


def test_a_configurable_sums_its_salable_children(store: Magento1Store, sandbox: Magento1Sandbox) -> None:
    parent = two_axis_configurable(sandbox)
    first, second, *others = sandbox.world.catalog.children(parent)
    sandbox.update_product(first.sku, status=2)  # a disabled child sells nothing
    sandbox.set_stock(second.sku, 5, in_stock=False)
    expected = sum(sandbox.salable_qty(kid.sku) for kid in others)
    assert expected > 0
    assert _stock(store, parent.sku) == SalableStock(parent.sku, expected, True)


def test_a_configurable_with_a_child_on_backorder_has_no_limit(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    parent = two_axis_configurable(sandbox)
    kids = sandbox.world.catalog.children(parent)
    sandbox.set_stock(kids[0].sku, 0)
    sandbox.set_stock_options(kids[0].sku, backorders=1)
    found = _stock(store, parent.sku)
    assert (found.is_salable, found.limited) == (True, False)
    assert found.qty == sum(sandbox.salable_qty(kid.sku) for kid in kids[1:])


def test_a_configurable_without_the_module_is_not_salable(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    sandbox.knobs.connector_module = False
    parent = two_axis_configurable(sandbox)
    assert _stock(store, parent.sku) == SalableStock(parent.sku, 0.0, False)


def test_methods_of_a_configurable_are_asked_with_its_first_salable_child(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    parent = two_axis_configurable(sandbox)
    sandbox.set_stock(sandbox.world.catalog.children(parent)[0].sku, 0, in_stock=False)
    methods = store.available_methods(parent.sku, ADDRESS)
    assert [m.code for m in methods.payment] == ["checkmo"]
    assert [m.code for m in methods.shipping] == ["flatrate_flatrate"]


@pytest.mark.parametrize("case", ["out of stock", "disabled", "configurable without a salable child"])
def test_methods_of_something_magento_would_not_sell_say_so(
    store: Magento1Store, sandbox: Magento1Sandbox, case: str
) -> None:
    if case == "configurable without a salable child":
        sku = two_axis_configurable(sandbox).sku
        for kid in sandbox.world.catalog.children(sandbox.product(sku)):
            sandbox.set_stock(kid.sku, 0, in_stock=False)
    else:
        sku = sellable_simple(sandbox).sku
        if case == "disabled":
            sandbox.update_product(sku, status=2)
        else:
            sandbox.set_stock(sku, 0, in_stock=False)
    with pytest.raises(NotSalableError) as raised:
        store.available_methods(sku, ADDRESS)
    assert str(raised.value) == (
        f"Magento answers shipping and payment methods only for a cart it could order, and {sku} cannot be "
        "put in one: unknown, disabled, out of stock, or a configurable product with no salable child. "
        "Ask with a salable product."
    )
    assert sandbox.world.quotes == {}  # no throw-away cart was left behind
