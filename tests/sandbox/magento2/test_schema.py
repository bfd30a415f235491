"""Sandbox answers validate against Adobe's official 2.4.8 schema, with only the recorded departures."""

from __future__ import annotations

import pytest

from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.sandbox.magento2.conftest import Api, criteria, one_axis_configurable, sellable_simple
from tests.sandbox.magento2.flows import ADDRESS, SHIPPING_INFO, add, direct_order, guest_cart
from tests.support.magento2_schema import allow_departures, template_of, validate, validate_request


def test_catalog_answers_follow_the_schema(api: Api, sandbox: Magento2Sandbox) -> None:
    simple, tee = sellable_simple(sandbox), one_axis_configurable(sandbox)
    some = criteria(pageSize=20)
    cases = [
        ("/V1/products", "/rest/V1/products", some),
        ("/V1/products/{sku}", f"/rest/V1/products/{simple.sku}", {}),
        ("/V1/products/{sku}", f"/rest/V1/products/{tee.sku}", {}),
        ("/V1/products/{sku}/media", f"/rest/V1/products/{simple.sku}/media", {}),
        (
            "/V1/configurable-products/{sku}/children",
            f"/rest/V1/configurable-products/{tee.sku}/children",
            {},
        ),
        (
            "/V1/configurable-products/{sku}/options/all",
            f"/rest/V1/configurable-products/{tee.sku}/options/all",
            {},
        ),
        ("/V1/products/attributes", "/rest/V1/products/attributes", some),
        ("/V1/products/attributes/{attributeCode}", "/rest/V1/products/attributes/size", {}),
        ("/V1/products/attributes/{attributeCode}/options", "/rest/V1/products/attributes/size/options", {}),
        ("/V1/products/attribute-sets/sets/list", "/rest/V1/products/attribute-sets/sets/list", some),
        ("/V1/categories", "/rest/V1/categories", {}),
        ("/V1/categories/list", "/rest/V1/categories/list", some),
        ("/V1/categories/{categoryId}", "/rest/V1/categories/4", {}),
        ("/V1/categories/{categoryId}/products", "/rest/V1/categories/4/products", {}),
        ("/V1/store/websites", "/rest/V1/store/websites", {}),
        ("/V1/store/storeGroups", "/rest/V1/store/storeGroups", {}),
        ("/V1/store/storeViews", "/rest/V1/store/storeViews", {}),
        ("/V1/store/storeConfigs", "/rest/V1/store/storeConfigs", {}),
        ("/V1/directory/currency", "/rest/V1/directory/currency", {}),
    ]
    for schema_path, url, params in cases:
        validate("GET", schema_path, api.ok("GET", url, params=params))


def test_inventory_and_customer_answers_follow_the_schema(api: Api, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    some = criteria(pageSize=20)
    cases = [
        ("/V1/inventory/sources", "/rest/V1/inventory/sources", some),
        ("/V1/inventory/stocks", "/rest/V1/inventory/stocks", some),
        ("/V1/inventory/source-items", "/rest/V1/inventory/source-items", some),
        ("/V1/inventory/stock-source-links", "/rest/V1/inventory/stock-source-links", some),
        ("/V1/inventory/stock-resolver/{type}/{code}", "/rest/V1/inventory/stock-resolver/website/base", {}),
        (
            "/V1/inventory/export-stock-salable-qty/{salesChannelType}/{salesChannelCode}",
            "/rest/V1/inventory/export-stock-salable-qty/website/base",
            some,
        ),
        (
            "/V1/inventory/get-product-salable-quantity/{sku}/{stockId}",
            f"/rest/V1/inventory/get-product-salable-quantity/{sku}/1",
            {},
        ),
        (
            "/V1/inventory/is-product-salable/{sku}/{stockId}",
            f"/rest/V1/inventory/is-product-salable/{sku}/1",
            {},
        ),
        ("/V1/stockItems/{productSku}", f"/rest/V1/stockItems/{sku}", {}),
        ("/V1/stockStatuses/{productSku}", f"/rest/V1/stockStatuses/{sku}", {}),
        ("/V1/customers/search", "/rest/V1/customers/search", some),
        ("/V1/customers/{customerId}", "/rest/V1/customers/1", {}),
    ]
    for schema_path, url, params in cases:
        validate("GET", schema_path, api.ok("GET", url, params=params))
    salable = api.ok(
        "GET", "/rest/V1/inventory/are-products-salable", params={"skus[]": [sku, "NOPE"], "stockId": 1}
    )
    validate("GET", "/V1/inventory/are-products-salable", salable)
    assert salable == [
        {"sku": sku, "stock_id": 1, "salable": True},
        {"sku": "NOPE", "stock_id": 1, "salable": False},
    ]
    customer = {
        "customer": {
            "email": "new@example.com",
            "firstname": "New",
            "lastname": "Buyer",
            "addresses": [{**ADDRESS, "default_billing": True}],
        }
    }
    validate("POST", "/V1/customers", api.ok("POST", "/rest/V1/customers", json=customer))


def test_cart_and_order_answers_follow_the_schema(api: Api, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    created = api.ok("POST", "/rest/V1/carts/")
    validate("POST", "/V1/carts/", created)
    cart = int(created)
    base = f"/rest/V1/carts/{cart}"
    # Read back before any item: with items and no shipping method yet, the sandbox answers
    # shipping.method null, a departure no source shows (not checked here; see COVERAGE.md).
    guest_cart = api.ok("GET", base)
    assert guest_cart["customer"] == {"email": None, "firstname": None, "lastname": None}  # as #6303 shows
    validate("GET", "/V1/carts/{cartId}", guest_cart)
    validate("POST", "/V1/carts/{quoteId}/items", add(api, cart, sku, 2).json())
    validate("GET", "/V1/carts/{cartId}/items", api.ok("GET", f"{base}/items"))
    validate(
        "POST",
        "/V1/carts/{cartId}/estimate-shipping-methods",
        api.ok("POST", f"{base}/estimate-shipping-methods", json={"address": ADDRESS}),
    )
    info = api.ok("POST", f"{base}/shipping-information", json={"addressInformation": SHIPPING_INFO})
    validate("POST", "/V1/carts/{cartId}/shipping-information", info)
    validate("GET", "/V1/carts/{cartId}/totals", api.ok("GET", f"{base}/totals"))
    validate("GET", "/V1/carts/{cartId}/payment-methods", api.ok("GET", f"{base}/payment-methods"))
    validate("GET", "/V1/carts/{cartId}/shipping-methods", api.ok("GET", f"{base}/shipping-methods"))
    customer_cart = api.ok("POST", "/rest/V1/customers/1/carts")
    validate("POST", "/V1/customers/{customerId}/carts", customer_cart)
    validate("GET", "/V1/carts/{cartId}", api.ok("GET", f"/rest/V1/carts/{customer_cart}"))
    billing = api.ok("POST", f"{base}/billing-address", json={"address": ADDRESS, "useForShipping": False})
    validate("POST", "/V1/carts/{cartId}/billing-address", billing)
    order_id = api.ok("PUT", f"{base}/order", json={"paymentMethod": {"method": "checkmo"}})
    validate("PUT", "/V1/carts/{cartId}/order", order_id)
    _documents(api, order_id)


def _documents(api: Api, order_id: int) -> None:
    validate("GET", "/V1/orders/{id}", api.ok("GET", f"/rest/V1/orders/{order_id}"))
    validate("GET", "/V1/orders", api.ok("GET", "/rest/V1/orders", params=criteria()))
    note = {
        "statusHistory": {
            "comment": "paid on AliExpress",
            "is_customer_notified": 0,
            "is_visible_on_front": 0,
            "parent_id": order_id,
        }
    }
    validate(
        "POST", "/V1/orders/{id}/comments", api.ok("POST", f"/rest/V1/orders/{order_id}/comments", json=note)
    )
    validate("GET", "/V1/orders/{id}/comments", api.ok("GET", f"/rest/V1/orders/{order_id}/comments"))
    invoice_id = api.ok("POST", f"/rest/V1/order/{order_id}/invoice", json={"capture": True})
    validate("POST", "/V1/order/{orderId}/invoice", invoice_id)
    validate("GET", "/V1/invoices/{id}", api.ok("GET", f"/rest/V1/invoices/{invoice_id}"))
    validate("GET", "/V1/invoices", api.ok("GET", "/rest/V1/invoices", params=criteria()))
    track = {"track_number": "1Z999", "title": "UPS", "carrier_code": "ups"}
    shipment_id = api.ok("POST", f"/rest/V1/order/{order_id}/ship", json={"tracks": [track]})
    validate("POST", "/V1/order/{orderId}/ship", shipment_id)
    shipment = api.ok("GET", f"/rest/V1/shipment/{shipment_id}")
    validate("GET", "/V1/shipment/{id}", shipment)
    assert shipment["tracks"][0]["qty"] is None  # a recorded departure: required, yet null
    validate("GET", "/V1/shipments", api.ok("GET", "/rest/V1/shipments", params=criteria()))
    added = {
        "entity": {
            "order_id": order_id,
            "parent_id": int(shipment_id),
            "track_number": "X2",
            "title": "DHL",
            "carrier_code": "dhl",
            "weight": 1,
            "qty": 1,
            "description": "box",
        }
    }
    validate("POST", "/V1/shipment/track", api.ok("POST", "/rest/V1/shipment/track", json=added))


def test_direct_order_and_errors_follow_the_schema(api: Api, sandbox: Magento2Sandbox) -> None:
    validate("POST", "/V1/orders", direct_order(api, sellable_simple(sandbox).sku, 1))
    missing = api.get("/rest/V1/products/nope")
    validate("GET", "/V1/products/{sku}", missing.json(), missing.status_code)
    cart = guest_cart(api)
    refused = add(api, cart, "nope-at-all")
    validate("POST", "/V1/carts/{quoteId}/items", refused.json(), refused.status_code)
    unknown_field = api.get("/rest/V1/products", **criteria([("no_such_field", "1", "eq")]))
    assert unknown_field.json()["parameters"] == ["no_such_field"]
    validate("GET", "/V1/products", unknown_field.json(), unknown_field.status_code)
    no_cart = api.get("/rest/V1/carts/987654321")
    assert no_cart.json()["parameters"] == {"fieldName": "cartId", "fieldValue": 987654321}
    validate("GET", "/V1/carts/{cartId}", no_cart.json(), no_cart.status_code)


def test_a_partial_order_update_and_its_echo_follow_the_schema(api: Api, sandbox: Magento2Sandbox) -> None:
    order = direct_order(api, sellable_simple(sandbox).sku, 1)
    sent = {
        "entity": {
            "entity_id": order["entity_id"],
            "increment_id": order["increment_id"],
            "ext_order_id": "X",
        }
    }
    validate_request("POST", "/V1/orders", sent)
    echoed = api.ok("POST", "/rest/V1/orders", json=sent)
    assert echoed["grand_total"] is None
    validate("POST", "/V1/orders", echoed, sent=sent)


def test_departures_are_allowed_exactly_where_listed() -> None:
    product = {"sku": "A", "custom_attributes": [{"attribute_code": "category_ids", "value": ["3"]}]}
    validate("GET", "/V1/products/{sku}", product)
    wrong = {"sku": "A", "custom_attributes": [{"attribute_code": "color", "value": ["3"]}]}
    with pytest.raises(Exception, match="is not of type 'string'"):
        validate("GET", "/V1/products/{sku}", wrong)
    stock_item = {"item_id": 1, "stock_id": 1, "low_stock_date": None}
    assert allow_departures(stock_item) == {"item_id": 1, "stock_id": 1, "low_stock_date": ""}
    assert allow_departures({"name": None}) == {"name": None}
    with pytest.raises(Exception, match="is not of type 'integer'"):
        validate("PUT", "/V1/carts/{cartId}/order", "7")  # recorded as an integer: no departure here
    for route in ("/V1/order/{orderId}/invoice", "/V1/order/{orderId}/ship"):
        validate("POST", route, "5")
        with pytest.raises(Exception, match="is not of type 'integer'"):
            validate("POST", route, "5a")
    nulls = {"email": None, "firstname": None, "lastname": None}
    assert allow_departures({"customer_is_guest": True, "customer": nulls})["customer"] == dict.fromkeys(
        nulls, ""
    )
    assert allow_departures({"customer_is_guest": False, "customer": nulls})["customer"] == nulls


def test_error_parameters_may_be_scalars_in_a_list_or_an_object_and_nothing_else() -> None:
    validate("GET", "/V1/products/{sku}", {"message": 'The "%1" attribute', "parameters": ["sku"]}, 400)
    validate(
        "GET", "/V1/products/{sku}", {"message": "No such %fieldName", "parameters": {"fieldName": "id"}}, 404
    )
    with pytest.raises(AssertionError, match="error parameters"):
        validate("GET", "/V1/products/{sku}", {"message": "x", "parameters": [{"nested": ["no"]}]}, 400)
    with pytest.raises(Exception, match="'message' is a required property"):
        validate("GET", "/V1/products/{sku}", {"parameters": ["sku"]}, 400)


def test_a_partial_order_is_relaxed_only_when_it_names_an_existing_order() -> None:
    partial = {"entity": {"entity_id": 7, "increment_id": "000000007", "ext_order_id": "AE-1"}}
    echo = {
        **partial["entity"],
        "grand_total": None,
        "base_grand_total": None,
        "customer_email": None,
        "items": None,
    }
    validate_request("POST", "/V1/orders", partial)
    validate("POST", "/V1/orders", echo, sent=partial)
    with pytest.raises(Exception, match="is a required property"):
        validate_request("POST", "/V1/orders", {"entity": {"increment_id": "000000007"}})
    with pytest.raises(Exception, match="None is not of type"):
        validate("POST", "/V1/orders", echo, sent={"entity": {"increment_id": "000000007"}})
    with pytest.raises(AssertionError, match="unknown arguments"):
        validate_request("POST", "/V1/orders", {**partial, "extra": 1})
    with pytest.raises(AssertionError, match="is not an operation of the official schema"):
        template_of("GET", "/V1/no-such-route")
    assert template_of("GET", "/V1/products/attributes") == "/V1/products/attributes"  # literal beats {sku}
