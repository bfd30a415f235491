"""The calls recorded on a second real OpenMage LTS 20.18 store (tests/fixtures/openmage-recorded: the
multiCall forms, core_magento.info and second-store/, README there), replayed on the sandbox: the same keys,
JSON types, order and faults. Values differ (another catalog and other customers).
"""

from __future__ import annotations

from typing import Any

import pytest

from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento1.attributes import BY_CODE
from aliexpress_magento.sandbox.magento1.values import stamp

from .conftest import ADDRESS, FakeClock, Fault, Rpc, guest_checkout, sellable_simple, two_axis_configurable
from .test_recordings import assert_same_shape, recorded


def second(name: str) -> Any:
    return recorded(f"second-store/{name}")


def as_fault(answer: dict[str, Any]) -> Fault:
    return Fault(answer["fault"], answer["message"])


# --- multiCall and core_magento.info ---------------------------------------------------------------------


def test_multicall_with_its_calls_as_an_array_is_the_recorded_fault_623(rpc: Rpc) -> None:
    session = rpc("login", DEMO_API_USER, DEMO_API_KEY)
    calls = [["store.list", []], ["catalog_product.info", ["SKU", None, None, "sku"]]]
    assert rpc("multiCall", session, calls) == as_fault(recorded("multiCall.array_form"))


def test_multicall_with_its_calls_as_a_struct_answers_as_recorded(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    session = rpc("login", DEMO_API_USER, DEMO_API_KEY)
    sku = sellable_simple(sandbox).sku
    calls = {
        "0": ["store.list", []],
        "1": ["catalog_product.info", [sku, None, None, "sku"]],
        "2": ["catalog_product.info", ["NO-SUCH-SKU", None, None, "sku"]],
    }
    answer = rpc("multiCall", session, calls)
    record = recorded("multiCall.struct_form")["result"]
    # the same default store view, to the value (the sandbox's second view was not recorded)
    assert answer[0][:1] == record[0] and [v["code"] for v in answer[0]] == ["default", "french"]
    assert_same_shape(answer[1], record[1])
    assert (
        answer[2] == record[2] == {"isFault": True, "faultCode": "101", "faultMessage": "Product not exists."}
    )


def test_core_magento_info_is_the_recorded_one(rpc: Rpc) -> None:
    assert rpc.call("core_magento.info") == recorded("core_magento.info")
    assert rpc.call("magento.info") == recorded("core_magento.info")  # Mage_Core's alias


# --- catalog_product.list filters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["catalog_product.list.updated_since.complex_filter", "catalog_product.list.unknown_filter_field"]
)
def test_complex_filter_and_unknown_fields_are_the_recorded_unknown_error(rpc: Rpc, name: str) -> None:
    record = second(name)
    assert rpc.call(record["request"], *record["params"]) == as_fault(record["response"])


def test_the_simple_updated_at_filter_is_inclusive_in_entity_id_order_without_updated_at(
    rpc: Rpc, sandbox: Magento1Sandbox, clock: FakeClock
) -> None:
    products = sandbox.world.catalog.products
    edited = [products[12], products[3], products[7]]  # edited out of id order
    for product in edited:
        clock.advance(2)
        sandbox.update_product(product.sku, name=f"{product.name} touched")
    boundary = stamp(clock.now - 2)  # the second product's exact updated_at
    rows = rpc.call("catalog_product.list", {"updated_at": {"from": boundary}})
    assert [r["sku"] for r in rows] == [p.sku for p in sorted(edited[1:], key=lambda p: p.id)]
    for row in rows:
        assert_same_shape(row, second("catalog_product.list.updated_since.simple_filter")["response"][0])
    # The bound is inclusive (recorded: a product updated at exactly "from" is in, one a second before not).
    record = second("catalog_product.list.updated_since.simple_filter_boundary")
    assert record["params"][0]["updated_at"]["from"] == "2026-12-04 17:45:57"
    assert [r["sku"] for r in record["response"]] == ["LAB-SIMPLE-6", "LAB-NOMANAGE", "LAB-BACKORDER"]
    assert "updated_at" not in rows[0]


# --- customers -------------------------------------------------------------------------------------------


def test_customer_create_list_and_delete_answer_as_recorded(rpc: Rpc) -> None:
    new = second("customer.create")["params"][0]
    assert (
        rpc.call("customer.list", {"email": {"eq": new["email"]}}) == second("customer.list.none")["response"]
    )
    created = rpc.call("customer.create", new)
    assert created == "1" and type(created) is type(second("customer.create")["response"])
    assert rpc.call("customer.create", new) == as_fault(second("customer.create.duplicate_email")["response"])
    [row] = rpc.call("customer.list", {"email": {"eq": new["email"]}})
    record = second("customer.list.found")["response"][0]
    assert list(row) == list(record)  # the same keys in the same order, only those with a value
    assert_same_shape(row, record)
    assert row["password_hash"] != new["password"]
    assert rpc.call("customer.delete", created) is second("customer.delete")["response"]
    assert rpc.call("customer.list", {"email": {"eq": new["email"]}}) == []
    assert rpc.call("customer.delete", created) == Fault(102, "Customer not exists.")


# --- customer carts, configurable lines, order, comment, cancel, shipments --------------------------------


def _super_attribute(sandbox: Magento1Sandbox) -> tuple[Any, Any, dict[str, int]]:
    parent = two_axis_configurable(sandbox)
    child = sandbox.world.catalog.children(parent)[0]
    chosen = {str(BY_CODE[code].attribute_id): child.option(code) or 0 for code in parent.axes}
    return parent, child, chosen


def test_a_customer_cart_with_a_configurable_added_through_its_parent(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    customer = rpc.call("customer.create", second("customer.create")["params"][0])
    quote = rpc.call("cart.create", 1)
    assert type(quote) is type(second("cart.create")["response"])
    simple = sellable_simple(sandbox)
    parent, child, chosen = _super_attribute(sandbox)
    added = rpc.call("cart_product.add", quote, [{"sku": simple.sku, "qty": 1}])
    assert added is second("cart_product.add.simple")["response"]
    line = {"product_id": parent.id, "qty": 1, "super_attribute": chosen}
    assert (
        rpc.call("cart_product.add", quote, [line])
        is second("cart_product.add.configurable_via_parent")["response"]
    )
    listed = rpc.call("cart_product.list", quote)
    record = second("cart_product.list.after_adds")["response"]
    assert [(r["product_id"], r["sku"], r["type"]) for r in listed] == [
        (str(simple.id), simple.sku, "simple"),
        (str(parent.id), child.sku, "configurable"),  # the parent's row carries the child's SKU
        (str(child.id), child.sku, "simple"),
    ]
    assert (listed[1]["name"], listed[2]["name"]) == (parent.name, child.name)
    for row, shape in zip(listed, record, strict=True):
        assert_same_shape(row, shape)
    mode = {"mode": "customer", "entity_id": int(customer)}  # as recorded (customer_id works too)
    assert rpc.call("cart_customer.set", quote, mode) is second("cart_customer.set.customer_mode")["response"]
    for step in (
        ("cart_customer.addresses", quote, [{**ADDRESS, "mode": "billing"}, {**ADDRESS, "mode": "shipping"}]),
        ("cart_shipping.method", quote, "flatrate_flatrate"),
        ("cart_payment.method", quote, {"method": "checkmo"}),
    ):
        assert rpc.call(*step) is True
    increment = rpc.call("cart.order", quote)
    assert type(increment) is type(second("cart.order")["response"])
    # The order answers every column, in the recorded order, with the recorded JSON types (nulls included).
    info = rpc.call("sales_order.info", increment)
    record = second("sales_order.info.customer_cart_order")["response"]
    assert list(info) == list(record)
    assert_same_shape(info, record)
    assert [(i["sku"], i["product_type"], i["parent_item_id"] is None) for i in info["items"]] == [
        (simple.sku, "simple", True), (child.sku, "configurable", True), (child.sku, "simple", False),
    ]  # fmt: skip
    # A comment (it saves the order: total_due is set from then on), then a cancel, answer as recorded.
    rpc.call("sales_order.addComment", increment, "pending", "AE-REC marker comment", False)
    [row] = rpc.call("sales_order.list", {"customer_email": {"eq": "ae-orders@example.com"}})
    assert_same_shape(row, second("sales_order.list.by_customer_email")["response"][0])
    since = {"updated_at": {"from": row["updated_at"]}}  # inclusive, as recorded
    assert [r["increment_id"] for r in rpc.call("sales_order.list", since)] == [increment]
    assert_same_shape(
        rpc.call("sales_order.list", since), second("sales_order.list.updated_since")["response"]
    )
    assert rpc.call("sales_order.cancel", increment) is True
    canceled = rpc.call("sales_order.info", increment)
    assert_same_shape(canceled, second("sales_order.info.after_cancel")["response"])
    assert [(h["status"], h["comment"]) for h in canceled["status_history"]] == [
        ("canceled", None), ("pending", "AE-REC marker comment"), ("pending", None),
    ]  # fmt: skip
    assert [i["qty_canceled"] for i in canceled["items"]] == ["1.0000", "1.0000", "0.0000"]


def test_a_child_sku_added_directly_is_a_plain_simple_line(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    _, child, _ = _super_attribute(sandbox)
    quote = rpc.call("cart.create", 1)
    added = rpc.call("cart_product.add", quote, [{"sku": child.sku, "qty": 1}])
    assert added is second("cart_product.add.child_sku_direct")["response"]
    listed = rpc.call("cart_product.list", quote)
    record = second("cart_product.list.child_sku_direct")["response"]
    assert [(r["product_id"], r["sku"], r["type"]) for r in listed] == [(str(child.id), child.sku, "simple")]
    assert_same_shape(listed, record)


def _customer_order(rpc: Rpc, sandbox: Magento1Sandbox, qty: int) -> str:
    """An order of the recorded customer for ``qty`` of a simple product, placed through its cart."""
    customers = rpc.call("customer.list", {"email": {"eq": "ae-orders@example.com"}})
    customer = (
        customers[0]["customer_id"]
        if customers
        else rpc.call("customer.create", second("customer.create")["params"][0])
    )
    quote = rpc.call("cart.create", 1)
    for step in (
        ("cart_product.add", quote, [{"sku": sellable_simple(sandbox).sku, "qty": qty}]),
        ("cart_customer.set", quote, {"mode": "customer", "entity_id": int(customer)}),
        ("cart_customer.addresses", quote, [{**ADDRESS, "mode": "billing"}, {**ADDRESS, "mode": "shipping"}]),
        ("cart_shipping.method", quote, "flatrate_flatrate"),
        ("cart_payment.method", quote, {"method": "checkmo"}),
    ):
        assert rpc.call(*step) is True
    return str(rpc.call("cart.order", quote))


def test_add_comment_cancel_and_the_shipment_list_answer_as_recorded(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    increment = _customer_order(rpc, sandbox, 3)
    shipment = sandbox.ship(increment, [("1Z999AA10123456784", "ups", "UPS")])
    shipped = rpc.call("sales_order.info", increment)
    assert_same_shape(shipped, second("sales_order.info.after_ship")["response"])
    assert [(h["status"], h["entity_name"]) for h in shipped["status_history"][:1]] == [
        ("processing", "shipment")
    ]
    order_id = next(o["order"]["order_id"] for o in sandbox.world.orders.values())
    rows = rpc.call("sales_order_shipment.list", {"order_id": {"eq": order_id}})
    record = second("sales_order_shipment.list.by_order_id")["response"]
    assert list(rows[0]) == list(record[0]) and rows[0]["shipment_id"] is None  # null, as recorded
    assert (rows[0]["increment_id"], rows[0]["total_qty"]) == (shipment, "3.0000")
    info = rpc.call("sales_order_shipment.info", shipment)
    recorded_info = second("sales_order_shipment.info")["response"]
    assert list(info) == list(recorded_info)  # the shipment's columns in the recorded order, ids included
    assert (info["shipment_id"], info["order_id"]) == (str(int(info["shipment_id"])), order_id)
    for key in ("items", "tracks"):
        assert_same_shape(info[key], recorded_info[key])
    assert info["tracks"][0]["number"] == info["tracks"][0]["track_number"] == "1Z999AA10123456784"
    comment = second("sales_order.addComment")["params"][1:]
    answer = rpc.call("sales_order.addComment", increment, *comment)
    assert answer is second("sales_order.addComment")["response"]
    other = _customer_order(rpc, sandbox, 1)
    assert rpc.call("sales_order.cancel", other) is second("sales_order.cancel")["response"]


def test_a_shipped_configurable_line_lists_its_line_and_its_child_line(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    parent, child, chosen = _super_attribute(sandbox)
    increment = guest_checkout(rpc, [{"product_id": parent.id, "qty": 1, "super_attribute": chosen}])
    shipment = sandbox.ship(increment)
    info = rpc.call("sales_order_shipment.info", shipment)
    recorded_items = second("sales_order_shipment.info")["response"]["items"]
    assert [(i["sku"], i["product_id"], i["price"] == "0.0000") for i in info["items"]] == [
        (child.sku, str(parent.id), False), (child.sku, str(child.id), True),
    ]  # fmt: skip  # as recorded: the configurable line, then its child line at price 0
    assert [i["sku"] for i in recorded_items[1:]] == ["LAB-TEE-RED", "LAB-TEE-RED"]
    assert info["total_qty"] == "1.0000"  # the child line is not counted twice (recorded 3 for 2 + 1 + 1)


def test_select_options_come_alphabetically_after_the_placeholder(rpc: Rpc) -> None:
    answer = rpc.call("product_attribute.options", "color")
    record = second("product_attribute.options.color")["response"]
    assert answer[0] == record[0] == {"label": "", "value": ""}
    assert_same_shape(answer, record)
    labels = [o["label"] for o in answer[1:]]
    assert labels == sorted(labels, key=str.casefold) and [o["label"] for o in record[1:]] == [
        "Blue",
        "Green",
        "Red",
    ]
