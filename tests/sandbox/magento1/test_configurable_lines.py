"""A configurable bought through its parent, and its child bought by its own SKU, as a real OpenMage 20.18
keeps them: the recorded calls of ``tests/fixtures/openmage-recorded/second-store/`` (``cart_product.add``
/ ``.list``, ``sales_order.info``, ``sales_order_shipment.info``) replayed on the sandbox, and what a lab
OpenMage 20.18 answered beyond them (a dummy child ships one unit; both kinds of line in one quote)."""

from __future__ import annotations

from typing import Any

import pytest

from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, ENABLED, Product
from aliexpress_magento.sandbox.magento1 import Magento1Sandbox
from aliexpress_magento.sandbox.magento1.attributes import BY_CODE
from aliexpress_magento.sandbox.magento1.order_items import php_serialize

from .conftest import Fault, Rpc, guest_checkout, sellable_simple
from .test_recordings import assert_same_shape, recorded

SECOND = "second-store/"


def one_axis(sandbox: Magento1Sandbox) -> tuple[Product, Product]:
    """An enabled configurable on one axis, as the recorded LAB-TEE, and its child with the most stock."""
    catalog = sandbox.world.catalog
    parent = next(
        p for p in catalog.products if p.type_id == CONFIGURABLE and len(p.axes) == 1 and p.status == ENABLED
    )
    return parent, max(catalog.children(parent), key=lambda c: sandbox.salable_qty(c.sku))


def via_parent(parent: Product, child: Product, qty: int = 1) -> dict[str, Any]:
    """The recorded request: the parent's id, ``super_attribute`` values as integers."""
    chosen = {str(BY_CODE[c].attribute_id): child.option(c) for c in parent.axes}
    return {"product_id": parent.id, "qty": qty, "super_attribute": chosen}


def row_of(answer: dict[str, Any]) -> tuple[str, str, str, str]:
    return answer["product_id"], answer["sku"], answer["name"], answer["type"]


def test_the_recorded_adds_then_list_give_the_configurable_row_and_its_child_row(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    simple = sellable_simple(sandbox)
    parent, child = one_axis(sandbox)
    quote = rpc.call("cart.create", 1)
    for name, item in (
        ("simple", {"sku": simple.sku, "qty": 1}),
        ("configurable_via_parent", via_parent(parent, child)),
    ):
        assert (
            rpc.call("cart_product.add", quote, [item])
            is recorded(f"{SECOND}cart_product.add.{name}")["response"]
        )
    listed = rpc.call("cart_product.list", quote)
    assert_same_shape(listed, recorded(f"{SECOND}cart_product.list.after_adds")["response"])
    assert [row_of(r) for r in listed] == [
        (str(simple.id), simple.sku, simple.name, "simple"),
        (str(parent.id), child.sku, parent.name, CONFIGURABLE),  # the parent's id and name, the child's SKU
        (str(child.id), child.sku, child.name, "simple"),
    ]


def test_the_child_by_its_own_sku_is_a_plain_line_beside_the_one_through_its_parent(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    parent, child = one_axis(sandbox)
    alone = rpc.call("cart.create", 1)
    answer = rpc.call("cart_product.add", alone, [{"sku": child.sku, "qty": 1}])
    assert answer is recorded(f"{SECOND}cart_product.add.child_sku_direct")["response"] is True
    listed = rpc.call("cart_product.list", alone)
    assert_same_shape(listed, recorded(f"{SECOND}cart_product.list.child_sku_direct")["response"])
    assert [row_of(r) for r in listed] == [(str(child.id), child.sku, child.name, "simple")]
    # On the lab store, both kinds sit side by side in one quote.
    assert rpc.call("cart_product.add", alone, [via_parent(parent, child)]) is True
    assert [row_of(r)[3] for r in rpc.call("cart_product.list", alone)] == ["simple", CONFIGURABLE, "simple"]


@pytest.mark.parametrize(
    "chosen", [None, {}, {"134": "999"}, {"77": "1"}], ids=["missing", "empty", "unknown option", "other id"]
)
def test_a_configurable_without_a_valid_choice_is_fault_1022(
    rpc: Rpc, sandbox: Magento1Sandbox, chosen: dict[str, str] | None
) -> None:
    """Each answered alike on the lab store, and nothing was kept."""
    parent, _ = one_axis(sandbox)
    quote = rpc.call("cart.create", 1)
    item: dict[str, Any] = {"sku": parent.sku, "qty": 1}
    if chosen is not None:
        item["super_attribute"] = chosen
    assert rpc.call("cart_product.add", quote, [item]) == Fault(
        1022, "Please specify the product's option(s)."
    )
    assert rpc.call("cart_product.list", quote) == []


@pytest.fixture
def placed(rpc: Rpc, sandbox: Magento1Sandbox) -> tuple[dict[str, Any], Product, Product, Product]:
    """The recorded order: a simple, and a one-axis configurable bought through its parent."""
    simple = sellable_simple(sandbox)
    parent, child = one_axis(sandbox)
    increment = guest_checkout(rpc, [{"sku": simple.sku, "qty": 1}, via_parent(parent, child)])
    return rpc.call("sales_order.info", increment), simple, parent, child


def test_the_order_items_have_the_recorded_keys_in_order_and_types(
    placed: tuple[dict[str, Any], Product, Product, Product],
) -> None:
    info, simple, parent, child = placed
    expected = recorded(f"{SECOND}sales_order.info.customer_cart_order")["response"]["items"]
    assert [list(i) for i in info["items"]] == [list(i) for i in expected]
    for answer, record in zip(info["items"], expected, strict=True):
        assert_same_shape(answer, record)
    _, parent_item, child_item = info["items"]
    assert [(i["product_id"], i["product_type"], i["sku"], i["name"]) for i in info["items"]] == [
        (str(simple.id), "simple", simple.sku, simple.name),
        (str(parent.id), CONFIGURABLE, child.sku, parent.name),
        (str(child.id), "simple", child.sku, child.name),
    ]
    assert (parent_item["parent_item_id"], child_item["parent_item_id"]) == (None, parent_item["item_id"])
    assert (parent_item["price"], child_item["price"], child_item["row_total_incl_tax"]) == (
        f"{child.special_price or child.price:.4f}",  # the demo's configurables have no price of their own
        "0.0000",
        None,
    )
    assert (info["total_item_count"], info["total_qty_ordered"]) == ("2", "2.0000")


def test_the_order_items_keep_the_buy_request_as_sent(
    placed: tuple[dict[str, Any], Product, Product, Product],
) -> None:
    info, simple, parent, child = placed
    attribute, option = BY_CODE[parent.axes[0]].attribute_id, child.option(parent.axes[0])
    request = (
        f's:15:"info_buyRequest";a:3:{{s:10:"product_id";i:{parent.id};s:3:"qty";i:1;'
        f's:15:"super_attribute";a:1:{{i:{attribute};i:{option};}}}}'
    )
    sku = f's:{len(simple.sku)}:"{simple.sku}"'
    assert (
        info["items"][0]["product_options"]
        == f'a:1:{{s:15:"info_buyRequest";a:2:{{s:3:"sku";{sku};s:3:"qty";i:1;}}}}'
    )
    assert info["items"][2]["product_options"] == f"a:1:{{{request}}}"
    label = BY_CODE[parent.axes[0]].label
    value = dict(BY_CODE[parent.axes[0]].options)[option or 0]
    assert info["items"][1]["product_options"] == php_serialize(
        {
            "info_buyRequest": {
                "product_id": parent.id,
                "qty": 1,
                "super_attribute": {str(attribute): option},
            },
            "attributes_info": [{"label": label, "value": value}],
            "simple_name": child.name,
            "simple_sku": child.sku,
            "product_calculations": 1,
            "shipment_type": 0,
        }
    )


def test_php_serialize_writes_the_recorded_product_options() -> None:
    record = recorded(f"{SECOND}sales_order.info.customer_cart_order")["response"]["items"]
    request = {"product_id": 12, "qty": 1, "super_attribute": {"94": 3}}
    assert (
        php_serialize({"info_buyRequest": {"sku": "LAB-SIMPLE-1", "qty": 1}}) == record[0]["product_options"]
    )
    assert (
        php_serialize(
            {
                "info_buyRequest": request,
                "attributes_info": [{"label": "Color", "value": "Red"}],
                "simple_name": "LAB-TEE-RED touched 1796406355",
                "simple_sku": "LAB-TEE-RED",
                "product_calculations": 1,
                "shipment_type": 0,
            }
        )
        == record[1]["product_options"]
    )
    assert php_serialize({"info_buyRequest": request}) == record[2]["product_options"]


def test_a_shipment_lists_the_configurable_and_its_child_as_recorded(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    """Recorded: a simple x 2 and a configurable x 1 through its parent, shipped whole: three items,
    ``total_qty`` 3. On the lab, a parent shipping 2 shipped its hidden child as one unit."""
    simple = sellable_simple(sandbox)
    parent, child = one_axis(sandbox)
    increment = guest_checkout(rpc, [{"sku": simple.sku, "qty": 2}, via_parent(parent, child)])
    info = rpc.call("sales_order_shipment.info", sandbox.ship(increment))
    record = recorded(f"{SECOND}sales_order_shipment.info")["response"]
    assert [list(i) for i in info["items"]] == [list(i) for i in record["items"]]
    for answer, expected in zip(info["items"], record["items"], strict=True):
        assert_same_shape(answer, expected)
    assert [(i["sku"], i["name"], i["qty"], i["price"] == "0.0000") for i in info["items"]] == [
        (simple.sku, simple.name, "2.0000", False),
        (child.sku, parent.name, "1.0000", False),
        (child.sku, child.name, "1.0000", True),
    ]
    assert info["total_qty"] == record["total_qty"] == "3.0000"


def test_a_configurable_with_a_price_of_its_own_sells_at_it(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    """On the lab store a child priced 99 under a parent priced 20 was ordered at 20."""
    parent, child = one_axis(sandbox)
    sandbox.update_product(parent.sku, price=20.0)
    sandbox.update_product(child.sku, price=99.0)
    increment = guest_checkout(rpc, [via_parent(parent, child)])
    items = rpc.call("sales_order.info", increment)["items"]
    assert [(i["product_type"], i["price"], i["original_price"]) for i in items] == [
        (CONFIGURABLE, "20.0000", "20.0000"),
        ("simple", "0.0000", "0.0000"),
    ]


def test_a_hidden_child_ships_as_one_unit_and_the_order_cannot_be_canceled_after(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    parent, child = one_axis(sandbox)
    increment = guest_checkout(rpc, [via_parent(parent, child, qty=2)])
    shipment = rpc.call("sales_order_shipment.info", sandbox.ship(increment))
    assert [(i["sku"], i["qty"]) for i in shipment["items"]] == [(child.sku, "2.0000"), (child.sku, "1.0000")]
    assert shipment["total_qty"] == "2.0000"
    items = rpc.call("sales_order.info", increment)["items"]
    assert [i["qty_shipped"] for i in items] == ["2.0000", "1.0000"]  # as the lab store left them
    assert rpc.call("sales_order.cancel", increment) == Fault(
        103, "Order status not changed. Details in error message."
    )
