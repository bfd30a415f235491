"""The Magento 1 Store fixtures (``sandbox``, ``client``, ``store``, ``backend``) of the shared-suite module,
for the Magento 1 tests kept beside it."""

from tests.stores.test_magento1_store import backend, client, sandbox, store  # noqa: F401
