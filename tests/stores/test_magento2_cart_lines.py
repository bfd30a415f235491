"""Magento2Store's quote orders: a configurable's child is ordered through its parent (so the merchant's
order shows the product they sell, as Magento's own checkout does), and carts are placed through the
store view's scope, never ``all`` (issue 10, finding 12 f and g). Every exchange is schema-checked."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import httpx
import pytest

from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.clients.magento2 import BearerAuth, Magento2Client
from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, Product
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from aliexpress_magento.stores import OrderLine, OrderToCreate
from aliexpress_magento.stores.magento2 import Magento2Store
from tests.clients.magento2.wire import BASE_URL, INTEGRATION_TOKEN, CheckedTransport
from tests.sandbox.magento2.conftest import sellable_simple

from .store_contract import order_for


class Paths(httpx.BaseTransport):
    """Notes the full path (scope included) of every request, then forwards it."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.sent = inner, list[tuple[str, str]]()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((request.method, request.url.path))
        return self.inner.handle_request(request)


@dataclass
class Shop:
    sandbox: Magento2Sandbox
    wire: CheckedTransport
    paths: Paths
    client: Magento2Client  # scoped to "all", the client's default, as the store fixture of the suite
    store: Magento2Store

    def two_axis_parent(self) -> Product:
        catalog = self.sandbox.world.catalog
        return next(
            p
            for p in catalog.products
            if p.type_id == CONFIGURABLE
            and len(p.axes) == 2
            and p.status == 1
            and all(self.sandbox.salable_qty(k.sku) > 3 for k in catalog.children(p))
        )

    def placed_lines(self, order_id: int) -> list[tuple[str, str, str, bool]]:
        """(sku, name, product_type, has a parent line) of the placed order's items."""
        items = self.sandbox.world.orders[str(order_id)]["items"]
        return [(i["sku"], i["name"], i["product_type"], "parent_item_id" in i) for i in items]


@pytest.fixture
def shop() -> Shop:
    sandbox = Magento2Sandbox()
    wire = CheckedTransport(sandbox)
    paths = Paths(wire)
    client = Magento2Client(BASE_URL, auth=BearerAuth(INTEGRATION_TOKEN), transport=paths, retry=NO_RETRY)
    return Shop(sandbox, wire, paths, client, Magento2Store(client))


def with_lines(*lines: OrderLine) -> OrderToCreate:
    base = order_for(lines[0].sku, lines[0].price, "AE-CONF-1", qty=int(lines[0].qty))
    return replace(base, lines=lines)


def test_a_named_parent_orders_the_child_as_a_configurable_line(shop: Shop) -> None:
    parent = shop.two_axis_parent()
    red, other = shop.sandbox.world.catalog.children(parent)[:2]
    before = shop.sandbox.salable_qty(red.sku)
    order = with_lines(
        OrderLine(red.sku, 2, Decimal("9.5"), parent_sku=parent.sku),
        OrderLine(other.sku, 1, Decimal("9.5"), parent_sku=parent.sku),
    )
    created = shop.store.create_order(order)
    assert shop.placed_lines(created.id) == [
        (red.sku, parent.name, "configurable", False),
        (red.sku, red.name, "simple", True),
        (other.sku, parent.name, "configurable", False),
        (other.sku, other.name, "simple", True),
    ]
    assert shop.sandbox.salable_qty(red.sku) == before - 2
    sent = [e.body["cartItem"] for e in shop.wire.calls("POST", "/V1/carts/{quoteId}/items")]
    assert sent[0] == {
        "sku": parent.sku,
        "qty": 2,
        "quote_id": sent[0]["quote_id"],
        "product_option": {
            "extension_attributes": {
                "configurable_item_options": [
                    {"option_id": "93", "option_value": red.option("color")},  # color, as recorded
                    {"option_id": "137", "option_value": red.option("size")},
                ]
            }
        },
    }
    assert len(shop.wire.calls("GET", "/V1/products/{sku}")) == 1  # the parent, once for both lines
    assert not [e for e in shop.wire.calls("GET", "/V1/products") if "configurable" in e.query]


def test_without_a_name_a_child_not_visible_alone_finds_its_parent_once_per_order(shop: Shop) -> None:
    parent = shop.two_axis_parent()
    kids = shop.sandbox.world.catalog.children(parent)[:2]
    order = with_lines(*(OrderLine(k.sku, 1, Decimal("9.5")) for k in kids))
    created = shop.store.create_order(order)
    assert [line[:3] for line in shop.placed_lines(created.id) if not line[3]] == [
        (k.sku, parent.name, "configurable") for k in kids
    ]
    scans = {e.query for e in shop.wire.calls("GET", "/V1/products") if "configurable" in e.query}
    assert len(scans) == 1  # one read of the configurables (paged), shared by both lines


def test_a_simple_sold_on_its_own_stays_a_plain_line_without_reading_configurables(shop: Shop) -> None:
    simple = sellable_simple(shop.sandbox)
    created = shop.store.create_order(order_for(simple.sku, Decimal("7"), "AE-PLAIN-1"))
    assert shop.placed_lines(created.id) == [(simple.sku, simple.name, "simple", False)]
    assert not [e for e in shop.wire.calls("GET", "/V1/products") if "configurable" in e.query]


def test_a_named_parent_that_does_not_list_the_child_falls_back_to_the_childs_sku(shop: Shop) -> None:
    parent = shop.two_axis_parent()
    stranger = next(
        p for p in shop.sandbox.world.catalog.products if p.type_id == CONFIGURABLE and p.id != parent.id
    )
    child = shop.sandbox.world.catalog.children(parent)[0]
    created = shop.store.create_order(
        with_lines(OrderLine(child.sku, 1, Decimal("9.5"), parent_sku=stranger.sku))
    )
    assert shop.placed_lines(created.id) == [(child.sku, child.name, "simple", False)]


# --- the store view's scope ----------------------------------------------------------------------------


def test_carts_go_through_the_store_view_even_when_the_client_reads_through_all(shop: Shop) -> None:
    simple = sellable_simple(shop.sandbox)
    shop.store.create_order(order_for(simple.sku, Decimal("7"), "AE-SCOPE-1"))
    carts = [(m, p) for m, p in shop.paths.sent if "/V1/carts" in p]
    assert all(p.startswith("/rest/default/V1/carts") for _, p in carts)
    assert [m for m, p in carts if p.endswith("/order")] == ["PUT"]


def test_the_client_refuses_to_place_a_cart_through_all(shop: Shop) -> None:
    cart = shop.client.carts.create_guest()
    sent = len(shop.paths.sent)
    with pytest.raises(ValueError, match="never 'all'"):
        shop.client.carts.place_order(cart, "checkmo")
    assert len(shop.paths.sent) == sent  # nothing reached Magento
    assert shop.client.scoped("default").store_code == "default" and shop.client.store_code == "all"


def test_a_child_of_a_disabled_parent_is_ordered_by_its_own_sku(shop: Shop) -> None:
    parent = shop.two_axis_parent()
    child = shop.sandbox.world.catalog.children(parent)[0]
    shop.sandbox.update_product(parent.sku, status=2)
    created = shop.store.create_order(with_lines(OrderLine(child.sku, 1, Decimal("9.5"))))
    assert shop.placed_lines(created.id) == [(child.sku, child.name, "simple", False)]
