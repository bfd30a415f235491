"""The Magento 2 client against the Magento 2 sandbox, in-process (httpx.WSGITransport).

The client never imports the sandbox; only the tests join them, through ``CheckedTransport``, which
validates every request body the client sends and every answer against Adobe's official 2.4.8 schema
(allowing only the departures recorded on a real 2.4.7-p3).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, cast

import httpx
import pytest

from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.clients.magento2 import (
    AdminTokenAuth,
    AuthError,
    BearerAuth,
    Magento2Client,
    NotFoundError,
    OAuth1Auth,
    OAuth1Credentials,
    SearchCriteria,
    ValidationError,
)
from aliexpress_magento.clients.magento2.customers import Address
from aliexpress_magento.clients.magento2.orders import ItemQty, NewTrack
from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.clients.magento2.wire import (
    BASE_URL,
    DEMO_OAUTH,
    INTEGRATION_TOKEN,
    CheckedTransport,
    WithoutMsi,
)
from tests.sandbox.magento2.conftest import one_axis_configurable, sellable_simple
from tests.sandbox.magento2.flows import ADDRESS as flows_address
from tests.sandbox.magento2.flows import direct_entity as flows_direct_entity

ADDRESS = cast(Address, flows_address)  # the same buyer the sandbox tests use


def direct_entity(sku: str, qty: float, increment_id: str, ext_order_id: str) -> dict[str, Any]:
    """The sandbox tests' direct order, completed as the schema requires (assignment items, payment)."""
    entity = flows_direct_entity(sku, qty, increment_id, ext_order_id)
    entity["extension_attributes"]["shipping_assignments"][0]["items"] = entity["items"]
    entity["payment"] = {
        "method": "checkmo",
        "account_status": "",
        "additional_information": [],
        "cc_last4": "",
    }
    return entity


@pytest.fixture
def sandbox() -> Magento2Sandbox:
    return Magento2Sandbox()  # the real clock: Authlib stamps OAuth requests with time.time()


@pytest.fixture
def wire(sandbox: Magento2Sandbox) -> CheckedTransport:
    return CheckedTransport(sandbox)


def connect(wire: httpx.BaseTransport, auth: httpx.Auth) -> Magento2Client:
    return Magento2Client(BASE_URL, auth=auth, transport=wire, retry=NO_RETRY)


@pytest.fixture
def client(wire: CheckedTransport) -> Iterator[Magento2Client]:
    with connect(wire, BearerAuth(INTEGRATION_TOKEN)) as magento:
        yield magento


# --- auth -------------------------------------------------------------------------------------------


def test_integration_token_as_bearer(client: Magento2Client, wire: CheckedTransport) -> None:
    assert [w.code for w in client.stores.websites()] == ["base", "admin"]
    assert wire.exchanges[-1].status == 200


def test_admin_token_is_fetched_from_the_token_route(wire: CheckedTransport) -> None:
    with connect(wire, AdminTokenAuth("admin", "admin-password-1")) as magento:
        assert magento.products.get("GIFT/CARD-005").sku == "GIFT/CARD-005"
    assert [(e.method, e.template, e.status) for e in wire.exchanges] == [
        ("POST", "/V1/integration/admin/token", 200),
        ("GET", "/V1/products/{sku}", 200),
    ]


def test_a_wrong_admin_password_is_an_auth_error_that_says_why(wire: CheckedTransport) -> None:
    with connect(wire, AdminTokenAuth("admin", "nope")) as magento, pytest.raises(AuthError) as caught:
        magento.stores.websites()
    assert caught.value.message == (
        "The account sign-in was incorrect or your account is disabled temporarily. "
        "Please wait and try again later."
    )
    assert [(e.template, e.status) for e in wire.exchanges] == [("/V1/integration/admin/token", 401)]


def test_oauth1_hmac_sha256_is_accepted(wire: CheckedTransport) -> None:
    with connect(wire, OAuth1Auth(OAuth1Credentials(*DEMO_OAUTH))) as magento:
        criteria = SearchCriteria().where("type_id", "configurable").limit(5)
        page = next(magento.products.search(criteria).pages())
    assert (len(page.items), page.total_count) == (5, 40)


def test_oauth1_with_a_wrong_secret_is_refused_once(wire: CheckedTransport) -> None:
    key, _, token, token_secret = DEMO_OAUTH
    auth = OAuth1Auth(OAuth1Credentials(key, "wrong", token, token_secret))
    with connect(wire, auth) as magento, pytest.raises(AuthError) as caught:
        magento.products.get("GIFT/CARD-005")
    assert (caught.value.status, caught.value.retryable) == (401, False)
    assert caught.value.message == "The signature is invalid. Verify and try again."  # as recorded
    assert len(wire.exchanges) == 1


def test_oauth1_catalog_read_with_an_updated_at_filter(wire: CheckedTransport) -> None:
    """The space in an updated_at value goes as %20: sent as "+" Magento 2.4.7 signs a literal "+"
    and refuses the signature (second-store/oauth1.space_in_query.plus)."""
    since = datetime(2000, 1, 1, tzinfo=UTC)
    with connect(wire, OAuth1Auth(OAuth1Credentials(*DEMO_OAUTH))) as magento:
        criteria = SearchCriteria().where("updated_at", since, "gteq").limit(5)
        page = next(magento.products.search(criteria).pages())
    assert (len(page.items), page.total_count) == (5, 301)
    [exchange] = wire.exchanges
    assert "value%5D=2000-01-01%2000%3A00%3A00&" in exchange.query and "+" not in exchange.query


def test_oauth1_signs_names_in_natural_order_as_magento(wire: CheckedTransport) -> None:
    """Eleven filter groups: Magento sorts "[10]" after "[9]" (PHP strnatcmp), RFC 5849 before "[2]"."""
    criteria = SearchCriteria().limit(3)
    for _ in range(11):
        criteria = criteria.where("status", 1, "eq")
    with connect(wire, OAuth1Auth(OAuth1Credentials(*DEMO_OAUTH))) as magento:
        page = next(magento.products.search(criteria).pages())
    assert len(page.items) == 3


# --- catalog ----------------------------------------------------------------------------------------


def test_product_by_sku_with_a_slash_and_not_found(client: Magento2Client) -> None:
    assert client.products.get("GIFT/CARD-005").name != ""
    with pytest.raises(NotFoundError) as caught:
        client.products.get("NO-SUCH-SKU")
    assert (
        caught.value.message
        == "The product that was requested doesn't exist. Verify the product and try again."
    )


def test_simple_product_fields(client: Magento2Client, sandbox: Magento2Sandbox) -> None:
    model = sellable_simple(sandbox)
    product = client.products.get(model.sku)
    assert (product.id, product.sku, product.type_id, product.status) == (model.id, model.sku, "simple", 1)
    assert product.price == model.price
    assert product.stock_qty == sandbox.source_qty(model.sku)
    assert [m.file for m in client.products.media(model.sku)] == [m.file for m in product.media]


def test_configurable_children_and_options(client: Magento2Client, sandbox: Magento2Sandbox) -> None:
    model = one_axis_configurable(sandbox)
    parent = client.products.get(model.sku)
    children = client.products.children(model.sku)
    assert parent.type_id == CONFIGURABLE
    assert [c.id for c in children] == list(parent.child_ids)
    assert [c.sku for c in children] == [k.sku for k in sandbox.world.catalog.children(model)]
    assert client.products.options(model.sku) == list(parent.configurable_options)
    assert [(o.attribute_id, o.label) for o in parent.configurable_options] == [(93, "Color")]
    assert [c.attributes["color"] for c in children] == [
        str(k.option("color")) for k in sandbox.world.catalog.children(model)
    ]


def test_product_search_pages_to_the_total(client: Magento2Client, sandbox: Magento2Sandbox) -> None:
    pager = client.products.search(SearchCriteria().where("type_id", "simple").limit(50))
    skus = [item["sku"] for item in pager.items()]
    expected = sorted(p.sku for p in sandbox.world.catalog.products if p.type_id == "simple")
    assert sorted(skus) == expected
    assert pager.pages_read == -(-len(expected) // 50)


def test_attribute_with_options_drops_the_placeholder(client: Magento2Client) -> None:
    size = client.attributes.get("size")
    assert (size.id, size.code, size.frontend_input) == (137, "size", "select")
    assert [(o.value, o.label) for o in size.options[:4]] == [
        ("17", "XS"),
        ("6", "S"),
        ("7", "M"),
        ("8", "L"),
    ]
    assert client.attributes.options("size") == size.options
    codes = {a.code for a in client.attributes.iter(SearchCriteria().limit(10))}
    assert {"color", "size", "brand", "material"} <= codes


def test_attribute_sets(client: Magento2Client) -> None:
    assert [(s.id, s.name) for s in client.attributes.sets()] == [(4, "Default")]
    assert "size" in {a.code for a in client.attributes.in_set(4)}


def test_category_tree_and_list(client: Magento2Client) -> None:
    tree = client.categories.tree()
    assert (tree.id, tree.name) == (2, "Default Category")
    assert [c.name for c in tree.children] == ["Women", "Men", "Accessories", "Home"]
    flat = list(client.categories.iter())
    nodes = _flatten(tree)
    assert {c.id for c in flat} >= {n.id for n in nodes}
    assert client.categories.get(tree.children[0].id).name == "Women"


def _flatten(node):  # type: ignore[no-untyped-def]
    return [node, *(n for child in node.children for n in _flatten(child))]


def test_websites_groups_views_and_configs(client: Magento2Client) -> None:
    assert [(g.id, g.root_category_id) for g in client.stores.groups()] == [(1, 2), (0, 0)]
    assert [(v.id, v.code) for v in client.stores.views()] == [(1, "default"), (0, "admin"), (2, "french")]
    currency = client.stores.currency()
    assert (currency.base_currency_code, currency.available_currency_codes) == ("USD", ("USD",))
    assert currency.exchange_rates == {"USD": 1.0}
    config = client.stores.configs(["default"])[0]
    assert (config.code, config.base_currency_code, config.timezone) == ("default", "USD", "UTC")
    assert config.base_media_url == "https://sandbox.test/media/"
    assert config.product_image_url("/c/f/x.png") == "https://sandbox.test/media/catalog/product/c/f/x.png"


# --- inventory --------------------------------------------------------------------------------------


def test_msi_salable_quantity_single_and_bulk(client: Magento2Client, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    assert client.inventory.stock_id("base") == 1
    assert client.inventory.salable_qty(sku, 1) == sandbox.salable_qty(sku)
    found = list(client.inventory.salable_many([sku, "NO-SUCH-SKU"]))
    assert [(s.sku, s.qty, s.is_salable, s.source) for s in found] == [
        (sku, sandbox.salable_qty(sku), True, "msi")
    ]


def test_legacy_stock_items_when_msi_routes_answer_404(sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    transport = WithoutMsi(CheckedTransport(sandbox))
    with connect(transport, BearerAuth(INTEGRATION_TOKEN)) as magento:
        found = list(magento.inventory.salable_many([sku, "NO-SUCH-SKU"]))
    assert [(s.sku, s.qty, s.is_salable, s.source) for s in found] == [
        (sku, sandbox.source_qty(sku), True, "legacy")
    ]


def test_the_msi_probe_is_asked_once_per_client(sandbox: Magento2Sandbox, wire: CheckedTransport) -> None:
    sku = sellable_simple(sandbox).sku
    with connect(wire, BearerAuth(INTEGRATION_TOKEN)) as magento:
        for _ in range(3):
            assert [s.source for s in magento.inventory.salable_many([sku])] == ["msi"]
    paths = [e.path.split("/")[3] for e in wire.exchanges if e.path.startswith("/V1/inventory/")]
    assert paths == ["stock-resolver", *["export-stock-salable-qty"] * 3]


def test_a_store_without_msi_is_probed_once_then_read_through_stock_items(sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    inner = CheckedTransport(sandbox)
    probes: list[str] = []

    class Counting(WithoutMsi):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if "/V1/inventory/" in request.url.path:
                probes.append(request.url.path)
            return super().handle_request(request)

    with connect(Counting(inner), BearerAuth(INTEGRATION_TOKEN)) as magento:
        for _ in range(3):
            assert [s.source for s in magento.inventory.salable_many([sku])] == ["legacy"]
    assert len(probes) == 1
    assert [e.path for e in inner.exchanges] == [f"/V1/stockItems/{sku}"] * 3


def test_an_unknown_website_is_not_mistaken_for_a_store_without_msi(client: Magento2Client) -> None:
    with pytest.raises(NotFoundError):
        list(client.inventory.salable_many(["X"], "no-such-website"))


# --- customers and carts ----------------------------------------------------------------------------


def test_customer_search_create_and_duplicate(client: Magento2Client) -> None:
    roni = client.customers.find_by_email("RONI_COST@example.com")
    assert roni is not None and (roni.id, roni.default_billing) == (1, 1)
    created = client.customers.create({"email": "new@example.com", "firstname": "N", "lastname": "W"})
    assert client.customers.get(created.id).email == "new@example.com"
    with pytest.raises(ValidationError) as caught:
        client.customers.create({"email": "new@example.com", "firstname": "N", "lastname": "W"})
    assert (
        caught.value.message
        == "A customer with the same email address already exists in an associated website."
    )


def test_quote_flow_reserves_stock(client: Magento2Client, sandbox: Magento2Sandbox) -> None:
    client = client.scoped("default")  # a cart is placed through its store view
    model = one_axis_configurable(sandbox)
    parent = client.products.get(model.sku)
    option = parent.configurable_options[0]
    kids = sandbox.world.catalog.children(model)
    child = next(k for k in kids if k.option("color") == option.value_indexes[0])
    before = sandbox.salable_qty(child.sku)
    cart = client.carts.create_guest()
    assert client.carts.shipping_methods(cart) == []
    item = client.carts.add_item(cart, model.sku, 2, options=[(option.attribute_id, option.value_indexes[0])])
    assert (item.sku, item.qty, item.product_type) == (child.sku, 2, CONFIGURABLE)
    assert [i.sku for i in client.carts.items(cart)] == [child.sku]
    estimated = client.carts.estimate_shipping(cart, ADDRESS)
    assert [(m.code, m.amount) for m in estimated] == [("flatrate_flatrate", 10)]
    info = client.carts.set_shipping_information(cart, ADDRESS, ADDRESS, "flatrate", "flatrate")
    assert [p.code for p in info.payment_methods] == ["checkmo"]
    assert isinstance(client.carts.set_billing_address(cart, ADDRESS), int)
    assert [p.code for p in client.carts.payment_methods(cart)] == ["checkmo"]
    order_id = client.carts.place_order(cart, "checkmo")
    assert sandbox.salable_qty(child.sku) == before - 2
    with pytest.raises(NotFoundError) as again:
        client.carts.place_order(cart, "checkmo")
    assert again.value.message == f"No such entity with cartId = {cart}"
    order = client.orders.get(order_id)
    assert [(i.sku, i.product_type, i.parent_item_id is None) for i in order.items] == [
        (child.sku, CONFIGURABLE, True),
        (child.sku, "simple", False),
    ]
    assert [i.sku for i in order.lines] == [child.sku]
    assert order.quote_id == cart
    found = client.orders.find_by_quote_id(cart)
    assert found is not None and found.entity_id == order_id
    assert client.orders.find_by_quote_id(client.carts.create_guest()) is None  # a cart never placed


def test_anonymous_guest_cart_checkout(client: Magento2Client, sandbox: Magento2Sandbox) -> None:
    client = client.scoped("default")  # a cart is placed through its store view
    sku = sellable_simple(sandbox).sku
    before = sandbox.salable_qty(sku)
    masked = client.guest_carts.create()
    assert len(masked) == 32 and int(masked, 16) >= 0
    assert client.guest_carts.add_item(masked, sku, 3).sku == sku
    assert [i.qty for i in client.guest_carts.items(masked)] == [3]
    info = client.guest_carts.set_shipping_information(masked, ADDRESS, ADDRESS, "flatrate", "flatrate")
    assert [p.code for p in info.payment_methods] == [
        p.code for p in client.guest_carts.payment_methods(masked)
    ]
    assert [m.code for m in client.guest_carts.shipping_methods(masked)] == ["flatrate_flatrate"]
    order_id = client.guest_carts.place_order(masked, "checkmo", "ana@example.com", ADDRESS)
    assert client.orders.get(order_id).customer_email == "ana@example.com"
    assert sandbox.salable_qty(sku) == before - 3


def test_a_customer_cart_is_reused_until_ordered(client: Magento2Client) -> None:
    first = client.carts.for_customer(1)
    assert client.carts.for_customer(1) == first
    assert client.carts.get(first)["customer"]["id"] == 1


# --- orders, invoices, shipments --------------------------------------------------------------------


def test_direct_order_reserves_nothing_and_is_found_by_ext_order_id(
    client: Magento2Client, sandbox: Magento2Sandbox
) -> None:
    sku = sellable_simple(sandbox).sku
    before = sandbox.salable_qty(sku)
    created = client.orders.create(direct_entity(sku, 1, "AE-8100000000000123", "8100000000000123"))
    assert (created.increment_id, created.ext_order_id, created.state) == (
        "AE-8100000000000123",
        "8100000000000123",
        "new",
    )
    assert sandbox.salable_qty(sku) == before
    found = client.orders.find_by_ext_order_id("8100000000000123")
    assert found is not None and found.entity_id == created.entity_id
    assert client.orders.find_by_ext_order_id("nope") is None


def test_partial_update_comments_hold_and_cancel(client: Magento2Client, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    order = client.orders.create(direct_entity(sku, 1, "AE-1", ""))
    client.orders.update(order.entity_id, order.increment_id, ext_order_id="AE-EXT-1")
    assert client.orders.get(order.entity_id).ext_order_id == "AE-EXT-1"
    assert client.orders.add_comment(order.entity_id, "from AliExpress") is True
    with pytest.raises(ValidationError) as caught:
        client.orders.add_comment(order.entity_id, "x", status="complete")
    assert caught.value.message == (
        'Unable to add comment: The status "complete" is not part of the order\n'
        "                 status history."
    )
    assert [c["comment"] for c in client.orders.comments(order.entity_id)] == ["from AliExpress"]
    assert client.orders.hold(order.entity_id) is True
    assert client.orders.get(order.entity_id).state == "holded"
    assert client.orders.cancel(order.entity_id) is False
    assert client.orders.unhold(order.entity_id) is True
    assert client.orders.cancel(order.entity_id) is True
    assert client.orders.get(order.entity_id).status == "canceled"


def test_invoice_ship_with_a_track_and_read_the_shipments(
    client: Magento2Client, sandbox: Magento2Sandbox
) -> None:
    sku = sellable_simple(sandbox).sku
    order = client.orders.create(direct_entity(sku, 2, "AE-2", "E-2"))
    line = order.lines[0].item_id
    invoice_id = client.orders.invoice(order.entity_id)
    assert client.invoices.get(invoice_id).order_id == order.entity_id
    assert [
        i.entity_id for i in client.invoices.iter(SearchCriteria().where("order_id", order.entity_id))
    ] == [invoice_id]
    shipment_id = client.orders.ship(
        order.entity_id, [ItemQty(line, 1)], [NewTrack("1ZLAB0001", "UPS", "ups")]
    )
    shipments = list(client.shipments.iter(SearchCriteria().where("order_id", order.entity_id)))
    assert [(s.entity_id, [(i.sku, i.qty) for i in s.items]) for s in shipments] == [
        (shipment_id, [(sku, 1)])
    ]
    assert [(t.track_number, t.carrier_code) for t in shipments[0].tracks] == [("1ZLAB0001", "ups")]
    track = client.shipments.add_track(order.entity_id, shipment_id, NewTrack("LX1", "DHL", "dhl"))
    assert [t.entity_id for t in client.shipments.get(shipment_id).tracks][-1] == track.entity_id
    assert client.orders.get(order.entity_id).state == "processing"
