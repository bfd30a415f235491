"""The Magento 1 sandbox against Magento 1's API v1 behaviour: sessions, the handler's faults, the
recorded HTTP 500 quirk, multiCall, the connector module switch, the cart flow's stock and persistence."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from aliexpress_magento.sandbox.__main__ import build_magento1, parser
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento1.attributes import BY_CODE
from aliexpress_magento.sandbox.magento1.sales import ORDER_COLUMNS
from aliexpress_magento.sandbox.magento1.values import stamp

from .conftest import (
    BASE,
    FakeClock,
    Fault,
    HttpStatus,
    Rpc,
    guest_checkout,
    sellable_simple,
    two_axis_configurable,
)


def test_a_session_expires_after_its_lifetime_and_a_new_login_works(rpc: Rpc, clock: FakeClock) -> None:
    session = rpc("login", DEMO_API_USER, DEMO_API_KEY)
    assert rpc("call", session, "store.list", [])[0]["code"] == "default"
    clock.advance(3600)
    assert rpc("call", session, "store.list", []) == Fault(5, "Session expired. Try to relogin.")
    again = rpc("login", DEMO_API_USER, DEMO_API_KEY)
    assert again != session and rpc("call", again, "store.list", [])[0]["store_id"] == 1


def test_login_faults(rpc: Rpc) -> None:
    assert rpc("login", DEMO_API_USER, "") == Fault(
        6, 'Required parameter is missing, for more details see "exception.log".'
    )
    assert rpc("login", "someone", DEMO_API_KEY) == Fault(2, "Access denied.")


def test_unknown_paths_and_methods(rpc: Rpc) -> None:
    assert rpc.call("catalog_product.nope") == Fault(3, "Invalid api path.")
    assert rpc.call("storelist") == Fault(3, "Invalid api path.")
    assert rpc("catalogProductList", "x") == Fault(620, 'Method "catalogProductList" does not exist')


def test_customer_list_needs_its_filters_argument_as_recorded(rpc: Rpc) -> None:
    assert rpc.call("customer.list") == HttpStatus(500)
    assert rpc.call("customer.list", {}) == []


def test_customers_are_created_and_listed(rpc: Rpc) -> None:
    new = {"email": "ana@example.com", "firstname": "Ana", "lastname": "Lima", "website_id": 1}
    customer_id = rpc.call("customer.create", new)
    assert customer_id == "1"  # a string, as recorded
    [row] = rpc.call("customer.list", {"email": "ana@example.com"})
    assert (row["customer_id"], row["firstname"], row["website_id"]) == (customer_id, "Ana", "1")
    assert rpc.call("customer.create", new) == Fault(100, "This customer email already exists")
    assert rpc.call("customer.create", {**new, "email": "nope"}) == Fault(
        100, 'Invalid email address "nope".'
    )


def test_multicall_takes_a_struct_answers_faults_in_place_as_strings_and_break_stops(rpc: Rpc) -> None:
    session = rpc("login", DEMO_API_USER, DEMO_API_KEY)
    calls = {
        "0": ["catalog_product.info", ["NOPE", None, None, "sku"]],
        "1": ["store.list"],
        "2": ["no.such"],
    }
    answers = rpc("multiCall", session, calls)
    assert answers[0] == {"isFault": True, "faultCode": "101", "faultMessage": "Product not exists."}
    assert answers[1][0]["code"] == "default"
    assert answers[2] == {"isFault": True, "faultCode": "3", "faultMessage": "Invalid api path."}
    assert len(rpc("multiCall", session, calls, {"break": 1})) == 1


SIGNATURE = Fault(623, "Calling parameters do not match signature")


def test_current_openmage_refuses_multicall_calls_as_an_array(rpc: Rpc) -> None:
    session = rpc("login", DEMO_API_USER, DEMO_API_KEY)
    calls = [["store.list", []]]
    assert rpc("multiCall", session, calls) == SIGNATURE  # recorded: multiCall.array_form.json
    assert rpc("multiCall", session, calls, {}) == SIGNATURE
    assert rpc("multiCall", session, calls, []) == SIGNATURE


def test_magento_1_9_4_takes_multicall_calls_as_an_array_only(sandbox: Magento1Sandbox, rpc: Rpc) -> None:
    sandbox.knobs.update({"emulate": "magento-1.9.4"})
    session = rpc("login", DEMO_API_USER, DEMO_API_KEY)
    calls = [["catalog_product.info", ["NOPE", None, None, "sku"]], ["store.list"]]
    answers = rpc("multiCall", session, calls)
    assert answers[0] == {"isFault": True, "faultCode": "101", "faultMessage": "Product not exists."}
    assert answers[1][0]["code"] == "default"
    assert rpc("multiCall", session, calls, []) == answers
    assert rpc("multiCall", session, {"0": ["store.list", []]}) == SIGNATURE  # by the signature rule (unsure)
    assert rpc("multiCall", session, calls, {"break": 1}) == SIGNATURE


def test_the_version_knob_refuses_an_unknown_version(sandbox: Magento1Sandbox) -> None:
    with pytest.raises(ValueError, match="unknown version 'magento-2'"):
        sandbox.knobs.update({"emulate": "magento-2"})
    assert sandbox.knobs.emulate == "openmage-20.18"


def test_call_arguments_as_a_struct_or_a_scalar_are_refused_by_signature(rpc: Rpc) -> None:
    session = rpc("login", DEMO_API_USER, DEMO_API_KEY)
    assert rpc("call", session, "customer.list", {"filters": {}}) == SIGNATURE  # the real store, not HTTP 500
    assert rpc("call", session, "store.list", {}) == SIGNATURE
    assert rpc("call", session, "catalog_product.info", "SKU") == SIGNATURE
    assert rpc("call", session, "store.list")[0]["code"] == "default"  # $args is optional
    assert rpc("login", DEMO_API_USER, 42) == SIGNATURE


def test_the_connector_module_lists_children_and_can_be_switched_off(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    parent = two_axis_configurable(sandbox)
    [found] = rpc.call("aliexpress_connector_product.children", [parent.sku, "NO-SUCH"], "sku")
    kids = sandbox.world.catalog.children(parent)
    assert [c["sku"] for c in found["children"]] == [k.sku for k in kids]
    assert [a["attribute_code"] for a in found["attributes"]] == list(parent.axes)
    first = kids[0]
    assert found["children"][0]["values"][0] == {
        "attribute_id": str(BY_CODE["color"].attribute_id),
        "attribute_code": "color",
        "value": str(first.option("color")),
        "label": BY_CODE["color"].options[
            [o for o, _ in BY_CODE["color"].options].index(first.option("color"))
        ][1],
    }
    with httpx.Client(transport=httpx.WSGITransport(app=sandbox.wsgi), base_url=BASE) as http:
        assert (
            http.post("/_sandbox/knobs", json={"connector_module": False}).json()["connector_module"] is False
        )
    assert rpc.call("aliexpress_connector_product.children", [parent.sku]) == Fault(3, "Invalid api path.")


def test_an_order_takes_stock_at_placement_and_a_cancel_gives_it_back(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    product = sellable_simple(sandbox)
    before = sandbox.salable_qty(product.sku)
    increment = guest_checkout(rpc, [{"sku": product.sku, "qty": 2}])
    assert increment == "100000001"
    assert sandbox.salable_qty(product.sku) == before - 2
    [row] = rpc.call("sales_order.list", {"increment_id": increment})
    assert set(row) == ORDER_COLUMNS  # every column a filter may name is answered, and only those
    assert (row["state"], row["status"], row["grand_total"], row["billing_name"]) == (
        "new", "pending", f"{product.price * 2 + 10:.4f}", "Li Wei",
    )  # fmt: skip
    assert rpc.call("sales_order.cancel", increment) is True
    assert sandbox.salable_qty(product.sku) == before
    assert rpc.call("sales_order.cancel", increment) == Fault(
        103, "Order status not changed. Details in error message."
    )


def test_a_configurable_is_bought_through_its_super_attributes(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    parent = two_axis_configurable(sandbox)
    child = sandbox.world.catalog.children(parent)[1]
    chosen = {str(BY_CODE[c].attribute_id): str(child.option(c)) for c in parent.axes}
    before = sandbox.salable_qty(child.sku)
    increment = guest_checkout(rpc, [{"sku": parent.sku, "qty": 1, "super_attribute": chosen}])
    info = rpc.call("sales_order.info", increment)
    assert [(i["product_type"], i["sku"], i["parent_item_id"] is None) for i in info["items"]] == [
        ("configurable", child.sku, True),
        ("simple", child.sku, False),
    ]
    assert sandbox.salable_qty(child.sku) == before - 1
    assert guest_checkout(rpc, [{"sku": parent.sku, "qty": 1}]) == Fault(
        1022, "Please specify the product's option(s)."
    )


def test_cart_faults(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    quote = rpc.call("cart.create")
    assert rpc.call("cart_shipping.list", quote) == Fault(
        1061, "Can not make operation because of customer shipping address is not set"
    )
    too_many = sandbox.salable_qty(product.sku) + 1
    assert rpc.call("cart_product.add", quote, [{"sku": product.sku, "qty": too_many}]) == Fault(
        1022, f'The requested quantity for "{product.name}" is not available.'
    )
    assert rpc.call("cart_product.add", quote, []) == Fault(1021, "Product's data is not valid.")
    assert rpc.call("cart_payment.method", quote, {"method": "checkmo"}) == Fault(
        1072, "Customer's billing address is not set. "
    )
    assert rpc.call("cart.order", quote) == Fault(
        1008,
        "Please check shipping address information. Please enter the first name. Please enter the last name. "
        "Please enter the street. Please enter the city. Please enter the telephone number. "
        "Please enter the zip/postal code. Please enter the country.",
    )
    assert rpc.call("cart.create", "nl") == Fault(1001, "Can not make operation because store is not exists")


def test_shipments_are_listed_with_their_tracks(rpc: Rpc, sandbox: Magento1Sandbox, clock: FakeClock) -> None:
    increment = guest_checkout(rpc, [{"sku": sellable_simple(sandbox).sku, "qty": 2}])
    clock.advance(60)
    shipment = sandbox.ship(increment, [("1ZLAB0001", "ups", "UPS")])
    [row] = rpc.call("sales_order_shipment.list", {"updated_at": {"gteq": stamp(clock.now)}})
    assert row == {"increment_id": shipment, "created_at": stamp(clock.now), "total_qty": "2.0000",
                   "shipment_id": None}  # fmt: skip
    order_id = next(o["order"]["order_id"] for o in sandbox.world.orders.values())
    assert rpc.call("sales_order_shipment.list", {"order_id": {"eq": order_id}}) == [row]
    assert rpc.call("sales_order_shipment.list", {"order_id": {"eq": "999"}}) == []
    info = rpc.call("sales_order_shipment.info", shipment)
    assert [(t["track_number"], t["carrier_code"], t["title"]) for t in info["tracks"]] == [
        ("1ZLAB0001", "ups", "UPS")
    ]
    assert rpc.call("sales_order_shipment.info", "999") == Fault(100, "Requested shipment not exists.")


def test_state_survives_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    state = str(tmp_path / "m1.json")
    first = Magento1Sandbox(state_file=state, clock=clock)
    product = sellable_simple(first)
    before = first.salable_qty(product.sku)
    increment = guest_checkout(Rpc(first), [{"sku": product.sku, "qty": 3}])
    again = Magento1Sandbox(state_file=state, clock=clock)
    assert again.salable_qty(product.sku) == before - 3
    assert Rpc(again).call("sales_order.info", increment)["increment_id"] == increment


def test_catalog_filters_and_product_edits(rpc: Rpc, sandbox: Magento1Sandbox, clock: FakeClock) -> None:
    product = sellable_simple(sandbox)
    clock.advance(10)
    sandbox.update_product(product.sku, name="Renamed")
    changed = rpc.call("catalog_product.list", {"updated_at": {"from": stamp(clock.now)}})
    assert [(r["sku"], r["name"]) for r in changed] == [(product.sku, "Renamed")]
    assert rpc.call("catalog_product.list", {"complex_filter": []}) == Fault(0, "Unknown Error")
    configurables = rpc.call("catalog_product.list", {"type": "configurable"})
    assert len(configurables) == 40


def test_media_files_are_served(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    [first, *_] = rpc.call("catalog_product_attribute_media.list", product.sku, None, "sku")
    assert first["url"].startswith(f"{BASE}/media/catalog/product/")
    with httpx.Client(transport=httpx.WSGITransport(app=sandbox.wsgi)) as http:
        image = http.get(first["url"])
    assert (image.status_code, image.content[:8]) == (200, b"\x89PNG\r\n\x1a\n")


def test_the_command_line_defaults_and_the_module_switch(tmp_path: Path) -> None:
    state = tmp_path / "m1.json"
    args = parser().parse_args(["magento1", "--state", str(state), "--session-ttl-seconds", "60"])
    assert (args.port, args.api_user, args.api_key, args.without_module) == (
        8003,
        DEMO_API_USER,
        DEMO_API_KEY,
        False,
    )
    sandbox = build_magento1(args)
    assert (sandbox.knobs.session_ttl_seconds, sandbox.knobs.connector_module) == (60, True)
    assert json.loads(state.read_text())["knobs"]["session_ttl_seconds"] == 60
    without = build_magento1(parser().parse_args(["magento1", "--without-module", "--api-key", "k-1"]))
    assert without.knobs.connector_module is False
    rpc = Rpc(without)
    session = rpc("login", DEMO_API_USER, "k-1")
    assert rpc("call", session, "aliexpress_connector_product.children", [["X"]]) == Fault(
        3, "Invalid api path."
    )


def test_the_command_line_switches_to_magento_1_9_4_and_core_magento_info_follows(tmp_path: Path) -> None:
    assert build_magento1(parser().parse_args(["magento1"])).knobs.emulate == "openmage-20.18"
    old = build_magento1(parser().parse_args(["magento1", "--emulate", "magento-1.9.4"]))
    assert old.knobs.emulate == "magento-1.9.4"
    rpc = Rpc(old)
    assert rpc.call("core_magento.info") == {"magento_edition": "Community", "magento_version": "1.9.4.5"}
    session = rpc.session
    assert rpc("multiCall", session, [["magento.info", []]]) == [
        {"magento_edition": "Community", "magento_version": "1.9.4.5"}
    ]


def test_children_takes_at_most_500_identifiers_as_an_array_or_a_struct(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    parent = two_axis_configurable(sandbox)
    as_array = rpc.call("aliexpress_connector_product.children", [parent.sku], "sku")
    assert rpc.call("aliexpress_connector_product.children", {"0": parent.sku}, "sku") == as_array
    assert rpc.call("aliexpress_connector_product.children", ["NOPE"] * 500, "sku") == []
    assert rpc.call("aliexpress_connector_product.children", ["NOPE"] * 501, "sku") == Fault(
        102, "At most 500 products per call."
    )


def test_children_axes_are_at_position_0_in_attach_order_and_children_by_id(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    parent = two_axis_configurable(sandbox)
    [found] = rpc.call("aliexpress_connector_product.children", [parent.sku], "sku")
    assert [(a["attribute_code"], a["position"]) for a in found["attributes"]] == [
        ("color", "0"), ("size", "0"),
    ]  # fmt: skip
    ids = [int(c["product_id"]) for c in found["children"]]
    assert ids == sorted(ids) and len(ids) == len(sandbox.world.catalog.children(parent))


@pytest.mark.parametrize(
    ("denied", "children", "changed"),
    [
        ([], True, True),
        (["aliexpress_connector/product/changed_paged"], True, False),
        (["aliexpress_connector/product/list_children"], False, True),
        (["aliexpress_connector/product"], False, False),  # a role saved without "Products"
        (["aliexpress_connector"], False, False),
        (["aliexpress_connector/product/changed"], True, True),  # 1.1.0's id: no longer an ACL resource
    ],
)
def test_a_role_denied_a_module_resource_gets_fault_2(
    sandbox: Magento1Sandbox, rpc: Rpc, denied: list[str], children: bool, changed: bool
) -> None:
    sandbox.knobs.update({"acl_denied": denied})
    calls = {
        "0": ["aliexpress_connector_product.children", [["X"]]],
        "1": ["aliexpress_connector_product.changed", ["2026-01-01"]],
    }
    answers = rpc("multiCall", rpc("login", DEMO_API_USER, DEMO_API_KEY), calls)
    no = {"isFault": True, "faultCode": "2", "faultMessage": "Access denied."}
    assert [a != no for a in answers] == [children, changed]
    assert (
        rpc.call("aliexpress_connector_product.children", ["X"]) != Fault(2, "Access denied.")
    ) is children


def test_a_product_list_by_sku_in_answers_what_the_full_scan_answers(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    """``sku in`` texts are looked up (a stock read asks 100 at a time), numbers scan: the same rows."""
    products = sandbox.world.catalog.products
    wanted = [products[7].sku.upper(), products[3].sku, "NO-SUCH-SKU", products[7].sku]
    found = rpc.call("catalog_product.list", {"sku": {"in": wanted}})
    assert [r["sku"] for r in found] == [products[3].sku, products[7].sku]  # entity id order, once each
    scanned = rpc.call("catalog_product.list", {"sku": {"in": [*wanted, "12345"]}})
    assert scanned == found  # a listed number: no lookup, every product filtered
    enabled = rpc.call("catalog_product.list", {"sku": {"in": wanted}, "status": 1})
    assert [r["sku"] for r in enabled] == [p.sku for p in (products[3], products[7]) if p.status == 1]
