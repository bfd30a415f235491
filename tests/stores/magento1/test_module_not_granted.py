"""A role granted none of the connector module's resources reads the catalog as a store without the module
(issue 10, finding 8): Magento answers fault 2 "Access denied." to ``children`` as to ``changed``."""

from __future__ import annotations

from aliexpress_magento.clients.magento1.connector import CHANGED, CHILDREN, RESOURCE
from aliexpress_magento.sandbox.magento1 import Magento1Sandbox
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.stores.magento1 import NEEDS_MODULE, Magento1Store
from tests.sandbox.magento1.conftest import two_axis_configurable
from tests.stores.store_contract import EPOCH


def _denied(ctx: Call, *args: object) -> None:
    raise fault("access_denied")  # what Magento answers a role that was not granted the method


def test_a_role_granted_nothing_of_the_module_reads_the_catalog_without_it(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    for path in (CHILDREN, CHANGED):
        sandbox.dispatcher.methods[path] = Method(RESOURCE, _denied)
    parent = two_axis_configurable(sandbox)
    products = {p.sku: p for p in store.products_changed_since(EPOCH)}
    assert set(products) == {p.sku for p in sandbox.world.catalog.products}
    assert (products[parent.sku].children, products[parent.sku].unavailable_reason) == ((), NEEDS_MODULE)
