"""The run's availability check: Magento's answers for a SKU are used again for FRESH_SECONDS, less what
the run's own orders took; older or refused ones are read again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.orders.mappers import UnusableOrder
from aliexpress_magento.orders.services.availability import FRESH_SECONDS, Availability
from aliexpress_magento.stores.model import Address, OrderLine, OrderToCreate, SalableStock, StoreProduct

ADDRESS = Address("A", "B", ("1 Main St",), "Springfield", "12345", "US", "555", "a@example.com", "IL")


class FakeStore:
    """The two reads the check makes, counted."""

    def __init__(self, stock: dict[str, tuple[str, bool]], disabled: Sequence[str] = ()) -> None:
        self.stock = stock  # SKU → (salable quantity, limited)
        self.disabled = set(disabled)
        self.reads: list[tuple[str, tuple[str, ...]]] = []

    def products_by_sku(self, skus: Sequence[str]) -> list[StoreProduct]:
        self.reads.append(("products", tuple(skus)))
        return [self._product(s) for s in skus if s.upper() in self.stock]

    def salable_quantities(self, skus: Sequence[str]) -> dict[str, SalableStock]:
        self.reads.append(("stock", tuple(skus)))
        found = {s: self.stock[s.upper()] for s in skus if s.upper() in self.stock}
        return {
            s: SalableStock(s, Decimal(qty), Decimal(qty) > 0 or not limited, limited)
            for s, (qty, limited) in found.items()
        }

    def _product(self, sku: str) -> StoreProduct:
        when = datetime(2026, 1, 1, tzinfo=UTC)
        enabled = sku.upper() not in self.disabled
        return StoreProduct(1, sku.upper(), sku, "simple", enabled, 4, None, None, None, when, {}, (), ())


def order(*lines: tuple[str, int]) -> OrderToCreate:
    made = tuple(OrderLine(sku, qty, Decimal("10")) for sku, qty in lines)
    return OrderToCreate(
        "1", "USD", made, "a@example.com", "A", "B", ADDRESS, ADDRESS, "checkmo", "flatrate_flatrate",
        Decimal(0), Decimal(0), Decimal(0),
    )  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def check(store: FakeStore, clock: Clock, **settings: bool) -> Availability:
    return Availability(Account(**settings), store, clock)  # type: ignore[arg-type]


def created(available: Availability, *lines: tuple[str, int]) -> None:
    """An order checked, then created in Magento."""
    made = order(*lines)
    available.check(made)
    available.took(made)


def test_one_read_serves_the_run_and_the_run_s_own_orders_count_against_it(clock: Clock) -> None:
    store = FakeStore({"TEE": ("3", True)})
    available = check(store, clock)

    created(available, ("TEE", 2))
    with pytest.raises(UnusableOrder, match=r"Out of stock in Magento: tee \(1 salable, 2 ordered\)\."):
        available.check(order(("tee", 2)))  # SKUs are case-insensitive, as Magento's
    available.check(order(("TEE", 1)))

    assert store.reads == [("products", ("TEE",)), ("stock", ("TEE",))]


def test_an_answer_older_than_the_fresh_time_is_read_again(clock: Clock) -> None:
    store = FakeStore({"TEE": ("3", True)})
    available = check(store, clock)
    created(available, ("TEE", 3))

    clock.now += FRESH_SECONDS
    store.stock["TEE"] = ("5", True)  # restocked meanwhile
    available.check(order(("TEE", 4)))

    assert [kind for kind, _ in store.reads] == ["products", "stock", "products", "stock"]


def test_a_refused_order_s_skus_are_read_again(clock: Clock) -> None:
    store = FakeStore({"TEE": ("3", True), "CAP": ("9", True)})
    available = check(store, clock)
    refused = order(("TEE", 1), ("CAP", 1))
    available.check(refused)
    available.forget(refused)
    available.check(order(("TEE", 1)))

    assert store.reads[2:] == [("products", ("TEE",)), ("stock", ("TEE",))]


def test_unknown_disabled_and_unlimited_skus(clock: Clock) -> None:
    store = FakeStore({"TEE": ("0", False), "CAP": ("1", True)}, disabled=["CAP"])
    available = check(store, clock)

    with pytest.raises(UnusableOrder, match=r"^Unknown SKU in Magento: NOPE\. See here\.$"):
        available.check(order(("TEE", 1), ("NOPE", 1)), " See here.")
    with pytest.raises(UnusableOrder, match=r"^Disabled in Magento: CAP\.$"):
        available.check(order(("CAP", 1)))
    available.check(order(("TEE", 50)))  # backorders: no limit
    check(store, clock, create_orders_disabled=True).check(order(("CAP", 1)))
    assert store.reads.count(("products", ("CAP",))) == 2  # another run (a new Availability) reads again
