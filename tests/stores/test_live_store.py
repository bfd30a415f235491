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


# One backend (its discovered products, its paced edits) and one run tag per target, for all its tests.
@pytest.fixture(scope="module", params=MAGENTO2, ids=lambda t: t.id)
def magento2_backend(request: pytest.FixtureRequest) -> Iterator[tuple[Magento2LiveBackend, str]]:
    target: Magento2Target = request.param
    live = Magento2LiveBackend(target)
    yield live, run_tag(target.auth_kind)
    live.close()


@pytest.fixture(scope="module", params=MAGENTO1, ids=lambda t: t.id)
def magento1_backend(request: pytest.FixtureRequest) -> Iterator[tuple[Magento1LiveBackend, str]]:
    target: Magento1Target = request.param
    live = Magento1LiveBackend(target)
    yield live, run_tag("magento1")
    live.close()


if MAGENTO2:

    class TestLiveMagento2Store(StoreContract):
        @pytest.fixture
        def backend(self, magento2_backend: tuple[Magento2LiveBackend, str]) -> Magento2LiveBackend:
            return magento2_backend[0]

        @pytest.fixture
        def store(self, magento2_backend: tuple[Magento2LiveBackend, str]) -> Iterator[RunScopedStore]:
            live, tag = magento2_backend
            adapter = magento2_store(live.target)
            yield RunScopedStore(adapter, tag)
            adapter.client.close()


if MAGENTO1:

    class TestLiveMagento1Store(StoreContract):
        @pytest.fixture
        def backend(self, magento1_backend: tuple[Magento1LiveBackend, str]) -> Magento1LiveBackend:
            return magento1_backend[0]

        @pytest.fixture
        def store(self, magento1_backend: tuple[Magento1LiveBackend, str]) -> Iterator[RunScopedStore]:
            live, tag = magento1_backend
            adapter = magento1_store(live.target)
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
