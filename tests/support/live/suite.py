"""The shared Store suite wired to a live backend: each test module provides a module-scoped
``magento2_live`` / ``magento1_live`` fixture (a :class:`LiveRun`) and subclasses the contract here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

import pytest

from aliexpress_magento.stores import RatesUnavailable
from aliexpress_magento.stores.magento1.store import MAGENTO1_NO_RATES
from tests.stores.store_contract import Backend, StoreContract

from .common import RunScopedStore, run_tag
from .config import Magento1Target, Magento2Target
from .magento1 import Magento1LiveBackend
from .magento1 import store_of as magento1_store
from .magento2 import Magento2LiveBackend
from .magento2 import store_of as magento2_store

B = TypeVar("B", Magento1LiveBackend, Magento2LiveBackend)


@dataclass
class LiveRun(Generic[B]):
    """One target's backend (its discovered products, its paced edits) and run tag, for all its tests."""

    backend: B
    tag: str


def magento2_run(target: Magento2Target) -> Iterator[LiveRun[Magento2LiveBackend]]:
    backend = Magento2LiveBackend(target)
    yield LiveRun(backend, run_tag(target.auth_kind))
    backend.close()


def magento1_run(target: Magento1Target) -> Iterator[LiveRun[Magento1LiveBackend]]:
    backend = Magento1LiveBackend(target)
    yield LiveRun(backend, run_tag("magento1"))
    backend.close()


class LiveMagento2Contract(StoreContract):
    @pytest.fixture
    def backend(self, magento2_live: LiveRun[Magento2LiveBackend]) -> Magento2LiveBackend:
        return magento2_live.backend

    @pytest.fixture
    def store(self, magento2_live: LiveRun[Magento2LiveBackend]) -> Iterator[RunScopedStore]:
        adapter = magento2_store(magento2_live.backend.target)
        yield RunScopedStore(adapter, magento2_live.tag)
        adapter.client.close()

    def test_currency_rates_are_the_views_answer_without_rateless_currencies(
        self, store: RunScopedStore, backend: Magento2LiveBackend
    ) -> None:
        """The view's base currency and each allowed currency's rate; one allowed without a rate is
        answered ``"rate": 0`` by Magento (recorded on 2.4.7-p7, views-rates/currency.default_view) and
        left out."""
        answer = backend.currency_answer()
        rates = store.currency_rates()
        assert rates.base_currency == answer["base_currency_code"]
        assert dict(rates.rates) == {
            r["currency_to"]: Decimal(str(r["rate"])) for r in answer["exchange_rates"] if r["rate"]
        }


class LiveMagento1Contract(StoreContract):
    @pytest.fixture
    def backend(self, magento1_live: LiveRun[Magento1LiveBackend]) -> Magento1LiveBackend:
        return magento1_live.backend

    @pytest.fixture
    def store(self, magento1_live: LiveRun[Magento1LiveBackend]) -> Iterator[RunScopedStore]:
        adapter = magento1_store(magento1_live.backend.target)
        yield RunScopedStore(adapter, magento1_live.tag)
        adapter.client.close()

    def test_currency_rates_are_unavailable_and_say_why(self, store: RunScopedStore) -> None:
        with pytest.raises(RatesUnavailable) as unavailable:
            store.currency_rates()
        assert str(unavailable.value) == MAGENTO1_NO_RATES

    # Magento 1's API has only the quote method, as in test_magento1_store.py.
    @pytest.mark.parametrize("method", ["quote"])
    def test_creating_an_order_twice_with_the_same_external_id_returns_the_first_and_creates_nothing(
        self, store: RunScopedStore, backend: Backend, method: str
    ) -> None:
        StoreContract.test_creating_an_order_twice_with_the_same_external_id_returns_the_first_and_creates_nothing(
            self, store, backend, method
        )
