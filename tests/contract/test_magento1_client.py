"""The Magento 1 client against the Magento 1 sandbox, in-process (httpx.WSGITransport): every wrapped
call, its faults, the session that expires mid-run, the connector module present and absent."""

from __future__ import annotations

import io
import xmlrpc.client
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from aliexpress_magento.clients.common import NO_RETRY, RetryPolicy
from aliexpress_magento.clients.magento1 import (
    AuthError,
    CartAddress,
    CartLine,
    Magento1Client,
    NotFoundError,
    RetryableError,
    SessionExpiredError,
    SignatureMismatchError,
    UnknownResourceError,
    ValidationError,
    complex_filter,
    condition,
    updated_since,
    where,
)
from aliexpress_magento.clients.magento1.attributes import AttributeOption, AttributeSet
from aliexpress_magento.clients.magento1.connector import CHANGED, MAX_PAGE, AxisOption, ChangedRow, Cursor
from aliexpress_magento.clients.magento1.directory import Region
from aliexpress_magento.clients.magento1.sales import ShipmentTrack
from aliexpress_magento.clients.magento1.stores import StoreView
from aliexpress_magento.sandbox.catalog.model import Product
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento1.attributes import BY_CODE
from tests.sandbox.magento1.conftest import FakeClock, sellable_simple, two_axis_configurable
from tests.support.magento1_calls import call_paths

BASE_URL = "http://m1.test"
BUYER = CartAddress(
    firstname="Li", lastname="Wei", street=["1 Main St"], city="Austin", postcode="78701", country_id="US",
    region_id=57, telephone="5125550100",
)  # fmt: skip


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sandbox(clock: FakeClock) -> Magento1Sandbox:
    return Magento1Sandbox(clock=clock)


def connect(
    sandbox: Magento1Sandbox, api_key: str = DEMO_API_KEY, retry: RetryPolicy = NO_RETRY
) -> Magento1Client:
    transport = httpx.WSGITransport(app=sandbox.wsgi)
    return Magento1Client(BASE_URL, api_user=DEMO_API_USER, api_key=api_key, transport=transport, retry=retry)


@pytest.fixture
def client(sandbox: Magento1Sandbox) -> Iterator[Magento1Client]:
    with connect(sandbox) as magento:
        yield magento


def place(client: Magento1Client, lines: list[CartLine]) -> str:
    quote = client.cart.create("default")
    client.cart.add_products(quote, lines)
    client.cart.set_customer(
        quote, {"mode": "guest", "firstname": "Li", "lastname": "Wei", "email": "li@x.io"}
    )
    client.cart.set_addresses(quote, [{**BUYER, "mode": "billing"}, {**BUYER, "mode": "shipping"}])
    client.cart.set_shipping_method(quote, "flatrate_flatrate")
    client.cart.set_payment_method(quote, "checkmo")
    return client.cart.place_order(quote)


# --- session ---------------------------------------------------------------------------------------------


def test_a_wrong_api_key_is_an_auth_error(sandbox: Magento1Sandbox) -> None:
    with connect(sandbox, api_key="wrong") as client, pytest.raises(AuthError) as caught:
        client.login()
    assert (caught.value.fault_code, caught.value.message) == (2, "Access denied.")


def test_a_session_that_expires_mid_run_logs_in_once_more_and_the_run_completes(
    client: Magento1Client, clock: FakeClock, sandbox: Magento1Sandbox
) -> None:
    skus = [p.sku for p in sandbox.world.catalog.products[:6]]
    found = []
    for n, sku in enumerate(skus):
        if n == 3:
            clock.advance(3601)  # the session lifetime (3600 s) runs out mid-run
        found.append(client.products.info(sku).sku)
    assert found == skus
    assert client.session.logins == 2


def test_a_session_refused_again_after_the_new_login_is_raised(
    client: Magento1Client, sandbox: Magento1Sandbox
) -> None:
    sandbox.knobs.session_ttl_seconds = 0  # every session is born expired
    with pytest.raises(SessionExpiredError) as caught:
        client.stores.all()
    assert (caught.value.fault_code, caught.value.message, client.session.logins) == (
        5, "Session expired. Try to relogin.", 2,
    )  # fmt: skip


def test_multi_call_keeps_faults_in_place(client: Magento1Client, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    answers = client.multi_call(
        [("catalog_product.info", [product.sku, None, None, "sku"]), ("nope.list", [])]
    )
    assert answers[0]["sku"] == product.sku
    assert isinstance(answers[1], UnknownResourceError) and answers[1].message == "Invalid api path."


def _multi_call_requests(sandbox: Magento1Sandbox) -> list[str]:
    """Wraps the sandbox's WSGI app: the XML-RPC type of the calls of every multiCall it receives."""
    seen: list[str] = []
    wsgi = sandbox.wsgi

    def spy(environ: Any, start_response: Any) -> Any:
        body = environ["wsgi.input"].read()
        environ["wsgi.input"] = io.BytesIO(body)
        params, method = xmlrpc.client.loads(body)
        if method == "multiCall":
            seen.append(type(params[1]).__name__)
        return wsgi(environ, start_response)

    sandbox.wsgi = spy  # type: ignore[method-assign]
    return seen


@pytest.mark.parametrize(
    ("version", "forms"),
    [
        ("openmage-20.18", ["dict", "dict"]),
        ("openmage-20.10", ["dict", "list", "list"]),
        ("magento-1.9.4", ["dict", "list", "list"]),
    ],
)
def test_multi_call_works_on_both_versions_and_remembers_the_form(
    clock: FakeClock, version: str, forms: list[str]
) -> None:
    sandbox = Magento1Sandbox(clock=clock, emulate=version)
    seen = _multi_call_requests(sandbox)
    with connect(sandbox) as client:
        for _ in range(2):
            store, missing = client.multi_call([("store.list", []), ("catalog_product.info", ["NO-SUCH"])])
            assert store[0]["code"] == "default"
            assert (type(missing), missing.fault_code, missing.message) == (
                NotFoundError, 101, "Product not exists.",
            )  # fmt: skip
        assert client.session.multicall_form == ("struct" if version == "openmage-20.18" else "array")
    assert seen == forms  # 20.10 and 1.9.4: one refused struct (fault 623), then the array form only


def test_a_known_multi_call_form_is_sent_first_and_a_refusal_of_it_is_raised(clock: FakeClock) -> None:
    sandbox = Magento1Sandbox(clock=clock, emulate="magento-1.9.4")
    seen = _multi_call_requests(sandbox)
    transport = httpx.WSGITransport(app=sandbox.wsgi)
    with Magento1Client(
        BASE_URL, api_user=DEMO_API_USER, api_key=DEMO_API_KEY, transport=transport, retry=NO_RETRY,
        multicall_form="array",
    ) as client:  # fmt: skip
        assert client.multi_call([("store.list", [])])[0][0]["code"] == "default"
        sandbox.knobs.update({"emulate": "openmage-20.18"})  # the store was upgraded meanwhile
        with pytest.raises(SignatureMismatchError) as caught:
            client.multi_call([("store.list", [])])
    assert (caught.value.fault_code, caught.value.message) == (
        623,
        "Calling parameters do not match signature",
    )
    assert seen == ["list", "list"]


def test_multi_call_stops_at_the_first_fault_on_magento_1_9_4_too(clock: FakeClock) -> None:
    with connect(Magento1Sandbox(clock=clock, emulate="magento-1.9.4")) as client:
        answers = client.multi_call([("nope.list", []), ("store.list", [])], stop_on_fault=True)
    assert [type(a).__name__ for a in answers] == ["UnknownResourceError"]


def test_http_500_is_retryable_and_retried(sandbox: Magento1Sandbox) -> None:
    sandbox.knobs.update({"fault_rate": 1.0, "fault_kinds": ["http_500"]})
    policy = RetryPolicy(max_attempts=2, sleep=lambda s: None)
    with connect(sandbox, retry=policy) as client, pytest.raises(RetryableError) as caught:
        client.login()
    assert caught.value.status == 500


def test_customer_list_without_filters_is_the_recorded_http_500(client: Magento1Client) -> None:
    with pytest.raises(RetryableError) as caught:
        client.call("customer.list")
    assert caught.value.status == 500
    assert client.customers.search() == []  # the wrapper always sends {}


# --- catalog ---------------------------------------------------------------------------------------------


def test_store_list(client: Magento1Client) -> None:
    assert client.stores.all() == [
        StoreView(1, "default", 1, 1, "Default Store View", 0, True),
        StoreView(2, "french", 1, 1, "French Store View", 0, True),  # the sandbox's second view
    ]


def test_product_list_filters(client: Magento1Client, sandbox: Magento1Sandbox, clock: FakeClock) -> None:
    assert len(client.products.search(where(type="configurable"))) == 40
    product = sellable_simple(sandbox)
    clock.advance(30)
    since = datetime.fromtimestamp(clock.now, UTC)
    sandbox.update_product(product.sku, price=12.5)
    assert [r.sku for r in client.products.search(updated_since(since))] == [product.sku]
    soap_style = complex_filter(
        [{"key": "updated_at", "value": {"key": "gteq", "value": since.strftime("%Y-%m-%d %H:%M:%S")}}]
    )
    assert [r.sku for r in client.products.search(soap_style)] == [product.sku]
    two = [p.sku for p in sandbox.world.catalog.products[:2]]
    assert sorted(r.sku for r in client.products.search(where(sku=condition(two, "in")))) == sorted(two)


def test_product_info_by_sku(client: Magento1Client, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    info = client.products.info(product.sku)
    assert (info.product_id, info.sku, info.type, info.status, info.price) == (
        product.id, product.sku, "simple", 1, f"{product.price:.4f}",
    )  # fmt: skip
    assert info.values["color"] == str(product.option("color"))
    with pytest.raises(NotFoundError) as caught:
        client.products.info("NO-SUCH-SKU")
    assert (caught.value.fault_code, caught.value.message) == (101, "Product not exists.")


def test_many_infos_leave_unknown_skus_out(client: Magento1Client, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    assert [i.sku for i in client.products.infos([product.sku, "NO-SUCH-SKU"])] == [product.sku]


def test_media(client: Magento1Client, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    images = client.products.media(product.sku)
    assert len(images) == product.images and images[0].types == ("image", "small_image", "thumbnail")
    assert images[0].url == f"{BASE_URL}/media/catalog/product{images[0].file}"
    assert client.products.media_of([product.sku, "NOPE"]).keys() == {product.sku}
    with pytest.raises(NotFoundError, match=r"^fault 101: Product not exists\.$"):
        client.products.media("NOPE")


def test_attributes_options_and_sets(client: Magento1Client) -> None:
    codes = {a.code: a for a in client.attributes.of_set(4)}
    assert (codes["color"].type, codes["sku"].required, codes["price"].scope) == ("select", True, "website")
    options = client.attributes.options("color")
    assert options[0] == AttributeOption("", "") and AttributeOption("4", "Red") in options
    size = BY_CODE["size"].attribute_id
    assert client.attributes.options_of([size])[size][1:3] == [  # alphabetically, as Magento sorts them
        AttributeOption("8", "L"),
        AttributeOption("7", "M"),
    ]
    assert client.attributes.sets() == [AttributeSet(4, "Default")]
    with pytest.raises(NotFoundError) as caught:
        client.attributes.options(99999)
    assert (caught.value.fault_code, caught.value.message) == (101, "Requested attribute not found.")


def test_category_tree(client: Magento1Client) -> None:
    root = client.categories.tree()
    assert (root.category_id, root.name, [c.name for c in root.children]) == (
        1,
        "Root Catalog",
        ["Default Category"],
    )
    store_root = client.categories.tree(store="default")
    assert (store_root.category_id, [c.name for c in store_root.children]) == (
        2,
        ["Women", "Men", "Accessories", "Home"],
    )
    with pytest.raises(NotFoundError, match=r"^fault 102: Category not exists\.$"):
        client.categories.tree(999)


def test_stock_items(client: Magento1Client, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    [item] = client.inventory.items([product.sku, "NOPE", 999999])
    assert (item.sku, item.qty, item.is_in_stock) == (product.sku, sandbox.salable_qty(product.sku), True)


def test_directory(client: Magento1Client) -> None:
    assert "US" in [c.country_id for c in client.directory.countries()]
    assert Region(57, "TX", "Texas") in client.directory.regions("USA")
    with pytest.raises(NotFoundError) as caught:
        client.directory.regions("XX")
    assert (caught.value.fault_code, caught.value.message) == (101, "Country not exists.")


def test_customers(client: Magento1Client) -> None:
    customer_id = client.customers.create(
        {"email": "ana@example.com", "firstname": "Ana", "lastname": "Lima"}
    )
    [row] = client.customers.search({"email": "ana@example.com"})
    assert (row.customer_id, row.firstname) == (customer_id, "Ana")
    with pytest.raises(ValidationError) as caught:
        client.customers.create({"email": "ana@example.com", "firstname": "Ana", "lastname": "Lima"})
    assert (caught.value.fault_code, caught.value.message) == (100, "This customer email already exists")


# --- configurable children: the connector module ---------------------------------------------------------


def test_the_module_yields_children_with_their_axis_values(
    client: Magento1Client, sandbox: Magento1Sandbox
) -> None:
    parent = two_axis_configurable(sandbox)
    [found] = client.connector.children([parent.sku, sellable_simple(sandbox).sku, "NOPE"])
    kids = sandbox.world.catalog.children(parent)
    assert [a.code for a in found.attributes] == ["color", "size"]
    assert [c.sku for c in found.children] == [k.sku for k in kids]
    first = kids[0]
    assert found.children[0].values == (
        AxisOption(
            BY_CODE["color"].attribute_id, "color", str(first.option("color")), _label("color", first)
        ),
        AxisOption(BY_CODE["size"].attribute_id, "size", str(first.option("size")), _label("size", first)),
    )


def test_more_skus_than_the_module_takes_are_sent_in_calls_of_500(
    client: Magento1Client, sandbox: Magento1Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = two_axis_configurable(sandbox)
    paths = call_paths(client, monkeypatch)
    [found] = client.connector.children([f"NOPE-{n}" for n in range(999)] + [parent.sku])
    assert (found.sku, paths) == (parent.sku, ["aliexpress_connector_product.children"] * 2)
    assert client.connector.children([]) == [] and len(paths) == 3  # still one call: the module's probe


def _label(code: str, product: Product) -> str:
    return dict(BY_CODE[code].options)[product.option(code) or 0]


def test_without_the_module_the_resource_is_unknown(sandbox: Magento1Sandbox) -> None:
    sandbox.knobs.connector_module = False
    with connect(sandbox) as client, pytest.raises(UnknownResourceError) as caught:
        client.connector.children([two_axis_configurable(sandbox).sku])
    assert (caught.value.fault_code, caught.value.message) == (3, "Invalid api path.")


# --- cart, orders, shipments -----------------------------------------------------------------------------


def test_an_order_placed_through_the_cart_decrements_stock(
    client: Magento1Client, sandbox: Magento1Sandbox
) -> None:
    product = sellable_simple(sandbox)
    before = sandbox.salable_qty(product.sku)
    increment = place(client, [CartLine(product.sku, 2)])
    assert increment == "100000001"
    assert sandbox.salable_qty(product.sku) == before - 2
    info = client.orders.info(increment)
    assert [(i.sku, i.qty_ordered, i.price) for i in info.lines] == [(product.sku, 2.0, product.price)]
    assert (info.order.state, info.order.status, info.payment_method, info.shipping_method) == (
        "new", "pending", "checkmo", "flatrate_flatrate",
    )  # fmt: skip


def test_a_configurable_is_ordered_with_super_attribute(
    client: Magento1Client, sandbox: Magento1Sandbox
) -> None:
    parent = two_axis_configurable(sandbox)
    child = sandbox.world.catalog.children(parent)[0]
    before = sandbox.salable_qty(child.sku)
    chosen = {BY_CODE[code].attribute_id: child.option(code) or 0 for code in parent.axes}
    increment = place(client, [CartLine(parent.sku, 1, chosen)])
    assert [(i.product_type, i.sku) for i in client.orders.info(increment).lines] == [
        ("configurable", child.sku)
    ]
    assert sandbox.salable_qty(child.sku) == before - 1


def test_cart_methods_and_faults(client: Magento1Client, sandbox: Magento1Sandbox) -> None:
    quote = client.cart.create()
    client.cart.add_products(quote, [CartLine(sellable_simple(sandbox).sku, 2)])
    with pytest.raises(ValidationError) as caught:
        client.cart.shipping_methods(quote)
    assert caught.value.fault_code == 1061
    client.cart.set_addresses(quote, [{**BUYER, "mode": "billing", "use_for_shipping": 1}])
    [rate] = client.cart.shipping_methods(quote)
    assert (rate.code, rate.carrier_title, rate.method_title, rate.price) == (
        "flatrate_flatrate",
        "Flat Rate",
        "Fixed",
        10.0,
    )
    assert [m.code for m in client.cart.payment_methods(quote)] == ["checkmo"]
    with pytest.raises(ValidationError) as caught:
        client.cart.set_payment_method(quote, "paypal")
    assert (caught.value.fault_code, caught.value.message) == (1074, "Payment method is not allowed")
    with pytest.raises(ValidationError) as caught:
        client.cart.place_order(quote)
    assert (caught.value.fault_code, caught.value.message) == (1008, "Please specify a shipping method.")
    with pytest.raises(NotFoundError) as caught:
        client.cart.add_products(987654, [CartLine("X", 1)])
    assert (caught.value.fault_code, caught.value.message) == (
        1002,
        "Can not make operation because quote is not exists",
    )


def test_orders_search_comment_and_cancel(client: Magento1Client, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    before = sandbox.salable_qty(product.sku)
    increment = place(client, [CartLine(product.sku, 1)])
    [row] = client.orders.search({"increment_id": increment})
    assert (row.increment_id, row.quote_id, row.customer_email, row.ext_order_id) == (
        increment,
        1,
        "li@x.io",
        "",
    )
    assert client.orders.add_comment(increment, "pending", "Paid on AliExpress") is True
    assert [e.comment for e in client.orders.info(increment).status_history] == ["Paid on AliExpress", ""]
    assert client.orders.cancel(increment) is True
    assert client.orders.cancel(increment) is False
    assert sandbox.salable_qty(product.sku) == before
    with pytest.raises(NotFoundError) as caught:
        client.orders.info("999")
    assert (caught.value.fault_code, caught.value.message) == (100, "Requested order not exists.")
    with pytest.raises(ValidationError) as caught:
        client.orders.search({"no_such_column": 1})
    assert caught.value.fault_code == 1


def test_shipments(client: Magento1Client, sandbox: Magento1Sandbox, clock: FakeClock) -> None:
    increment = place(client, [CartLine(sellable_simple(sandbox).sku, 2)])
    clock.advance(60)
    since = datetime.fromtimestamp(clock.now, UTC)
    shipment = sandbox.ship(increment, [("1ZLAB0001", "ups", "UPS")])
    [row] = client.shipments.search(updated_since(since))
    # A listed row has no ids, as on the real store: they come with the info.
    assert (row.increment_id, row.total_qty, row.shipment_id, row.order_increment_id) == (
        shipment,
        2.0,
        0,
        "",
    )
    [info] = client.shipments.infos([shipment])
    assert info.tracks == (ShipmentTrack("1ZLAB0001", "ups", "UPS"),)
    order = next(o["order"] for o in sandbox.world.orders.values() if o["order"]["increment_id"] == increment)
    assert (info.shipment.increment_id, info.shipment.order_id) == (shipment, int(order["order_id"]))
    assert info.shipment.shipment_id > 0
    with pytest.raises(NotFoundError, match=r"^fault 100: Requested shipment not exists\.$"):
        client.shipments.info("999")


def test_cart_customer_faults(client: Magento1Client) -> None:
    quote = client.cart.create()
    with pytest.raises(ValidationError) as caught:
        client.cart.set_customer(quote, {"mode": "visitor", "email": "li@x.io"})
    assert (caught.value.fault_code, caught.value.message) == (1045, "Customer's mode is unknown")
    with pytest.raises(ValidationError) as caught:
        client.cart.set_customer(
            quote, {"mode": "guest", "firstname": "Li", "lastname": "Wei", "email": "nope"}
        )
    assert (caught.value.fault_code, caught.value.message) == (1044, 'Invalid email address "nope".')
    with pytest.raises(NotFoundError) as caught:
        client.cart.set_customer(quote, {"mode": "customer", "customer_id": 4242})
    assert caught.value.fault_code == 1042
    with pytest.raises(ValidationError) as caught:
        client.cart.set_addresses(quote, [{**BUYER, "mode": "billing", "city": "", "telephone": ""}])
    assert (caught.value.fault_code, caught.value.message) == (
        1052, "Please enter the city.\nPlease enter the telephone number.",
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        client.cart.set_addresses(quote, [])
    assert (caught.value.fault_code, caught.value.message) == (1051, "Customer address data is empty.")


def test_multi_call_can_stop_at_the_first_fault_and_an_ended_session_is_reopened(
    client: Magento1Client, sandbox: Magento1Sandbox
) -> None:
    answers = client.multi_call([("nope.list", []), ("store.list", [])], stop_on_fault=True)
    assert [type(a).__name__ for a in answers] == ["UnknownResourceError"]
    client.session.end()
    assert (client.session.session_id, len(sandbox.world.sessions)) == (None, 0)
    assert client.stores.all()[0].code == "default"
    assert client.session.logins == 2


def test_an_answer_cut_short_is_retryable(sandbox: Magento1Sandbox) -> None:
    sandbox.knobs.update({"fault_rate": 1.0, "fault_kinds": ["truncated_json"]})
    with connect(sandbox) as client, pytest.raises(RetryableError) as caught:
        client.login()
    assert caught.value.message.startswith("malformed XML-RPC answer") and caught.value.status == 200


# --- changed products in pages: the connector module -----------------------------------------------------


def test_iter_changed_reads_each_product_once_in_updated_at_then_id_order(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox = Magento1Sandbox(clock=clock, catalog_size=250)
    products = sandbox.world.catalog.products
    clock.advance(10)
    for product in reversed(products[40:190]):  # 150 products in one second: ties across page ends
        sandbox.update_product(product.sku, name="Tied")
    with connect(sandbox) as client:
        paths = call_paths(client, monkeypatch)
        pages = list(client.connector.iter_changed(datetime(1970, 1, 1, tzinfo=UTC), 100, "default"))
    assert [len(p) for p in pages] == [100, 100, 50]
    rows = [r for page in pages for r in page]
    assert [(r.updated_at, r.product_id) for r in rows] == sorted((p.updated_at, p.id) for p in products)
    assert paths == [CHANGED] * 3


def test_iter_changed_stops_after_an_empty_page_when_the_last_page_was_full(
    client: Magento1Client, sandbox: Magento1Sandbox, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.advance(10)
    for product in sandbox.world.catalog.products[:4]:
        sandbox.update_product(product.sku, name="Changed")
    paths = call_paths(client, monkeypatch)
    pages = list(client.connector.iter_changed(datetime.fromtimestamp(clock.now, UTC), 2))
    assert [[r.sku for r in p] for p in pages] == [
        [p.sku for p in sandbox.world.catalog.products[:2]],
        [p.sku for p in sandbox.world.catalog.products[2:4]],
    ]
    assert paths == [CHANGED] * 3  # the third answer is empty


def test_changed_rows_and_cursor(client: Magento1Client, sandbox: Magento1Sandbox, clock: FakeClock) -> None:
    first, second = sandbox.world.catalog.products[:2]
    since = datetime(1970, 1, 1, tzinfo=UTC)
    [row] = client.connector.changed(since, limit=1)
    assert row == ChangedRow(first.id, first.sku, first.type_id, 4, first.updated_at)
    assert row.cursor == Cursor(first.updated_at, first.id)
    [after] = client.connector.changed(since, row.cursor, limit=1, store="default")
    assert after.sku == second.sku
    with pytest.raises(ValidationError) as caught:
        client.connector.changed(since, limit=MAX_PAGE + 1)
    assert (caught.value.fault_code, caught.value.message) == (102, "limit must be between 1 and 1000.")


def test_without_the_module_changed_is_an_unknown_resource(sandbox: Magento1Sandbox) -> None:
    sandbox.knobs.connector_module = False
    with connect(sandbox) as client, pytest.raises(UnknownResourceError) as caught:
        next(client.connector.iter_changed(datetime(1970, 1, 1, tzinfo=UTC)))
    assert (caught.value.fault_code, caught.value.message) == (3, "Invalid api path.")
