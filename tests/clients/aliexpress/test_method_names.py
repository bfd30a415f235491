"""Every area method calls the API method of the same name (DESIGN.md §10), on /sync."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from aliexpress_magento.clients.aliexpress import AliExpressClient
from aliexpress_magento.clients.aliexpress.feeds import FeedItem
from aliexpress_magento.clients.aliexpress.orders import Fulfilment, OrderQuery
from aliexpress_magento.clients.aliexpress.products import (
    ListQuery,
    ProductInventoryUpdate,
    ProductPriceUpdate,
    SkuInventory,
    SkuPrice,
)

from .conftest import FakeApi

Call = Callable[[AliExpressClient], object]
SINCE = datetime(2024, 1, 1, tzinfo=UTC)
CALLS: list[tuple[str, Call]] = [
    ("aliexpress.solution.seller.category.tree.query", lambda c: c.categories.tree_query(0)),
    ("aliexpress.solution.product.schema.get", lambda c: c.categories.schema_get(1)),
    ("aliexpress.solution.sku.attribute.query", lambda c: c.categories.sku_attribute_query(1)),
    (
        "aliexpress.solution.feed.submit",
        lambda c: c.feeds.submit("PRODUCT_CREATE", [FeedItem("a", {"x": 1})]),
    ),
    ("aliexpress.solution.feed.query", lambda c: c.feeds.query(1)),
    ("aliexpress.solution.feed.list.get", lambda c: c.feeds.list_get()),
    ("aliexpress.solution.feed.invalidate", lambda c: c.feeds.invalidate([1])),
    ("aliexpress.solution.product.post", lambda c: c.products.post({"language": "en"})),
    ("aliexpress.solution.product.edit", lambda c: c.products.edit({"product_id": 1})),
    ("aliexpress.solution.product.info.get", lambda c: c.products.info_get(1)),
    ("aliexpress.solution.product.list.get", lambda c: c.products.list_get(ListQuery())),
    (
        "aliexpress.solution.batch.product.price.update",
        lambda c: c.products.price_update([ProductPriceUpdate(1, [SkuPrice("A", Decimal(1))])]),
    ),
    (
        "aliexpress.solution.batch.product.inventory.update",
        lambda c: c.products.inventory_update([ProductInventoryUpdate(1, [SkuInventory("A", 1)])]),
    ),
    ("aliexpress.solution.batch.product.delete", lambda c: c.products.delete([1])),
    ("aliexpress.postproduct.redefining.onlineaeproduct", lambda c: c.products.online([1])),
    ("aliexpress.postproduct.redefining.offlineaeproduct", lambda c: c.products.offline([1])),
    ("aliexpress.photobank.redefining.uploadimageforsdk", lambda c: c.photobank.upload("a.jpg", b"x")),
    ("aliexpress.freight.redefining.listfreighttemplate", lambda c: c.templates.list_freight()),
    ("aliexpress.postproduct.redefining.querypromisetemplatebyid", lambda c: c.templates.query_promise(5)),
    ("aliexpress.solution.order.get", lambda c: c.orders.get(OrderQuery(create_date_start=SINCE))),
    ("aliexpress.solution.order.info.get", lambda c: c.orders.info_get(1)),
    ("aliexpress.solution.order.receiptinfo.get", lambda c: c.orders.receiptinfo_get(1)),
    ("aliexpress.solution.order.fulfill", lambda c: c.orders.fulfill(Fulfilment(1, "CPAM", "RR1"))),
    ("aliexpress.logistics.redefining.listlogisticsservice", lambda c: c.logistics.list_services()),
    ("aliexpress.solution.merchant.profile.get", lambda c: c.merchant.profile_get()),
]


@pytest.mark.parametrize(("method", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_each_area_method_calls_its_api_method(
    api: FakeApi, client: AliExpressClient, method: str, call: Call
) -> None:
    # A minimal success body of the right method; parsing is covered by the per-area tests.
    body = {method.replace(".", "_") + "_response": {"result": {"schema": "{}"}, "request_id": "r"}}
    api.reply_json(body)
    call(client)
    assert (api.last.path, api.last.params["method"]) == ("/sync", method)
