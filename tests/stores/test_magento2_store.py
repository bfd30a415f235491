"""Magento2Store over the Magento 2 sandbox: the shared Store suite, plus what is Magento 2's own.

Every request Magento2Store sends and every answer it reads is checked against the official schema
(``CheckedTransport``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest

from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.clients.magento2 import BearerAuth, Magento2Client, SearchCriteria
from aliexpress_magento.clients.magento2.orders import NewTrack
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from aliexpress_magento.sandbox.magento2.catalog.attributes import BY_CODE
from aliexpress_magento.sandbox.magento2.catalog.model import CONFIGURABLE
from aliexpress_magento.stores import Track
from aliexpress_magento.stores.magento2 import Magento2Store
from tests.clients.magento2.wire import BASE_URL, INTEGRATION_TOKEN, CheckedTransport
from tests.sandbox.magento2.conftest import sellable_simple

from .store_contract import ExpectedConfigurable, StoreContract, order_for


class SandboxBackend:
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

    def salable(self, sku: str) -> float:
        return self.sandbox.salable_qty(sku)

    def touch(self, sku: str) -> datetime:
        self.sandbox.update_product(sku, name="Renamed")
        stamp = self.sandbox.product(sku).updated_at
        return datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)

    def order_count(self) -> int:
        return next(self.client.orders.search(SearchCriteria().limit(1)).pages()).total_count

    def order_state(self, order_id: int) -> str:
        return self.client.orders.get(order_id).state

    def comments(self, order_id: int) -> list[str]:
        return [str(c["comment"]) for c in self.client.orders.comments(order_id)]

    def ship(self, order_id: int, track: Track) -> None:
        self.client.orders.ship(order_id, tracks=[NewTrack(track.number, track.title, track.carrier_code)])


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
    assert len(pages) == 1 and "currentPage%5D=1" in pages[0]


def test_store_views_carry_the_store_config(store: Magento2Store, client: Magento2Client) -> None:
    config = {c.code: c for c in client.stores.configs()}["default"]
    view = {v.code: v for v in store.store_views()}["default"]
    assert (view.base_currency, view.timezone, view.base_url) == (
        config.base_currency_code,
        config.timezone,
        config.base_url,
    )
    assert view.base_currency == "USD"
