"""The shared Store suite against a REAL store, when the environment names one (README: Testing against a
real store). Without one the module is skipped, with one line saying how to run it; a store named without
complete credentials is a collection error, and wrong credentials fail every test: never silently green.

The suite creates orders, comments, cancels and ships on that store: point it at a test store only.
Every Magento 2 credential kind given runs the suite once (``magento2-token``, ``-oauth1``, ``-admin``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support.live.common import RunScopedStore, run_tag
from tests.support.live.config import SKIP_REASON, Magento1Target, Magento2Target, targets
from tests.support.live.magento1 import Magento1LiveBackend
from tests.support.live.magento1 import store_of as magento1_store
from tests.support.live.magento2 import Magento2LiveBackend
from tests.support.live.magento2 import store_of as magento2_store

from .store_contract import Backend, StoreContract

MAGENTO2, MAGENTO1 = targets(os.environ)
if not MAGENTO2 and not MAGENTO1:
    pytest.skip(SKIP_REASON, allow_module_level=True)


if MAGENTO2:

    class TestLiveMagento2Store(StoreContract):
        @pytest.fixture(scope="class", params=MAGENTO2, ids=lambda t: t.id)
        def target(self, request: pytest.FixtureRequest) -> Magento2Target:
            target: Magento2Target = request.param
            return target

        @pytest.fixture(scope="class")
        def backend(self, target: Magento2Target) -> Iterator[Magento2LiveBackend]:
            live = Magento2LiveBackend(target)
            yield live
            live.close()

        @pytest.fixture(scope="class")
        def tag(self, target: Magento2Target) -> str:
            return run_tag(target.auth_kind)

        @pytest.fixture
        def store(self, target: Magento2Target, tag: str) -> Iterator[RunScopedStore]:
            adapter = magento2_store(target)
            yield RunScopedStore(adapter, tag)
            adapter.client.close()


if MAGENTO1:

    class TestLiveMagento1Store(StoreContract):
        @pytest.fixture(scope="class", params=MAGENTO1, ids=lambda t: t.id)
        def target(self, request: pytest.FixtureRequest) -> Magento1Target:
            target: Magento1Target = request.param
            return target

        @pytest.fixture(scope="class")
        def backend(self, target: Magento1Target) -> Iterator[Magento1LiveBackend]:
            live = Magento1LiveBackend(target)
            yield live
            live.close()

        @pytest.fixture(scope="class")
        def tag(self) -> str:
            return run_tag("magento1")

        @pytest.fixture
        def store(self, target: Magento1Target, tag: str) -> Iterator[RunScopedStore]:
            adapter = magento1_store(target)
            yield RunScopedStore(adapter, tag)
            adapter.client.close()

        # Magento 1's API has only the quote method, as in test_magento1_store.py.
        @pytest.mark.parametrize("method", ["quote"])
        def test_creating_an_order_twice_with_the_same_external_id_returns_the_first_and_creates_nothing(
            self, store: RunScopedStore, backend: Backend, method: str
        ) -> None:
            StoreContract.test_creating_an_order_twice_with_the_same_external_id_returns_the_first_and_creates_nothing(
                self, store, backend, method
            )
