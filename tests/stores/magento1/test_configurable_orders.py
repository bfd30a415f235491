"""Magento1Store orders a configurable's child through its parent with ``super_attribute`` (issue 10,
finding 12's last paragraph, for Magento 1), finds the parent the cheapest way, falls back to the child's
own SKU when the parent cannot take it, and reads a configurable's shipment as one line (the shared suite
has the cases both adapters share)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from aliexpress_magento.clients.magento1 import Magento1Client
from aliexpress_magento.clients.magento1.connector import CHILDREN, RESOURCE
from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, Product
from aliexpress_magento.sandbox.magento1 import Magento1Sandbox
from aliexpress_magento.sandbox.magento1.attributes import BY_CODE
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.stores import OrderLine, OrderToCreate
from aliexpress_magento.stores.magento1 import Magento1Store
from tests.sandbox.magento1.conftest import sellable_simple, two_axis_configurable
from tests.stores.store_contract import order_for

Sent = list[tuple[str, Any]]
LIST, ADD = "catalog_product.list", "cart_product.add"


def calls(client: Magento1Client, monkeypatch: pytest.MonkeyPatch) -> Sent:
    """``(resource.method, args)`` of every ``call`` the client sends from now on."""
    sent: Sent = []
    send = client.session.call

    def spy(path: str, args: Sequence[Any] = (), *, idempotent: bool = True) -> Any:
        sent.append((path, list(args)))
        return send(path, args, idempotent=idempotent)

    monkeypatch.setattr(client.session, "call", spy)
    return sent


def lines_of(sandbox: Magento1Sandbox, order_id: int) -> list[tuple[str, str, str]]:
    """(sku, name, product_type) of the placed order's items."""
    return [(i["sku"], i["name"], i["product_type"]) for i in sandbox.order(order_id)["items"]]


def with_lines(*lines: OrderLine) -> OrderToCreate:
    return replace(order_for(lines[0].sku, lines[0].price, "AE-M1-CONF"), lines=lines)


def through_parent(parent: Product, child: Product) -> list[tuple[str, str, str]]:
    return [(child.sku, parent.name, CONFIGURABLE), (child.sku, child.name, "simple")]


def test_a_named_parent_is_sent_with_super_attribute_and_read_once(
    store: Magento1Store, sandbox: Magento1Sandbox, client: Magento1Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = two_axis_configurable(sandbox)
    first, second = sandbox.world.catalog.children(parent)[:2]
    sent = calls(client, monkeypatch)
    created = store.create_order(
        with_lines(
            OrderLine(first.sku, 2, Decimal("9.5"), parent_sku=parent.sku),
            OrderLine(second.sku, 1, Decimal("9.5"), parent_sku=parent.sku),
        )
    )
    assert lines_of(sandbox, created.id) == through_parent(parent, first) + through_parent(parent, second)
    [(_, [_, added])] = [c for c in sent if c[0] == ADD]
    assert added[0] == {
        "sku": parent.sku,
        "qty": 2.0,
        "super_attribute": {str(BY_CODE[c].attribute_id): str(first.option(c)) for c in parent.axes},
    }
    # Which named parents are enabled configurables, then their children: once for both lines, and no
    # read of the other configurables.
    assert [p for p, _ in sent if p in (LIST, CHILDREN)] == [LIST, CHILDREN]
    assert [args[0] for p, args in sent if p == CHILDREN] == [[parent.sku]]


def test_a_hidden_child_finds_its_parent_with_one_scan_per_order(
    store: Magento1Store, sandbox: Magento1Sandbox, client: Magento1Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = two_axis_configurable(sandbox)
    kids = sandbox.world.catalog.children(parent)[:2]
    assert all(k.visibility == 1 for k in kids)  # not visible individually: sold through the parent only
    sent = calls(client, monkeypatch)
    created = store.create_order(with_lines(*(OrderLine(k.sku, 1, Decimal("9.5")) for k in kids)))
    assert [line for line in lines_of(sandbox, created.id) if line[2] == CONFIGURABLE] == [
        (k.sku, parent.name, CONFIGURABLE) for k in kids
    ]
    lists = [args[0] for p, args in sent if p == LIST]
    assert lists[:2] == [
        {"sku": {"in": sorted(k.sku for k in kids)}, "type": "simple", "visibility": 1},
        {"type": CONFIGURABLE, "status": 1},
    ]
    assert len([p for p, _ in sent if p == CHILDREN]) == 1


def test_a_visible_simple_stays_a_plain_line_without_reading_configurables(
    store: Magento1Store, sandbox: Magento1Sandbox, client: Magento1Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    simple = sellable_simple(sandbox)
    parent = two_axis_configurable(sandbox)
    child = sandbox.world.catalog.children(parent)[0]
    sent = calls(client, monkeypatch)
    created = store.create_order(
        with_lines(
            OrderLine(simple.sku, 1, Decimal("7")),
            OrderLine(child.sku, 1, Decimal("9.5"), parent_sku=parent.sku),
        )
    )
    assert lines_of(sandbox, created.id) == [
        (simple.sku, simple.name, "simple"),
        *through_parent(parent, child),
    ]
    assert {"type": CONFIGURABLE, "status": 1} not in [args[0] for p, args in sent if p == LIST]


def test_a_visible_child_without_a_named_parent_stays_a_plain_line(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    """It is sold on its own too; the other line, not visible alone, still finds its parent."""
    parent = two_axis_configurable(sandbox)
    hidden, visible = sandbox.world.catalog.children(parent)[:2]
    visible.visibility = 4  # "Catalog, Search"
    created = store.create_order(
        with_lines(OrderLine(hidden.sku, 1, Decimal("9.5")), OrderLine(visible.sku, 1, Decimal("9.5")))
    )
    assert lines_of(sandbox, created.id) == [
        *through_parent(parent, hidden),
        (visible.sku, visible.name, "simple"),
    ]


@pytest.mark.parametrize("case", ["disabled parent", "parent without the child", "simple named as parent"])
def test_a_parent_that_cannot_take_the_child_falls_back_to_the_childs_sku(
    store: Magento1Store, sandbox: Magento1Sandbox, case: str
) -> None:
    """Each order also has a line whose parent is fine: it still goes through its parent."""
    parent = two_axis_configurable(sandbox)
    good = sandbox.world.catalog.children(parent)[0]
    other = next(p for p in sandbox.world.catalog.products if p.type_id == CONFIGURABLE and p.id != parent.id)
    child = sandbox.world.catalog.children(other)[0]
    named = {"disabled parent": other.sku, "parent without the child": parent.sku}
    named["simple named as parent"] = sellable_simple(sandbox).sku
    if case == "disabled parent":
        sandbox.update_product(other.sku, status=2)
    created = store.create_order(
        with_lines(
            OrderLine(good.sku, 1, Decimal("9.5"), parent_sku=parent.sku),
            OrderLine(child.sku, 1, Decimal("9.5"), parent_sku=named[case]),
        )
    )
    assert lines_of(sandbox, created.id) == [*through_parent(parent, good), (child.sku, child.name, "simple")]


def _denied(ctx: Call, *args: object) -> None:
    raise fault("access_denied")  # a role not granted the module's children


@pytest.mark.parametrize("case", ["no module", "not granted"])
def test_without_the_module_or_its_grant_children_are_ordered_by_their_own_sku(
    store: Magento1Store, sandbox: Magento1Sandbox, case: str
) -> None:
    """Unchanged behaviour, kept: API v1 alone cannot name the child's options."""
    if case == "no module":
        sandbox.knobs.connector_module = False
    else:
        sandbox.dispatcher.methods[CHILDREN] = Method(RESOURCE, _denied)
    parent = two_axis_configurable(sandbox)
    child = sandbox.world.catalog.children(parent)[0]
    before = sandbox.salable_qty(child.sku)
    created = store.create_order(with_lines(OrderLine(child.sku, 2, Decimal("9.5"), parent_sku=parent.sku)))
    assert lines_of(sandbox, created.id) == [(child.sku, child.name, "simple")]
    assert sandbox.salable_qty(child.sku) == before - 2


def test_a_shipment_of_a_configurable_is_one_line_with_the_shipped_qty(
    store: Magento1Store, sandbox: Magento1Sandbox, client: Magento1Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real store lists the configurable item (qty 3) and its hidden child as a dummy of qty 1; the
    child's item is told by the order's items. A shipment of simples reads no order."""
    parent = two_axis_configurable(sandbox)
    child = sandbox.world.catalog.children(parent)[0]
    simple = sellable_simple(sandbox)
    placed = store.create_order(
        with_lines(
            OrderLine(child.sku, 3, Decimal("9.5"), parent_sku=parent.sku),
            OrderLine(simple.sku, 1, Decimal("7")),
        )
    )
    plain = store.create_order(
        replace(
            order_for(simple.sku, Decimal("7"), "AE-M1-PLAIN"),
            lines=(OrderLine(simple.sku, 2, Decimal("7")),),
        )
    )
    since = datetime.now(UTC).replace(microsecond=0)
    for created in (placed, plain):
        sandbox.ship(sandbox.order(created.id)["increment_id"])
    shipped = {s.order_id: s for s in store.shipments_since(since)}
    sent = calls(client, monkeypatch)
    assert [(line.sku, line.qty) for line in shipped[placed.id].lines] == [
        (child.sku, 3.0),
        (simple.sku, 1.0),
    ]
    assert [(line.sku, line.qty) for line in shipped[plain.id].lines] == [(simple.sku, 2.0)]
    again = {s.order_id: s for s in store.shipments_since(since)}
    assert again == shipped
    assert [args[0] for p, args in sent if p == "sales_order.list"] == [{"order_id": {"in": [placed.id]}}]
