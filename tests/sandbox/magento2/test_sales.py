"""Carts, orders, MSI reservations, invoices, shipments and the cancel / hold / comment rules."""

from __future__ import annotations

from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.sandbox.magento2.conftest import Api, criteria, one_axis_configurable, sellable_simple
from tests.sandbox.magento2.flows import (
    ADDRESS,
    SHIPPING_INFO,
    add,
    checkout,
    direct_order,
    guest_cart,
    quote_order,
)


def test_quote_flow_reserves_and_shipment_compensates(api: Api, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    start = sandbox.source_qty(sku)
    order_id = quote_order(api, [(sku, 2)])
    assert (sandbox.salable_qty(sku), sandbox.source_qty(sku)) == (start - 2, start)
    salable = api.ok("GET", f"/rest/V1/inventory/get-product-salable-quantity/{sku}/1")
    assert salable == start - 2
    assert api.ok("GET", f"/rest/V1/stockItems/{sku}")["qty"] == start
    shipment = api.ok("POST", f"/rest/V1/order/{order_id}/ship", json={})
    assert isinstance(shipment, str) and shipment.isdigit()
    assert (sandbox.salable_qty(sku), sandbox.source_qty(sku)) == (start - 2, start - 2)


def test_direct_order_reserves_nothing_and_drifts_once_shipped(api: Api, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    sandbox.set_source_qty(sku, 10)
    order = direct_order(api, sku, 1)
    assert (order["increment_id"], order["ext_order_id"], order["grand_total"]) == (
        "AE-8100000000000123",
        "8100000000000123",
        30,
    )
    assert (sandbox.salable_qty(sku), sandbox.source_qty(sku)) == (10, 10)
    api.ok("POST", f"/rest/V1/order/{order['entity_id']}/ship", json={})
    assert (sandbox.salable_qty(sku), sandbox.source_qty(sku)) == (10, 9)  # measured on 2.4.7-p3
    quote_order(api, [(sku, 1)])
    assert (sandbox.salable_qty(sku), sandbox.source_qty(sku)) == (9, 9)
    found = api.ok("GET", "/rest/V1/orders", params=criteria([("ext_order_id", "8100000000000123", "eq")]))
    assert [o["entity_id"] for o in found["items"]] == [order["entity_id"]]
    again = api.request(
        "POST", "/rest/V1/orders", json={"entity": {**order, "entity_id": None, "items": order["items"]}}
    )
    assert (again.status_code, again.json()) == (400, {"message": "Unique constraint violation found"})


def test_partial_update_sets_ext_order_id_and_keeps_the_rest(api: Api, sandbox: Magento2Sandbox) -> None:
    order_id = quote_order(api, [(sellable_simple(sandbox).sku, 1)])
    before = api.ok("GET", f"/rest/V1/orders/{order_id}")
    entity = {"entity_id": order_id, "increment_id": before["increment_id"], "ext_order_id": "AE-1"}
    echoed = api.ok("POST", "/rest/V1/orders", json={"entity": entity})
    assert echoed["ext_order_id"] == "AE-1" and echoed["grand_total"] is None
    after = api.ok("GET", f"/rest/V1/orders/{order_id}")
    assert after["ext_order_id"] == "AE-1"
    assert (after["grand_total"], after["state"], after["status"]) == (
        before["grand_total"],
        "new",
        "pending",
    )


def test_an_order_keeps_its_carts_id_and_is_found_by_quote_id(api: Api, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    quote_order(api, [(sku, 1)])
    direct_order(api, sku, 1)  # from no cart
    cart = guest_cart(api)
    assert add(api, cart, sku).status_code == 200
    order_id = checkout(api, cart)
    assert api.ok("GET", f"/rest/V1/orders/{order_id}")["quote_id"] == cart  # an integer, as recorded
    found = api.ok("GET", "/rest/V1/orders", params=criteria([("quote_id", str(cart), "eq")]))
    assert ([o["entity_id"] for o in found["items"]], found["total_count"]) == ([order_id], 1)
    never_placed = api.ok(
        "GET", "/rest/V1/orders", params=criteria([("quote_id", str(guest_cart(api)), "eq")])
    )
    assert (never_placed["items"], never_placed["total_count"]) == ([], 0)


def test_second_place_order_is_404_and_customer_cart_is_reused(api: Api, sandbox: Magento2Sandbox) -> None:
    cart = guest_cart(api)
    assert add(api, cart, sellable_simple(sandbox).sku).status_code == 200
    checkout(api, cart)
    again = api.request("PUT", f"/rest/V1/carts/{cart}/order", json={"paymentMethod": {"method": "checkmo"}})
    assert (again.status_code, again.json()["parameters"]) == (
        404,
        {"fieldName": "cartId", "fieldValue": cart},
    )
    assert api.ok("GET", f"/rest/V1/carts/{cart}")["is_active"] is False
    first = api.ok("POST", "/rest/V1/customers/1/carts")
    assert api.ok("POST", "/rest/V1/customers/1/carts") == first and isinstance(first, int)
    fresh = api.ok("GET", f"/rest/V1/carts/{first}")
    assert fresh["billing_address"]["customer_address_id"] == 1 and fresh["items_count"] == 0
    assert api.ok("GET", f"/rest/V1/carts/{first}/shipping-methods") == []
    assert add(api, first, sellable_simple(sandbox).sku).status_code == 200
    checkout(api, first)
    assert api.ok("POST", "/rest/V1/customers/1/carts") != first


def test_configurable_in_a_cart_and_in_the_order(api: Api, sandbox: Magento2Sandbox) -> None:
    parent = one_axis_configurable(sandbox)
    child = sandbox.world.catalog.children(parent)[0]
    cart = guest_cart(api)
    refused = add(api, cart, parent.sku)
    assert (refused.status_code, refused.json()) == (
        400,
        {"message": "You need to choose options for your item."},
    )
    line = add(api, cart, parent.sku, 2, [{"option_id": "93", "option_value": child.option("color")}]).json()
    assert (line["sku"], line["name"], line["product_type"], line["price"]) == (
        child.sku,
        parent.name,
        "configurable",
        child.price,
    )
    order = api.ok("GET", f"/rest/V1/orders/{checkout(api, cart)}")
    top, kid = order["items"]
    assert (top["product_type"], top["sku"], top["product_id"], top["price"]) == (
        "configurable",
        child.sku,
        parent.id,
        child.price,
    )
    assert (kid["product_type"], kid["product_id"], kid["price"], kid["parent_item_id"]) == (
        "simple",
        child.id,
        0,
        top["item_id"],
    )
    assert kid["parent_item"]["item_id"] == top["item_id"] and "parent_item_id" not in top
    assert (
        order["extension_attributes"]["shipping_assignments"][0]["shipping"]["method"] == "flatrate_flatrate"
    )
    ship = api.ok(
        "POST",
        f"/rest/V1/order/{order['entity_id']}/ship",
        json={"items": [{"order_item_id": top["item_id"], "qty": 1}]},
    )
    lines = api.ok("GET", f"/rest/V1/orders/{order['entity_id']}")["items"]
    assert [i["qty_shipped"] for i in lines] == [1, 0]
    assert api.ok("GET", f"/rest/V1/shipment/{ship}")["items"][0]["order_item_id"] == top["item_id"]


def test_cart_refusals(api: Api, sandbox: Magento2Sandbox) -> None:
    catalog = sandbox.world.catalog.products
    disabled = next(p for p in catalog if p.status == 2 and p.type_id == "simple")
    out = next(
        p for p in catalog if p.type_id == "simple" and p.status == 1 and sandbox.salable_qty(p.sku) == 0
    )
    cart = guest_cart(api)
    gone = "Product that you are trying to add is not available."
    assert add(api, cart, disabled.sku).json() == {"message": gone}
    assert add(api, cart, out.sku).json() == {"message": gone}
    assert add(api, cart, sellable_simple(sandbox).sku, 5000).json() == {
        "message": "The requested qty is not available"
    }
    odd = api.request(
        "POST", f"/rest/V1/carts/{cart}/items", json={"cartItem": {"sku": "x", "qty": 1, "no_such_field": 1}}
    )
    assert odd.json() == {
        "message": '"%fieldName" is not supported. Correct the field name and try again.',
        "parameters": {"fieldName": "NoSuchField"},
    }
    missing = api.request(
        "PUT", "/rest/V1/carts/987654321/order", json={"paymentMethod": {"method": "checkmo"}}
    )
    assert missing.status_code == 404


def test_comments_follow_the_state(api: Api, sandbox: Magento2Sandbox) -> None:
    order_id = quote_order(api, [(sellable_simple(sandbox).sku, 1)])
    note = {"comment": "x", "is_customer_notified": 0, "is_visible_on_front": 0, "parent_id": order_id}
    bad = api.request(
        "POST", f"/rest/V1/orders/{order_id}/comments", json={"statusHistory": {**note, "status": "complete"}}
    )
    assert (bad.status_code, bad.json()["parameters"]) == (400, ["complete"])
    assert (
        bad.json()["message"]
        == 'Unable to add comment: The status "%1" is not part of the order\n                 status history.'
    )
    assert api.ok("POST", f"/rest/V1/orders/{order_id}/comments", json={"statusHistory": note}) is True
    assert api.ok("GET", f"/rest/V1/orders/{order_id}")["status_histories"][0]["comment"] == "x"
    typed = api.request(
        "POST",
        f"/rest/V1/orders/{order_id}/comments",
        json={"statusHistory": {**note, "is_customer_notified": "not-a-number"}},
    )
    assert typed.status_code == 400


def test_hold_unhold_invoice_and_cancel_rules(api: Api, sandbox: Magento2Sandbox) -> None:
    order_id = quote_order(api, [(sellable_simple(sandbox).sku, 1)])
    path = f"/rest/V1/orders/{order_id}"
    assert api.ok("POST", f"{path}/hold") is True
    assert api.request("POST", f"{path}/hold").json() == {"message": "A hold action is not available."}
    assert api.ok("POST", f"{path}/cancel") is False
    assert api.ok("POST", f"{path}/unhold") is True
    assert api.request("POST", f"{path}/unhold").json() == {"message": "You cannot remove the hold."}
    assert (api.ok("GET", path)["state"], api.ok("GET", path)["status"]) == ("new", "pending")
    invoice = api.ok("POST", f"/rest/V1/order/{order_id}/invoice", json={})
    assert isinstance(invoice, str)
    paid = api.ok("GET", path)
    assert (paid["state"], paid["total_paid"], paid["total_invoiced"]) == (
        "processing",
        paid["grand_total"],
        paid["grand_total"],
    )
    again = api.request("POST", f"/rest/V1/order/{order_id}/invoice", json={})
    assert again.status_code == 400 and again.json()["message"].startswith(
        "Invoice Document Validation Error(s):\n"
    )
    assert api.ok("POST", f"{path}/cancel") is False
    assert api.ok("GET", path)["state"] == "processing"
    api.ok("POST", f"/rest/V1/order/{order_id}/ship", json={})
    assert api.ok("GET", path)["state"] == "complete"
    nothing = api.request("POST", f"/rest/V1/order/{order_id}/ship", json={})
    assert nothing.json()["message"] == (
        "Shipment Document Validation Error(s):\nThe order does not allow a shipment "
        "to be created.\nYou can't create a shipment without products."
    )


def test_shipped_but_uninvoiced_order_is_canceled_and_compensated(api: Api, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    start = sandbox.salable_qty(sku)
    order_id = quote_order(api, [(sku, 3)])
    lines = api.ok("GET", f"/rest/V1/orders/{order_id}")["items"]
    no_id = api.request("POST", f"/rest/V1/order/{order_id}/ship", json={"items": [{"qty": 1}]})
    assert no_id.json() == {
        "message": "Shipment Document Validation Error(s):\nYou can't create a shipment without products."
    }
    api.ok(
        "POST",
        f"/rest/V1/order/{order_id}/ship",
        json={"items": [{"order_item_id": lines[0]["item_id"], "qty": 1}]},
    )
    assert api.ok("POST", f"/rest/V1/orders/{order_id}/cancel") is True
    canceled = api.ok("GET", f"/rest/V1/orders/{order_id}")
    assert (canceled["state"], canceled["status"], canceled["items"][0]["qty_canceled"]) == (
        "canceled",
        "canceled",
        2,
    )
    assert sandbox.salable_qty(sku) == start - 1
    assert sandbox.source_qty(sku) == start - 1


def test_shipments_search_with_tracks(api: Api, sandbox: Magento2Sandbox) -> None:
    order_id = quote_order(api, [(sellable_simple(sandbox).sku, 1)])
    track = {"track_number": "1ZLAB0001", "title": "UPS", "carrier_code": "ups"}
    shipment_id = api.ok("POST", f"/rest/V1/order/{order_id}/ship", json={"tracks": [track]})
    found = api.ok("GET", "/rest/V1/shipments", params=criteria([("order_id", str(order_id), "eq")]))
    assert found["total_count"] == 1
    assert [(t["track_number"], t["carrier_code"]) for t in found["items"][0]["tracks"]] == [
        ("1ZLAB0001", "ups")
    ]
    track_id = found["items"][0]["tracks"][0]["entity_id"]
    assert api.ok("DELETE", f"/rest/V1/shipment/track/{track_id}") is True
    assert api.ok("GET", f"/rest/V1/shipment/{shipment_id}")["tracks"] == []
    assert api.get("/rest/V1/orders/987654").json()["message"].startswith("The entity that was requested")


def test_anonymous_guest_cart_with_a_masked_id(anon: Api, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    masked = anon.ok("POST", "/rest/V1/guest-carts")
    assert isinstance(masked, str) and len(masked) == 32
    base = f"/rest/V1/guest-carts/{masked}"
    line = anon.ok("POST", f"{base}/items", json={"cartItem": {"sku": sku, "qty": 1, "quote_id": masked}})
    assert line["sku"] == sku
    assert anon.ok(
        "POST", f"{base}/billing-address", json={"address": ADDRESS, "useForShipping": True}
    ).isdigit()
    assert [m["carrier_code"] for m in anon.ok("GET", f"{base}/shipping-methods")] == ["flatrate"]
    info = anon.ok("POST", f"{base}/shipping-information", json={"addressInformation": SHIPPING_INFO})
    assert info["totals"]["shipping_amount"] == 5
    order_id = anon.ok("PUT", f"{base}/order", json={"paymentMethod": {"method": "checkmo"}})
    anon.login()
    order = anon.ok("GET", f"/rest/V1/orders/{order_id}")
    assert (order["customer_is_guest"], order["customer_email"]) == (1, "ana@example.com")
    assert (
        anon.request("POST", "/rest/V1/guest-carts/nope/items", json={"cartItem": {"sku": sku}}).status_code
        == 404
    )


def test_payment_and_carrier_refusals(api: Api, sandbox: Magento2Sandbox) -> None:
    cart = guest_cart(api)
    add(api, cart, sellable_simple(sandbox).sku)
    wrong = {**SHIPPING_INFO, "shipping_carrier_code": "ups", "shipping_method_code": "ground"}
    refused = api.request(
        "POST", f"/rest/V1/carts/{cart}/shipping-information", json={"addressInformation": wrong}
    )
    assert refused.json() == {
        "message": "Carrier with such method not found: %1, %2",
        "parameters": ["ups", "ground"],
    }
    early = api.request("PUT", f"/rest/V1/carts/{cart}/order", json={"paymentMethod": {"method": "checkmo"}})
    assert early.json() == {
        "message": "The shipping method is missing. Select the shipping method and try again."
    }
    api.ok("POST", f"/rest/V1/carts/{cart}/shipping-information", json={"addressInformation": SHIPPING_INFO})
    cash = api.request(
        "PUT", f"/rest/V1/carts/{cart}/order", json={"paymentMethod": {"method": "cashondelivery"}}
    )
    assert cash.json() == {"message": "The requested Payment Method is not available."}
    assert api.ok("GET", f"/rest/V1/carts/{cart}/payment-methods") == [
        {"code": "checkmo", "title": "Check / Money order"}
    ]


CART_KEYS = [
    "billing_address",
    "created_at",
    "currency",
    "customer",
    "customer_is_guest",
    "customer_note_notify",
    "customer_tax_class_id",
    "extension_attributes",
    "id",
    "is_active",
    "is_virtual",
    "items",
    "items_count",
    "items_qty",
    "orig_order_id",
    "store_id",
    "updated_at",
]
SHIPMENT_KEYS = [
    "billing_address_id",
    "comments",
    "created_at",
    "customer_id",
    "entity_id",
    "extension_attributes",
    "increment_id",
    "items",
    "order_id",
    "packages",
    "shipping_address_id",
    "store_id",
    "total_qty",
    "tracks",
    "updated_at",
]


def test_customer_cart_and_shipment_keys_are_the_recorded_ones(api: Api, sandbox: Magento2Sandbox) -> None:
    cart = api.ok("POST", "/rest/V1/customers/1/carts")
    body = api.ok("GET", f"/rest/V1/carts/{cart}")
    assert sorted(body) == CART_KEYS
    assert (body["customer"]["id"], body["customer_is_guest"], body["items_count"]) == (1, False, 0)
    add(api, cart, sellable_simple(sandbox).sku)
    order_id = checkout(api, cart)
    assert api.ok("GET", f"/rest/V1/orders/{order_id}")["customer_id"] == 1
    shipment = api.ok("POST", f"/rest/V1/order/{order_id}/ship", json={})
    assert sorted(api.ok("GET", f"/rest/V1/shipment/{shipment}")) == SHIPMENT_KEYS


def test_bulk_salable_quantities_and_cart_line_updates(api: Api, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    sandbox.set_source_qty(sku, 6)
    cart = guest_cart(api)
    line = add(api, cart, sku, 1).json()
    changed = api.ok("PUT", f"/rest/V1/carts/{cart}/items/{line['item_id']}", json={"cartItem": {"qty": 4}})
    assert changed["qty"] == 4
    too_many = api.request(
        "PUT", f"/rest/V1/carts/{cart}/items/{line['item_id']}", json={"cartItem": {"qty": 7}}
    )
    assert too_many.json() == {"message": "The requested qty is not available"}
    checkout(api, cart)
    wanted = f"{sku},GIFT/CARD-005,NOPE"
    bulk = api.ok(
        "GET",
        "/rest/V1/inventory/export-stock-salable-qty/website/base",
        params=criteria([("sku", wanted, "in")]),
    )
    rows = {row["sku"]: row for row in bulk["items"]}
    assert rows[sku] == {"sku": sku, "qty": 2, "is_salable": True}
    assert sorted(rows) == sorted([sku, "GIFT/CARD-005"])
    items = api.ok("GET", "/rest/V1/inventory/source-items", params=criteria([("sku", sku, "eq")]))["items"]
    assert items == [{"sku": sku, "source_code": "default", "quantity": 6, "status": 1}]


def test_inventory_refusals(api: Api, sandbox: Magento2Sandbox) -> None:
    parent = one_axis_configurable(sandbox)
    refused = api.get(f"/rest/V1/inventory/get-product-salable-quantity/{parent.sku}/1")
    assert (refused.status_code, refused.json()) == (
        400,
        {"message": "Can't check requested quantity for products without Source Items support."},
    )
    unknown = api.get("/rest/V1/inventory/get-product-salable-quantity/NOPE/1")
    assert unknown.json() == {
        "message": "Following products with requested skus were not found: %skus",
        "parameters": {"skus": "NOPE"},
    }
    assert api.get("/rest/V1/inventory/stock-resolver/website/nope").json() == {
        "message": "No linked stock found"
    }
    assert api.ok("GET", "/rest/V1/inventory/stock-resolver/website/base")["stock_id"] == 1


def test_the_salable_export_by_sku_in_answers_what_the_full_export_answers(
    api: Api, sandbox: Magento2Sandbox
) -> None:
    """``sku in`` is looked up (a stock read asks 500 at a time), the rows those of the full export."""
    export = "/rest/V1/inventory/export-stock-salable-qty/website/base"
    products = sandbox.world.catalog.products
    wanted = [products[9].sku.lower(), products[2].sku, "NOPE", products[9].sku]
    found = api.ok("GET", export, params=criteria([("sku", ",".join(wanted), "in")]))["items"]
    everything = api.ok("GET", export, params={"searchCriteria[pageSize]": len(products)})["items"]
    assert found == [row for row in everything if row["sku"] in (products[2].sku, products[9].sku)]
    assert [row["sku"] for row in found] == [products[2].sku, products[9].sku]


def test_a_warehouse_ships_through_the_control_endpoint(api: Api, sandbox: Magento2Sandbox) -> None:
    """``POST /_sandbox/ship`` (the Magento 1 sandbox's body): the order's open lines shipped with the
    tracks, read back through the REST API; a second ship of the same order and an unknown order fail."""
    sku = sellable_simple(sandbox).sku
    sandbox.set_source_qty(sku, 10)
    order = direct_order(api, sku, 2)
    body = {"increment_id": order["increment_id"], "tracks": [["LX123456789CN", "ups", "UPS"]]}
    answer = api.http.post("/_sandbox/ship", json=body)
    assert answer.status_code == 200, answer.text
    shipment_id = answer.json()["shipment_id"]
    shipment = api.ok("GET", f"/rest/V1/shipment/{shipment_id}")
    assert shipment["order_id"] == order["entity_id"]
    assert [(t["track_number"], t["carrier_code"], t["title"]) for t in shipment["tracks"]] == [
        ("LX123456789CN", "ups", "UPS")
    ]
    assert [i["qty"] for i in shipment["items"]] == [2]
    assert api.http.post("/_sandbox/ship", json=body).status_code == 400  # nothing left to ship
    assert api.http.post("/_sandbox/ship", json={"increment_id": "nope"}).status_code == 404
