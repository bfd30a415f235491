"""Magento1Store over the Magento 1 sandbox: the shared Store suite, plus what is Magento 1's own (the
connector module present or absent, the quote method only, the marker comment, the journal)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.clients.magento1 import AuthError, Magento1Client
from aliexpress_magento.clients.magento1.connector import CHANGED, RESOURCE
from aliexpress_magento.clients.magento1.errors import error_for_fault
from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, Product
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento1 import products as sandbox_products
from aliexpress_magento.sandbox.magento1.attributes import BY_CODE
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.stores import RatesUnavailable, Track
from aliexpress_magento.stores.convert import utc
from aliexpress_magento.stores.magento1 import MARKER, NEEDS_MODULE, DirectOrderUnsupported, Magento1Store
from tests.sandbox.magento1.conftest import sellable_simple, two_axis_configurable
from tests.support.magento1_calls import call_paths

from .store_contract import EPOCH, Backend, ExpectedConfigurable, StoreContract, order_for

BASE_URL = "http://m1.test"


class SandboxBackend:
    payment_method = "checkmo"
    shipping_method = "flatrate_flatrate"

    def __init__(self, sandbox: Magento1Sandbox) -> None:
        self.sandbox = sandbox

    def all_skus(self) -> set[str]:
        return {p.sku for p in self.sandbox.world.catalog.products}

    def configurable(self) -> ExpectedConfigurable:
        parent = two_axis_configurable(self.sandbox)
        children = {
            kid.sku: tuple(dict(BY_CODE[code].options)[kid.option(code) or 0] for code in parent.axes)
            for kid in self.sandbox.world.catalog.children(parent)
        }
        return ExpectedConfigurable(parent.sku, parent.axes, children)

    def simple(self) -> tuple[str, Decimal]:
        product = sellable_simple(self.sandbox)
        return product.sku, Decimal(str(product.price))

    def special_window(self) -> tuple[str, date, date]:
        product = next(
            p for p in self.sandbox.world.catalog.products if p.special_to_date and p.special_from_date
        )
        return product.sku, _day(product.special_from_date), _day(product.special_to_date)

    def salable(self, sku: str) -> float:
        return self.sandbox.salable_qty(sku)

    def touch(self, sku: str) -> datetime:
        self.sandbox.update_product(sku, name="Renamed")
        stamp = self.sandbox.product(sku).updated_at
        return datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)

    def order_count(self) -> int:
        return len(self.sandbox.world.orders)

    def order_lines(self, order_id: int) -> list[tuple[str, str, str]]:
        items = self.sandbox.order(order_id)["items"]
        skus = {i["item_id"]: i["sku"] for i in items}
        return [(i["sku"], i["product_type"], skus.get(i["parent_item_id"], "")) for i in items]

    def order_state(self, order_id: int) -> str:
        return str(self.sandbox.order(order_id)["state"])

    def comments(self, order_id: int) -> list[str]:
        history = self.sandbox.order(order_id)["status_history"]  # newest first, as getAllStatusHistory
        return [str(h["comment"]) for h in reversed(history)]

    def ship(self, order_id: int, track: Track) -> None:
        increment = str(self.sandbox.order(order_id)["increment_id"])
        self.sandbox.ship(increment, [(track.number, track.carrier_code, track.title)])

    def now(self) -> datetime:
        return datetime.now(UTC).replace(microsecond=0)  # the sandbox runs on this machine's clock


@pytest.fixture
def sandbox() -> Magento1Sandbox:
    return Magento1Sandbox()  # the real clock: the shared suite compares with datetime.now()


@pytest.fixture
def client(sandbox: Magento1Sandbox) -> Iterator[Magento1Client]:
    transport = httpx.WSGITransport(app=sandbox.wsgi)
    with Magento1Client(
        BASE_URL, api_user=DEMO_API_USER, api_key=DEMO_API_KEY, transport=transport, retry=NO_RETRY
    ) as magento:
        yield magento


@pytest.fixture
def store(client: Magento1Client) -> Magento1Store:
    return Magento1Store(client)


@pytest.fixture
def backend(sandbox: Magento1Sandbox) -> SandboxBackend:
    return SandboxBackend(sandbox)


class TestMagento1Store(StoreContract):
    # Magento 1's API has only the quote method: the shared idempotence test runs for it alone, and
    # "direct" is checked to be refused (test_direct_order_creation_is_refused_with_a_clear_message).
    @pytest.mark.parametrize("method", ["quote"])
    def test_creating_an_order_twice_with_the_same_external_id_returns_the_first_and_creates_nothing(
        self, store: Magento1Store, backend: Backend, method: str
    ) -> None:
        StoreContract.test_creating_an_order_twice_with_the_same_external_id_returns_the_first_and_creates_nothing(
            self, store, backend, method
        )


def test_direct_order_creation_is_refused_with_a_clear_message(
    store: Magento1Store, backend: SandboxBackend
) -> None:
    sku, price = backend.simple()
    with pytest.raises(DirectOrderUnsupported, match="Magento 1 has no direct order creation in its API"):
        store.create_order(order_for(sku, price, "AE-D-1"), "direct")
    assert backend.order_count() == 0


def test_without_the_module_a_configurable_says_it_needs_it(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    sandbox.knobs.connector_module = False
    parent = two_axis_configurable(sandbox)
    simple = sellable_simple(sandbox)
    found = {p.sku: p for p in store.products_by_sku([parent.sku, simple.sku])}
    assert (found[parent.sku].type, found[parent.sku].children, found[parent.sku].axes) == (
        CONFIGURABLE,
        (),
        (),
    )
    assert found[parent.sku].unavailable_reason == NEEDS_MODULE
    assert NEEDS_MODULE.startswith("needs the connector module for Magento 1")
    assert found[simple.sku].unavailable_reason == ""


def test_with_the_module_children_carry_option_ids_and_labels(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    parent = two_axis_configurable(sandbox)
    [product] = store.products_by_sku([parent.sku])
    kid = sandbox.world.catalog.children(parent)[0]
    [child] = [c for c in product.children if c.sku == kid.sku]
    assert [(v.attribute_code, v.option_id) for v in child.axis_values] == [
        (code, str(kid.option(code))) for code in parent.axes
    ]
    assert (product.unavailable_reason, child.attributes["color"]) == ("", str(kid.option("color")))


def test_a_quote_order_records_the_external_id_and_the_marketplace_amounts(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    product = sellable_simple(sandbox)
    created = store.create_order(order_for(product.sku, Decimal("7.25"), "8100000000000777", qty=2))
    placed = sandbox.order(created.id)
    assert [(i["sku"], i["price"]) for i in placed["items"]] == [(product.sku, f"{product.price:.4f}")]
    assert [h["comment"] for h in placed["status_history"]] == [
        f"{MARKER}8100000000000777\nMarketplace order 8100000000000777: {product.sku} x 2 @ 7.25; "
        "subtotal 14.50, shipping 5, total 19.50 USD.",
        None,  # the entry Magento writes at placement, without a comment (recorded)
    ]


class Journal:
    def __init__(self) -> None:
        self.carts: dict[str, str] = {}

    def recall(self, external_id: str) -> str | None:
        return self.carts.get(external_id)

    def remember(self, external_id: str, cart_ref: str) -> None:
        self.carts[external_id] = cart_ref


def test_an_order_placed_before_a_crash_is_found_by_its_journaled_cart(
    store: Magento1Store, sandbox: Magento1Sandbox, client: Magento1Client
) -> None:
    """The process placed the cart's order, then died before writing the marker comment."""
    product = sellable_simple(sandbox)
    journal = Journal()
    order = replace(order_for(product.sku, Decimal("9"), "AE-CRASH-1"), customer_email="other@example.com")
    first = store.create_order(order, journal=journal)
    sandbox.world.orders[str(first.id)]["status_history"].clear()  # the comment never made it
    again = store.create_order(replace(order, customer_email="li.wei@example.com"), journal=journal)
    assert (again.created, again.id, len(sandbox.world.orders)) == (False, first.id, 1)
    assert [h["comment"] for h in sandbox.order(first.id)["status_history"]] == [f"{MARKER}AE-CRASH-1"]
    assert journal.carts == {"AE-CRASH-1": "1"}


def test_find_order_knows_orders_with_an_ext_order_id_set_elsewhere(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    product = sellable_simple(sandbox)
    created = store.create_order(order_for(product.sku, Decimal("9"), "AE-X-1"))
    sandbox.world.orders[str(created.id)]["order"]["ext_order_id"] = "M2E-77"
    found = store.find_order("M2E-77")
    assert found is not None and (found.id, found.external_id) == (created.id, "M2E-77")


def test_products_stream_page_by_page(store: Magento1Store, sandbox: Magento1Sandbox) -> None:
    products = store.products_changed_since(datetime(1970, 1, 1, tzinfo=UTC), page_size=10)
    first = next(products)
    assert first.sku in {p.sku for p in sandbox.world.catalog.products[:10]}


# --- changed products: the module's pages, or the one-answer fallback ---------------------------------


def _generated(with_module: bool = True) -> tuple[Magento1Sandbox, Magento1Client]:
    """250 generated products, 150 of them changed in one second (ties across the ends of pages)."""
    sandbox = Magento1Sandbox(catalog_size=250, with_module=with_module)
    for product in reversed(sandbox.world.catalog.products[40:190]):
        product.updated_at = "2026-11-18 10:00:00"
    transport = httpx.WSGITransport(app=sandbox.wsgi)
    client = Magento1Client(
        BASE_URL, api_user=DEMO_API_USER, api_key=DEMO_API_KEY, transport=transport, retry=NO_RETRY
    )
    return sandbox, client


def test_with_the_module_products_come_in_pages_oldest_first_across_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox, client = _generated()
    paths = call_paths(client, monkeypatch)
    with client:
        skus = [p.sku for p in Magento1Store(client).products_changed_since(EPOCH, page_size=100)]
    ordered = sorted(sandbox.world.catalog.products, key=lambda p: (p.updated_at, p.id))
    assert skus == [p.sku for p in ordered]
    assert [p for p in paths if p.startswith("catalog_product")] == []
    assert paths.count(CHANGED) == 3


def test_a_product_edited_after_its_page_was_listed_keeps_the_listed_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox, client = _generated()
    send = client.session.call
    edited = sandbox.world.catalog.products[10]  # on the first page
    listed_at = datetime.strptime(edited.updated_at, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)

    def edit_after_the_listing(path: str, args: Sequence[Any] = (), *, idempotent: bool = True) -> Any:
        answer = send(path, args, idempotent=idempotent)
        if path == CHANGED and not args[1]:
            sandbox.update_product(edited.sku, name="Edited meanwhile")
        return answer

    monkeypatch.setattr(client.session, "call", edit_after_the_listing)
    with client:
        products = list(Magento1Store(client).products_changed_since(EPOCH, page_size=100))
    stamps = [p.updated_at for p in products]
    assert stamps == sorted(stamps) and len(products) == 251
    # First with the time it was listed at (its details already the edit's), then again after the tie,
    # with its new time: the edit moved it past the cursor.
    first, again = [p for p in products if p.sku == edited.sku]
    assert (first.name, first.updated_at) == ("Edited meanwhile", listed_at)
    assert products[-1] == again and again.updated_at == utc(sandbox.product(edited.sku).updated_at)


def test_without_the_module_the_listing_is_the_fallback_and_is_not_probed_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox, client = _generated(with_module=False)
    paths = call_paths(client, monkeypatch)
    with client:
        store = Magento1Store(client)
        first = [p.sku for p in store.products_changed_since(EPOCH, page_size=100)]
        second = [p.sku for p in store.products_changed_since(EPOCH, page_size=100)]
    assert len(first) == len(set(first)) == 250
    assert set(first) == {p.sku for p in sandbox.world.catalog.products} and second == first
    assert paths.count(CHANGED) == 1
    assert paths.count("catalog_product.list") == 2


def test_without_the_module_products_of_another_website_are_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The list's store argument filters no website (recorded on OpenMage 20.18: views/catalog_product.list
    .default lists LAB-W2 of website 2 with ``website_ids`` ["2"]); the module's ``changed`` reads only the
    view's website, and so does the fallback. The sandbox has one website: one row is made another's."""
    sandbox, client = _generated(with_module=False)
    elsewhere = sandbox.world.catalog.products[7].sku
    listed = sandbox_products.row

    def row(product: Product, name: str | None = None) -> dict[str, Any]:
        found = listed(product, name)
        return {**found, "website_ids": ["2"]} if product.sku == elsewhere else found

    monkeypatch.setattr(sandbox_products, "row", row)
    with client:
        skus = [p.sku for p in Magento1Store(client).products_changed_since(EPOCH, page_size=100)]
    assert elsewhere not in skus
    assert set(skus) == {p.sku for p in sandbox.world.catalog.products} - {elsewhere}


def test_a_module_without_changed_still_gives_children(
    store: Magento1Store, sandbox: Magento1Sandbox, backend: SandboxBackend
) -> None:
    del sandbox.dispatcher.methods[CHANGED]  # the module as installed before `changed` existed
    expected = backend.configurable()
    products = {p.sku: p for p in store.products_changed_since(EPOCH)}
    assert set(products) == backend.all_skus()
    assert {c.sku for c in products[expected.sku].children} == set(expected.children)


def _denied(ctx: Call, *args: object) -> None:
    raise fault("access_denied")  # what Magento answers a role that was not granted the method


def test_a_role_not_granted_changed_falls_back_to_the_listing(
    store: Magento1Store, sandbox: Magento1Sandbox, backend: SandboxBackend
) -> None:
    sandbox.dispatcher.methods[CHANGED] = Method(RESOURCE, _denied)  # module upgraded, grant forgotten
    assert {p.sku for p in store.products_changed_since(EPOCH)} == backend.all_skus()


def test_wrong_credentials_are_not_taken_for_a_missing_grant(monkeypatch: pytest.MonkeyPatch) -> None:
    sandbox = Magento1Sandbox()
    transport = httpx.WSGITransport(app=sandbox)
    with Magento1Client(
        "http://m1.test", api_user=DEMO_API_USER, api_key="wrong", transport=transport
    ) as client:
        paths = call_paths(client, monkeypatch)
        with pytest.raises(AuthError, match="Access denied"):
            list(Magento1Store(client).products_changed_since(EPOCH))
    assert paths == []  # the login failed first: no call was sent, and no fallback was tried


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def test_currency_rates_are_not_offered_by_magento1s_api_and_it_says_so(store: Magento1Store) -> None:
    with pytest.raises(RatesUnavailable) as unavailable:
        store.currency_rates()
    assert str(unavailable.value) == (
        "Magento 1's API has no call for its currency rates, so the store's rates cannot be read: choose "
        "the fixed rate (Rate source) and enter the Conversion rate."
    )


def test_ensure_customer_takes_its_own_websites_customer_not_another_websites(
    store: Magento1Store, sandbox: Magento1Sandbox
) -> None:
    """One e-mail can have a customer in each website (sharing per website, OpenMage's default), and
    ``customer.list`` on the e-mail alone answers both (recorded, openmage-recorded/orders-customers/
    customer.create.website_2, customer.list.two_websites). The view default's website (1) gets its own."""
    email = "ae-orders@example.com"
    sandbox.world.customers["90"] = {"customer_id": "90", "email": email, "website_id": "2", "store_id": "3"}

    mine = store.ensure_customer(email, "AliExpress", "Customer")

    assert mine != 90
    assert sandbox.world.customers[str(mine)]["website_id"] == "1"
    assert store.ensure_customer(email, "AliExpress", "Customer") == mine


def test_ensure_customer_takes_another_websites_customer_when_the_store_refuses_the_email(
    store: Magento1Store, sandbox: Magento1Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accounts shared globally: the e-mail's customer is in another website and ``customer.create`` is
    refused with the recorded fault 100 (orders-customers/customer.create.duplicate_email). It is used."""
    email = "ae-orders@example.com"
    sandbox.world.customers["90"] = {"customer_id": "90", "email": email, "website_id": "2", "store_id": "3"}

    def refused(*args: object, **kwargs: object) -> None:
        raise error_for_fault(100, "This customer email already exists")

    monkeypatch.setattr(store.client.customers, "create", refused)
    assert store.ensure_customer(email, "AliExpress", "Customer") == 90
