"""Magento2Store over the Magento 2 sandbox: the shared Store suite, plus what is Magento 2's own.

Every request Magento2Store sends and every answer it reads is checked against the official schema
(``CheckedTransport``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import pytest

from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.clients.magento2 import (
    BearerAuth,
    Magento2Client,
    OAuth1Auth,
    OAuth1Credentials,
)
from aliexpress_magento.clients.magento2.errors import ValidationError
from aliexpress_magento.clients.magento2.orders import NewTrack
from aliexpress_magento.sandbox.catalog.attributes import BY_CODE
from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from aliexpress_magento.sandbox.magento2 import customers as sandbox_customers
from aliexpress_magento.sandbox.magento2.call import timestamp
from aliexpress_magento.stores import InMemoryJournal, OrderToCreate
from aliexpress_magento.stores.magento2 import Magento2Store
from aliexpress_magento.stores.magento2.orders import UnknownSkus, amounts_comment
from tests.clients.magento2.wire import BASE_URL, DEMO_OAUTH, INTEGRATION_TOKEN, CheckedTransport
from tests.sandbox.magento2.conftest import FakeClock, sellable_simple
from tests.support.magento2_orders import Magento2OrderChecks

from .store_contract import ExpectedConfigurable, StoreContract, order_for

CART_ORDER_FIELDS = (
    "store_id", "customer_group_id", "customer_is_guest", "base_to_global_rate", "base_to_order_rate",
    "store_to_base_rate", "store_to_order_rate", "global_currency_code", "store_currency_code", "state",
    "status", "subtotal_incl_tax", "tax_amount", "discount_amount", "total_qty_ordered",
)  # fmt: skip


class SandboxBackend(Magento2OrderChecks):
    payment_method = "checkmo"
    shipping_method = "flatrate_flatrate"

    def __init__(self, sandbox: Magento2Sandbox, client: Magento2Client) -> None:
        self.sandbox = sandbox
        self.client = client  # for actions the Store does not offer (shipping), checked on the wire too

    def all_skus(self) -> set[str]:
        return {p.sku for p in self.sandbox.world.catalog.products}

    def configurable(self) -> ExpectedConfigurable:
        catalog = self.sandbox.world.catalog
        parent = next(p for p in catalog.products if p.type_id == CONFIGURABLE and len(p.axes) == 2)
        children = {
            kid.sku: tuple(BY_CODE[code].option_label(kid.option(code) or 0) for code in parent.axes)
            for kid in catalog.children(parent)
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

    def now(self) -> datetime:
        return datetime.now(UTC).replace(microsecond=0)  # the sandbox runs on this machine's clock


@pytest.fixture
def sandbox() -> Magento2Sandbox:
    return Magento2Sandbox()


@pytest.fixture
def wire(sandbox: Magento2Sandbox) -> CheckedTransport:
    return CheckedTransport(sandbox)


@pytest.fixture
def client(wire: CheckedTransport) -> Iterator[Magento2Client]:
    with Magento2Client(
        BASE_URL, auth=BearerAuth(INTEGRATION_TOKEN), transport=wire, retry=NO_RETRY
    ) as magento:
        yield magento


@pytest.fixture
def store(client: Magento2Client) -> Magento2Store:
    return Magento2Store(client)


@pytest.fixture
def backend(sandbox: Magento2Sandbox, client: Magento2Client) -> SandboxBackend:
    return SandboxBackend(sandbox, client)


class TestMagento2Store(StoreContract):
    pass


def test_a_direct_order_keeps_marketplace_prices_and_reserves_nothing(
    store: Magento2Store, sandbox: Magento2Sandbox, client: Magento2Client
) -> None:
    product = sellable_simple(sandbox)
    before = sandbox.salable_qty(product.sku)
    order = order_for(product.sku, Decimal("7.25"), "8100000000000123", qty=2)
    created = store.create_order(order, "direct")
    assert (created.number, created.external_id) == ("8100000000000123", "8100000000000123")
    assert sandbox.salable_qty(product.sku) == before
    placed = client.orders.get(created.id)
    assert [(i.sku, i.qty_ordered, i.price, i.row_total) for i in placed.items] == [
        (product.sku, 2, 7.25, 14.5)
    ]
    assert (placed.grand_total, placed.currency) == (19.5, "USD")


def test_a_direct_order_carries_what_a_cart_order_has(store: Magento2Store, sandbox: Magento2Sandbox) -> None:
    """Magento stores a direct order exactly as sent (second-store/order.direct_minimal*): the Store
    sends the store view, the product ids, the guest group and the currency rates a cart order has."""
    product = sellable_simple(sandbox)
    created = store.create_order(order_for(product.sku, Decimal("7.25"), "8100000000000124"), "direct")
    stored = sandbox.world.orders[str(created.id)]  # what the sandbox keeps: what was sent
    assert {k: stored.get(k) for k in CART_ORDER_FIELDS} == {
        "store_id": 1, "customer_group_id": 0, "customer_is_guest": 1, "base_to_global_rate": 1,
        "base_to_order_rate": 1, "store_to_base_rate": 0, "store_to_order_rate": 0,
        "global_currency_code": "USD", "store_currency_code": "USD", "state": "new", "status": "pending",
        "subtotal_incl_tax": 14.5, "tax_amount": 0, "discount_amount": 0, "total_qty_ordered": 2,
    }  # fmt: skip
    [item] = stored["items"]
    assert (item["product_id"], item["store_id"], item["original_price"], item["row_total_incl_tax"]) == (
        product.id, 1, 7.25, 14.5,
    )  # fmt: skip


def test_a_direct_order_for_a_sku_magento_lacks_is_refused_with_the_sku_named(
    store: Magento2Store, sandbox: Magento2Sandbox
) -> None:
    product = sellable_simple(sandbox)
    order = order_for(product.sku, Decimal("7.25"), "8100000000000125")
    order = replace(order, lines=(*order.lines, replace(order.lines[0], sku="NO-SUCH-SKU")))
    with pytest.raises(UnknownSkus, match="Not in the Magento catalog, so no direct order: NO-SUCH-SKU"):
        store.create_order(order, "direct")
    assert sandbox.world.orders == {}


def test_a_quote_order_uses_catalog_prices_and_records_the_marketplace_amounts(
    store: Magento2Store, sandbox: Magento2Sandbox, client: Magento2Client
) -> None:
    product = sellable_simple(sandbox)
    created = store.create_order(order_for(product.sku, Decimal("7.25"), "8100000000000777", qty=2), "quote")
    placed = client.orders.get(created.id)
    assert [(i.sku, i.price) for i in placed.items] == [(product.sku, product.price)]
    assert placed.ext_order_id == "8100000000000777"
    assert [c["comment"] for c in client.orders.comments(created.id)] == [
        f"Marketplace order 8100000000000777: {product.sku} x 2 @ 7.25; subtotal 14.50, shipping 5, "
        "total 19.50 USD."
    ]


def test_children_of_a_page_are_read_in_one_search(store: Magento2Store, wire: CheckedTransport) -> None:
    products = list(store.products_changed_since(datetime(1970, 1, 1, tzinfo=UTC), page_size=100))
    pages = len(wire.calls("GET", "/V1/products"))
    product_pages = -(-len(products) // 100)
    configurable_pages = pages - product_pages
    assert configurable_pages <= product_pages  # one children search per page at most, not one per parent
    assert sum(1 for p in products if p.type == CONFIGURABLE) == 40


def test_image_urls_are_served_by_the_store(store: Magento2Store, sandbox: Magento2Sandbox) -> None:
    product = sellable_simple(sandbox)
    [found] = store.products_by_sku([product.sku])
    assert len(found.images) == product.images
    with httpx.Client(transport=httpx.WSGITransport(app=sandbox.wsgi)) as http:
        answer = http.get(found.images[0].url)
    assert (answer.status_code, answer.content[:8]) == (200, b"\x89PNG\r\n\x1a\n")


def test_products_stream_page_by_page(store: Magento2Store, wire: CheckedTransport) -> None:
    products = store.products_changed_since(datetime(1970, 1, 1, tzinfo=UTC), page_size=10)
    next(products)
    pages = [e.query for e in wire.calls("GET", "/V1/products") if "updated_at" in e.query]
    assert len(pages) == 1 and "pageSize%5D=10" in pages[0] and "currentPage" not in pages[0]


# --- crashes while placing an order ------------------------------------------------------------------


class Crash(Exception):
    """The worker dies at this point (a kill, a lost connection, a deploy)."""


class CrashOnce(httpx.BaseTransport):
    """Forwards to ``inner``; the first request ``hits`` dies, before it reaches Magento
    (``reached=False``) or after Magento handled it, before the answer is read (``reached=True``)."""

    def __init__(self, inner: httpx.BaseTransport, hits: Callable[[httpx.Request], bool], *, reached: bool):
        self.inner, self.hits, self.reached, self.fired = inner, hits, reached, False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        hit = not self.fired and self.hits(request)
        if hit and not self.reached:
            self.fired = True
            raise Crash(f"before {request.method} {request.url.path}")
        response = self.inner.handle_request(request)
        if hit:
            self.fired = True
            raise Crash(f"after {request.method} {request.url.path}")
        return response

    @staticmethod
    def before(hits: Callable[[httpx.Request], bool]) -> Callable[[httpx.BaseTransport], CrashOnce]:
        return lambda inner: CrashOnce(inner, hits, reached=False)

    @staticmethod
    def after(hits: Callable[[httpx.Request], bool]) -> Callable[[httpx.BaseTransport], CrashOnce]:
        return lambda inner: CrashOnce(inner, hits, reached=True)


def _entity(request: httpx.Request) -> dict[str, object]:
    body = json.loads(request.content) if request.content else {}
    return dict(body.get("entity") or {})


def marks_the_order(request: httpx.Request) -> bool:
    """The partial POST /V1/orders that sets ext_order_id on the placed order."""
    return (
        request.method == "POST"
        and request.url.path.endswith("/V1/orders")
        and "entity_id" in _entity(request)
    )


def places_the_cart(request: httpx.Request) -> bool:
    return request.method == "PUT" and re.search(r"/V1/carts/\d+/order$", request.url.path) is not None


def posts_a_direct_order(request: httpx.Request) -> bool:
    return (
        request.method == "POST"
        and request.url.path.endswith("/V1/orders")
        and "entity_id" not in _entity(request)
    )


def store_over(transport: httpx.BaseTransport) -> Magento2Store:
    client = Magento2Client(BASE_URL, auth=BearerAuth(INTEGRATION_TOKEN), transport=transport, retry=NO_RETRY)
    return Magento2Store(client)


def sandbox_orders(sandbox: Magento2Sandbox) -> list[tuple[int, object, object]]:
    """(entity id, ext_order_id, quote_id) of every order the sandbox holds."""
    return [(o["entity_id"], o.get("ext_order_id"), o.get("quote_id")) for o in sandbox.world.orders.values()]


def the_order(sandbox: Magento2Sandbox) -> tuple[OrderToCreate, float]:
    product = sellable_simple(sandbox)
    return order_for(product.sku, Decimal("7.25"), "8100000000000901", qty=2), sandbox.salable_qty(
        product.sku
    )


@pytest.mark.parametrize(
    ("crash", "same_store", "commented"),
    [
        # The ext_order_id update never reaches Magento (the comment did); another worker retries with
        # the journal the claim row keeps.
        (CrashOnce.before(marks_the_order), False, True),
        # Placed, the answer (the order id) lost; the same store retries with its own journal.
        (CrashOnce.after(places_the_cart), True, False),
    ],
    ids=["before-marking", "after-placing"],
)
def test_an_order_placed_before_a_crash_is_found_by_its_cart_and_not_placed_twice(
    sandbox: Magento2Sandbox,
    client: Magento2Client,
    wire: CheckedTransport,
    crash: Callable[[httpx.BaseTransport], CrashOnce],
    same_store: bool,
    commented: bool,
) -> None:
    order, salable = the_order(sandbox)
    crashing = store_over(crash(wire))
    journal = crashing.journal if same_store else InMemoryJournal()
    # The same store uses its own journal (no keyword), as a caller without a claim row does.
    kwargs: dict[str, InMemoryJournal] = {} if same_store else {"journal": journal}
    with pytest.raises(Crash):
        crashing.create_order(order, **kwargs)
    [(order_id, ext_id, cart)] = sandbox_orders(sandbox)
    assert (ext_id, journal.recall(order.external_id)) == (None, str(cart))
    assert len(client.orders.comments(order_id)) == int(commented)
    assert store_over(wire).find_order(order.external_id) is None  # the window the journal closes

    retrying = crashing if same_store else store_over(wire)
    again = retrying.create_order(order, **kwargs)

    assert (again.id, again.external_id, again.created) == (order_id, order.external_id, False)
    assert sandbox_orders(sandbox) == [(order_id, order.external_id, cart)]
    assert [c["comment"] for c in client.orders.comments(order_id)] == [amounts_comment(order)]  # once
    assert sandbox.salable_qty(order.lines[0].sku) == salable - 2
    assert retrying.create_order(order) == again  # found by external id from now on


def test_a_cart_never_placed_is_not_reused_so_the_retry_orders_each_line_once(
    sandbox: Magento2Sandbox, client: Magento2Client, wire: CheckedTransport
) -> None:
    order, salable = the_order(sandbox)
    journal = InMemoryJournal()
    with pytest.raises(Crash):
        store_over(CrashOnce(wire, places_the_cart, reached=False)).create_order(order, journal=journal)
    first_cart = journal.carts[order.external_id]
    assert sandbox_orders(sandbox) == [] and sandbox.salable_qty(order.lines[0].sku) == salable

    created = store_over(wire).create_order(order, journal=journal)

    placed = client.orders.get(created.id)
    assert created.created is True
    assert [(i.sku, i.qty_ordered) for i in placed.items] == [(order.lines[0].sku, 2)]
    assert sandbox_orders(sandbox) == [(created.id, order.external_id, placed.quote_id)]
    assert placed.quote_id is not None and str(placed.quote_id) != first_cart
    assert journal.carts == {order.external_id: str(placed.quote_id)}
    assert sandbox.salable_qty(order.lines[0].sku) == salable - 2
    abandoned = sandbox.world.carts[first_cart]  # still active, with its two units, never placed
    assert (abandoned["is_active"], [(i["sku"], i["qty"]) for i in abandoned["items"]]) == (
        True,
        [(order.lines[0].sku, 2)],
    )


def test_a_journal_pointing_at_another_orders_cart_does_not_take_that_order_over(
    store: Magento2Store, sandbox: Magento2Sandbox
) -> None:
    order, _ = the_order(sandbox)
    first = store.create_order(order)
    [(_, _, cart)] = sandbox_orders(sandbox)
    journal = InMemoryJournal({"8100000000000902": str(cart)})  # a mis-keyed note
    second = store.create_order(replace(order, external_id="8100000000000902"), journal=journal)
    assert (second.created, second.id != first.id) == (True, True)
    assert sorted((ext, quote == cart) for _, ext, quote in sandbox_orders(sandbox)) == [
        (order.external_id, True),
        ("8100000000000902", False),
    ]


def test_a_direct_order_is_one_call_so_a_crash_after_it_is_found_by_external_id(
    sandbox: Magento2Sandbox, wire: CheckedTransport
) -> None:
    order, salable = the_order(sandbox)
    store = store_over(CrashOnce(wire, posts_a_direct_order, reached=True))
    with pytest.raises(Crash):
        store.create_order(order, "direct")
    [(order_id, ext_id, _)] = sandbox_orders(sandbox)
    assert ext_id == order.external_id

    again = store.create_order(order, "direct")

    assert (again.id, again.number, again.created) == (order_id, order.external_id, False)
    assert len(sandbox.world.orders) == 1 and sandbox.salable_qty(order.lines[0].sku) == salable


def test_store_views_carry_the_store_config(store: Magento2Store, client: Magento2Client) -> None:
    config = {c.code: c for c in client.stores.configs()}["default"]
    view = {v.code: v for v in store.store_views()}["default"]
    assert (view.base_currency, view.timezone, view.base_url) == (
        config.base_currency_code,
        config.timezone,
        config.base_url,
    )
    assert (view.base_currency, view.website_code) == ("USD", "base")


# --- shipments read by key ------------------------------------------------------------------------


def test_shipments_tied_in_one_second_and_one_edited_mid_read_are_all_read() -> None:
    """Five shipments made in one second (the clock stands still), read two at a time; after the first
    page one of them is edited (its updated_at moves on). Paged by offset over updated_at alone, the
    others moved up a place and one was never read; by key (updated_at, entity_id) all are, the edited
    one again at the end."""
    clock = FakeClock()
    sandbox = Magento2Sandbox(clock=clock)
    wire = CheckedTransport(sandbox)
    store = store_over(wire)
    product = sellable_simple(sandbox)
    for n in range(5):
        created = store.create_order(order_for(product.sku, Decimal("7.25"), f"81000000000005{n}", qty=1))
        store.client.orders.ship(created.id, tracks=[NewTrack(f"1ZTIE{n}", "UPS", "ups")])
    ids = sorted(int(k) for k in sandbox.world.shipments)
    since = datetime.fromtimestamp(clock.now, UTC)

    reading = store.shipments_since(since, page_size=2)
    first_page = [next(reading).id for _ in range(2)]
    clock.advance(60)  # edited in the admin a minute later: Magento stamps the row's updated_at
    sandbox.world.shipments[str(first_page[0])]["updated_at"] = timestamp(clock.now)
    rest = [s.id for s in reading]

    assert first_page == ids[:2]
    assert rest == [*ids[2:], first_page[0]]
    keyed = [e.query for e in wire.calls("GET", "/V1/shipments")][1]
    assert "sortOrders%5D%5B1%5D%5Bfield%5D=entity_id" in keyed  # the tie-break
    assert f"filterGroups%5D%5B1%5D%5Bfilters%5D%5B1%5D%5Bvalue%5D={ids[1]}&" in keyed  # entity_id gt N


def test_the_catalog_and_shipments_read_over_oauth1(sandbox: Magento2Sandbox, wire: CheckedTransport) -> None:
    """Keyset pages carry updated_at values with a space and an OR group: signed as Magento 2.4.7
    checks them (a space sent as "+" was refused: second-store/oauth1.space_in_query.plus)."""
    auth = OAuth1Auth(OAuth1Credentials(*DEMO_OAUTH))
    with Magento2Client(BASE_URL, auth=auth, transport=wire, retry=NO_RETRY) as client:
        store = Magento2Store(client)
        skus = [p.sku for p in store.products_changed_since(datetime(1970, 1, 1, tzinfo=UTC), page_size=50)]
        assert list(store.shipments_since(datetime(1970, 1, 1, tzinfo=UTC))) == []
    assert set(skus) == {p.sku for p in sandbox.world.catalog.products}
    assert {e.status for e in wire.exchanges} == {200}


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def test_currency_rates_are_the_store_views_with_rateless_currencies_left_out(
    store: Magento2Store, sandbox: Magento2Sandbox, wire: CheckedTransport
) -> None:
    sandbox.set_currency_rate("EUR", 0.9213)
    sandbox.set_currency_rate("GBP", 0)  # allowed in Magento, no rate entered

    rates = store.currency_rates()

    assert rates.base_currency == "USD"
    assert dict(rates.rates) == {"USD": Decimal("1.0"), "EUR": Decimal("0.9213")}


def test_ensure_customer_takes_its_own_websites_customer_not_another_websites(
    store: Magento2Store, sandbox: Magento2Sandbox
) -> None:
    """Customer accounts are shared per website by default: one e-mail can have a customer in each
    website, and a search on the e-mail alone answers both (recorded, magento2-recorded/orders-customers/
    customers.create.website_2, customers.search.two_websites). The account's website (base, id 1) gets
    its own customer, created beside the other website's."""
    email = "ae-orders@example.com"
    other = sandbox_customers.create(
        sandbox.world, {"email": email, "firstname": "Other", "lastname": "Site", "website_id": 2}, 0
    )

    mine = store.ensure_customer(email, "AliExpress", "Customer")

    assert mine != other["id"]
    assert sandbox.world.customers[str(mine)]["website_id"] == 1
    assert store.ensure_customer(email, "AliExpress", "Customer") == mine


def test_ensure_customer_takes_another_websites_customer_when_the_store_refuses_the_email(
    store: Magento2Store, sandbox: Magento2Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accounts shared globally: the e-mail's customer is in another website and the creation is refused
    with the recorded 400 (orders-customers/customers.create.duplicate_email). That customer is used."""
    email = "ae-orders@example.com"
    other = sandbox_customers.create(
        sandbox.world, {"email": email, "firstname": "Other", "lastname": "Site", "website_id": 2}, 0
    )

    def refused(*args: object, **kwargs: object) -> None:
        raise ValidationError(sandbox_customers.DUPLICATE)

    monkeypatch.setattr(store.client.customers, "create", refused)
    assert store.ensure_customer(email, "AliExpress", "Customer") == other["id"]
