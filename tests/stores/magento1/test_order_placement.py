"""Magento1Store's placement journal (issue 10, finding 6: a retry after a crash without a journal from the
caller is in the shared suite), and its look-up of an earlier attempt, which no longer reads every order of
the shared e-mail (finding 7)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from aliexpress_magento.clients.magento1 import Magento1Client
from aliexpress_magento.sandbox.magento1 import Magento1Sandbox
from aliexpress_magento.stores import Address, InMemoryJournal, OrderToCreate
from aliexpress_magento.stores.magento1 import Magento1Store
from aliexpress_magento.stores.magento1.orders import INFO_BATCH
from tests.sandbox.magento1.conftest import sellable_simple
from tests.stores.store_contract import ADDRESS, order_for


def test_a_journal_given_by_the_caller_is_used_instead_of_the_stores(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    journal = InMemoryJournal()
    store.create_order(order_for(sellable_simple(sandbox).sku, Decimal("9"), "AE-J-2"), journal=journal)
    assert (list(journal.carts), store.journal.recall("AE-J-2")) == (["AE-J-2"], None)


def _infos_read(client: Magento1Client, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The increment ids of every ``sales_order.info`` the client sends, alone or in a multiCall."""
    read: list[str] = []
    call, multi = client.session.call, client.session.multi_call

    def one(path: str, args: Sequence[Any] = (), *, idempotent: bool = True) -> Any:
        read.extend([str(args[0])] if path == "sales_order.info" else [])
        return call(path, args, idempotent=idempotent)

    def many(calls: Sequence[tuple[str, Sequence[Any]]], *rest: Any, **options: Any) -> Any:
        read.extend(str(args[0]) for path, args in calls if path == "sales_order.info")
        return multi(calls, *rest, **options)

    monkeypatch.setattr(client.session, "call", one)
    monkeypatch.setattr(client.session, "multi_call", many)
    return read


def _buyer(order: OrderToCreate, lastname: str) -> OrderToCreate:
    """Another buyer: every AliExpress order shares the configured e-mail, not the buyer's name."""
    address: Address = replace(ADDRESS, lastname=lastname)
    return replace(order, shipping_address=address, billing_address=address, customer_lastname=lastname)


def test_a_new_order_does_not_read_the_earlier_orders_of_other_buyers(
    store: Magento1Store, sandbox: Magento1Sandbox, client: Magento1Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    sku = sellable_simple(sandbox).sku
    for n in range(4):
        store.create_order(_buyer(order_for(sku, Decimal("9"), f"AE-EARLIER-{n}", qty=1), f"Buyer{n}"))
    read = _infos_read(client, monkeypatch)
    created = Magento1Store(client).create_order(order_for(sku, Decimal("9"), "AE-NEW-1", qty=1))
    assert read == [created.number]  # only the order it placed, for its status


def test_the_same_buyers_earlier_orders_are_read_one_batch_at_most(
    store: Magento1Store, sandbox: Magento1Sandbox, client: Magento1Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = store.create_order(order_for(sellable_simple(sandbox).sku, Decimal("9"), "AE-SAME-0", qty=1))
    template = sandbox.world.orders[str(first.id)]
    for n in range(1, INFO_BATCH + 10):  # the same buyer, many times over
        clone = copy.deepcopy(template)
        clone["order"].update({"order_id": str(first.id + n), "increment_id": str(int(first.number) + n)})
        sandbox.world.orders[str(first.id + n)] = clone
    read = _infos_read(client, monkeypatch)
    created = Magento1Store(client).create_order(
        order_for(sellable_simple(sandbox).sku, Decimal("9"), "AE-SAME-NEW", qty=1)
    )
    newest = [str(int(first.number) + n) for n in range(INFO_BATCH + 9, 9, -1)]
    assert read == [*newest, created.number]
