"""The AliExpress client against the AliExpress sandbox, in-process (httpx.WSGITransport).

The client never imports the sandbox; only this test joins them. Both run on one fake clock, and the
retry policy's sleep advances it, so bans and token lifetimes pass without waiting.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from PIL import Image

from aliexpress_magento.clients.aliexpress import (
    AliExpressClient,
    AuthError,
    RateLimitedError,
    RetryPolicy,
    TerminalError,
    Token,
)
from aliexpress_magento.clients.aliexpress.feeds import FeedItem
from aliexpress_magento.clients.aliexpress.orders import Fulfilment, OrderQuery
from aliexpress_magento.clients.aliexpress.products import (
    ListQuery,
    ProductInventoryUpdate,
    ProductPriceUpdate,
    SkuInventory,
    SkuPrice,
)
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox

APP_KEY = "34567890"
APP_SECRET = "contract-secret"
CALLBACK = "https://shop.example/aliexpress/callback"
SHIRTS = 348  # a leaf of the seeded tree (Men's Clothing > Shirts)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_750_000_000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sandbox(clock: FakeClock) -> AliExpressSandbox:
    return AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET, state_file=None, clock=clock)


def connect(sandbox: AliExpressSandbox, clock: FakeClock, secret: str = APP_SECRET) -> AliExpressClient:
    retry = RetryPolicy(max_attempts=3, base_delay=0.25, jitter=lambda d: d, sleep=clock.sleep)
    return AliExpressClient(
        APP_KEY,
        secret,
        base_url="http://sandbox.local",
        transport=httpx.WSGITransport(app=sandbox.wsgi),
        retry=retry,
        clock=clock,
    )


@pytest.fixture
def anonymous(sandbox: AliExpressSandbox, clock: FakeClock) -> Iterator[AliExpressClient]:
    with connect(sandbox, clock) as client:
        yield client


@pytest.fixture
def token(sandbox: AliExpressSandbox, anonymous: AliExpressClient) -> Token:
    return anonymous.oauth.create_token(sandbox.grant_code(CALLBACK, "st"))


@pytest.fixture
def client(anonymous: AliExpressClient, token: Token) -> AliExpressClient:
    anonymous.use_token(token)
    return anonymous


# --- OAuth -----------------------------------------------------------------------------------------


def test_a_granted_code_gives_a_token_with_its_lifetimes(
    sandbox: AliExpressSandbox, anonymous: AliExpressClient, clock: FakeClock
) -> None:
    token = anonymous.oauth.create_token(sandbox.grant_code(CALLBACK, "st"))
    issued = datetime.fromtimestamp(clock.now, UTC)
    assert isinstance(token, Token)
    assert token.access_token and token.refresh_token and token.access_token != token.refresh_token
    assert (token.expire_time - issued).total_seconds() == sandbox.knobs.access_token_ttl_seconds
    assert (
        token.refresh_token_valid_time - issued
    ).total_seconds() == sandbox.knobs.refresh_token_ttl_seconds
    assert token.seller_id != ""


def test_a_code_used_twice_is_refused(sandbox: AliExpressSandbox, anonymous: AliExpressClient) -> None:
    code = sandbox.grant_code(CALLBACK, "st")
    anonymous.oauth.create_token(code)
    with pytest.raises(TerminalError) as caught:
        anonymous.oauth.create_token(code)
    assert caught.value.code == "InvalidCode"
    assert caught.value.request_id != ""


def test_an_expired_access_token_raises_auth_error_and_a_refresh_cures_it(
    sandbox: AliExpressSandbox, client: AliExpressClient, token: Token, clock: FakeClock
) -> None:
    clock.now += sandbox.knobs.access_token_ttl_seconds + 1
    with pytest.raises(AuthError) as caught:
        client.merchant.profile_get()
    assert (caught.value.code, caught.value.retryable) == ("IllegalAccessToken", False)
    client.use_token(client.oauth.refresh_token(token.refresh_token))
    assert client.merchant.profile_get().shop_name != ""


def test_refresh_rotates_both_tokens_and_the_old_refresh_token_is_refused(
    sandbox: AliExpressSandbox, anonymous: AliExpressClient
) -> None:
    first = anonymous.oauth.create_token(sandbox.grant_code(CALLBACK, "st"))
    second = anonymous.oauth.refresh_token(first.refresh_token)
    assert (second.access_token != first.access_token, second.refresh_token != first.refresh_token) == (
        True,
        True,
    )
    with pytest.raises(AuthError):
        anonymous.oauth.refresh_token(first.refresh_token)


def test_a_wrong_secret_is_refused_as_incomplete_signature(
    sandbox: AliExpressSandbox, clock: FakeClock
) -> None:
    with connect(sandbox, clock, secret="not-the-secret") as wrong, pytest.raises(AuthError) as caught:
        wrong.oauth.create_token(sandbox.grant_code(CALLBACK, "st"))
    assert caught.value.code == "IncompleteSignature"


# --- rate limit and retry --------------------------------------------------------------------------


def test_a_rate_limited_call_waits_out_the_ban_and_succeeds(
    sandbox: AliExpressSandbox, client: AliExpressClient, clock: FakeClock
) -> None:
    sandbox.knobs.calls_per_second = 1
    clock.now += 5  # a fresh second: the token exchange above does not count
    client.merchant.profile_get()
    profile = client.merchant.profile_get()  # same instant: banned, then retried after the ban
    assert profile.shop_name != ""
    assert clock.sleeps == [1.0]


def test_without_retries_the_ban_surfaces_with_its_seconds(
    sandbox: AliExpressSandbox, client: AliExpressClient, clock: FakeClock
) -> None:
    sandbox.knobs.calls_per_second = 1
    clock.now += 5
    client.merchant.profile_get()
    client.gateway.retry = RetryPolicy(max_attempts=1)
    with pytest.raises(RateLimitedError) as caught:
        client.merchant.profile_get()
    assert (caught.value.code, caught.value.ban_seconds) == ("ApiCallLimit", 1.0)


# --- categories, feeds, products -------------------------------------------------------------------


def _first_option(value_schema: dict[str, Any]) -> Any:
    if "oneOf" in value_schema:
        return value_schema["oneOf"][0]["const"]
    return [_first_option(value_schema["items"])]


def valid_instance(schema: dict[str, Any], sku_code: str = "SH-1") -> dict[str, Any]:
    """A product instance satisfying the category schema: the first option of every required attribute."""
    attributes = schema["properties"]["category_attributes"]
    return {
        "category_id": SHIRTS,
        "locale": "en_US",
        "title_multi_language_list": [{"locale": "en_US", "title": "Oxford shirt"}],
        "description_multi_language_list": [
            {"locale": "en_US", "module_list": [{"type": "html", "html": {"content": "<p>Cotton</p>"}}]}
        ],
        "product_units_type": "100000015",
        "image_url_list": ["https://example.com/shirt.jpg"],
        "category_attributes": {
            name: {"value": _first_option(attributes["properties"][name]["properties"]["value"])}
            for name in attributes["required"]
        },
        "sku_info_list": [{"sku_code": sku_code, "inventory": 5, "price": 12.5}],
        "inventory_deduction_strategy": "payment_success_deduct",
        "package_weight": 0.5,
        "package_length": 10,
        "package_height": 5,
        "package_width": 20,
        "shipping_preparation_time": 3,
        "shipping_template_id": "1000",
        "service_template_id": "0",
    }


def test_the_category_tree_reaches_the_shirts_leaf_and_its_schema(client: AliExpressClient) -> None:
    roots = client.categories.tree_query(0)
    assert all(category.level == 1 for category in roots)
    mens = next(c for c in roots if c.name == "Men's Clothing")
    leaf = next(c for c in client.categories.tree_query(mens.category_id) if c.category_id == SHIRTS)
    assert (leaf.is_leaf, leaf.level, leaf.name) == (True, 2, "Shirts")
    schema = client.categories.schema_get(SHIRTS)
    assert "Brand Name" in schema["properties"]["category_attributes"]["required"]
    attributes = client.categories.sku_attribute_query(SHIRTS)
    assert {a.name for a in attributes.sku_attributes} == {"Color", "Size"}


def test_a_feed_item_missing_a_required_attribute_fails_with_the_real_code(client: AliExpressClient) -> None:
    schema = dict(client.categories.schema_get(SHIRTS))
    good = valid_instance(schema, "SH-GOOD")
    bad = valid_instance(schema, "SH-BAD")
    del bad["category_attributes"]["Brand Name"]
    job_id = client.feeds.submit("PRODUCT_CREATE", [FeedItem("good", good), FeedItem("bad", bad)])
    job = client.feeds.query(job_id)
    assert (job.job_id, job.total_item_count, job.success_item_count, job.finished) == (job_id, 2, 1, True)
    results = {result.item_content_id: result for result in job.results}
    assert results["good"].success is True and results["good"].product_id is not None
    assert str(results["good"].product_id).startswith("1005")
    failure = results["bad"].error
    assert isinstance(failure, TerminalError)
    assert failure.code == "F00-00-10020-002"
    assert "Brand Name" in failure.message
    listed = client.feeds.list_get(feed_type="PRODUCT_CREATE")
    assert [(j.job_id, j.status) for j in listed.jobs] == [(job_id, "FINISH")]


def _create_product(client: AliExpressClient) -> int:
    instance = valid_instance(dict(client.categories.schema_get(SHIRTS)))
    job = client.feeds.query(client.feeds.submit("PRODUCT_CREATE", [FeedItem("one", instance)]))
    product_id = job.results[0].product_id
    assert product_id is not None
    return product_id


def test_product_state_follows_price_inventory_and_status_changes(client: AliExpressClient) -> None:
    product_id = _create_product(client)
    prices = client.products.price_update(
        [ProductPriceUpdate(product_id, [SkuPrice("SH-1", Decimal("14.90"))])]
    )
    stock = client.products.inventory_update([ProductInventoryUpdate(product_id, [SkuInventory("SH-1", 0)])])
    assert (prices.update_success, prices.succeeded, stock.succeeded) == (True, (product_id,), (product_id,))
    info = client.products.info_get(product_id)
    assert (info.product_id, info.category_id, info.subject) == (product_id, SHIRTS, "Oxford shirt")
    (sku,) = info.skus
    assert (sku.sku_code, sku.price, sku.stock) == ("SH-1", Decimal("14.90"), 0)
    assert client.products.offline([product_id]).success is True
    offline = client.products.list_get(ListQuery(product_status_type="offline"))
    assert product_id in [p.product_id for p in offline.products]
    assert client.products.online([product_id]).success is True
    assert client.products.info_get(product_id).product_status_type == "onSelling"


def test_a_batch_update_of_an_unknown_sku_is_a_per_product_failure(client: AliExpressClient) -> None:
    product_id = _create_product(client)
    result = client.products.inventory_update([ProductInventoryUpdate(product_id, [SkuInventory("NOPE", 1)])])
    (failure,) = result.failed
    assert (result.update_success, failure.product_id) == (False, product_id)
    assert isinstance(failure.error, TerminalError) and failure.error.code.startswith("F00-")


def test_deleted_products_are_gone(client: AliExpressClient) -> None:
    product_id = _create_product(client)
    client.products.delete([product_id])
    with pytest.raises(TerminalError):
        client.products.info_get(product_id)


def test_photobank_upload_returns_a_url(client: AliExpressClient) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 800), "navy").save(buffer, format="JPEG")
    image = client.photobank.upload("navy.jpg", buffer.getvalue())
    assert image.photobank_url.startswith("http")
    assert (image.width, image.height) == (800, 800)


# --- orders, logistics, templates, profile --------------------------------------------------------


def test_orders_are_listed_read_and_fulfilled(
    sandbox: AliExpressSandbox, client: AliExpressClient, clock: FakeClock
) -> None:
    (order_id,) = sandbox.place_orders(1, status="WAIT_SELLER_SEND_GOODS")
    since = datetime.fromtimestamp(clock.now - 3600, UTC)
    page = client.orders.get(
        OrderQuery(create_date_start=since, order_status_list=("WAIT_SELLER_SEND_GOODS",))
    )
    assert [o.order_id for o in page.orders] == [order_id]
    assert page.orders[0].lines and page.orders[0].gmt_create is not None
    detail = client.orders.info_get(order_id)
    assert (detail.id, detail.order_status) == (order_id, "WAIT_SELLER_SEND_GOODS")
    assert client.orders.receiptinfo_get(order_id).country == detail.receipt_address.country
    service = client.logistics.list_services()[0]
    tracking = "RB123456789CN"
    assert service.accepts(tracking)
    assert client.orders.fulfill(Fulfilment(order_id, service.service_name, tracking)) is True
    assert client.orders.info_get(order_id).order_status == "WAIT_BUYER_ACCEPT_GOODS"


def test_a_fulfil_with_a_malformed_tracking_number_fails(
    sandbox: AliExpressSandbox, client: AliExpressClient
) -> None:
    (order_id,) = sandbox.place_orders(1, status="WAIT_SELLER_SEND_GOODS")
    service = client.logistics.list_services()[0]
    assert not service.accepts("not a tracking number")
    with pytest.raises(TerminalError) as caught:
        client.orders.fulfill(Fulfilment(order_id, service.service_name, "not a tracking number"))
    # The error sample of the order.fulfill doc page (fact sheet §7.2): 50 / isv.invalid-parameter.
    assert (caught.value.code, caught.value.sub_code) == ("50", "isv.invalid-parameter")
    assert "not a tracking number" in caught.value.sub_message
    assert caught.value.request_id != ""
    assert client.orders.info_get(order_id).order_status == "WAIT_SELLER_SEND_GOODS"


def test_templates_and_profile(client: AliExpressClient) -> None:
    assert any(t.is_default for t in client.templates.list_freight())
    assert client.templates.query_promise() != ()
    assert client.merchant.profile_get().product_posting_forbidden is False


def refreshing(
    sandbox: AliExpressSandbox, clock: FakeClock, token: Token, on_refreshed: Callable[[Token], None]
) -> AliExpressClient:
    """A client that holds the refresh token, as an account's client does."""
    return AliExpressClient(
        APP_KEY,
        APP_SECRET,
        base_url="http://sandbox.local",
        transport=httpx.WSGITransport(app=sandbox.wsgi),
        access_token=token.access_token,
        refresh_token=token.refresh_token,
        on_token_refreshed=on_refreshed,
        clock=clock,
    )


def test_with_a_refresh_token_an_expired_access_token_is_refreshed_once_and_the_call_succeeds(
    sandbox: AliExpressSandbox, anonymous: AliExpressClient, clock: FakeClock
) -> None:
    first = anonymous.oauth.create_token(sandbox.grant_code(CALLBACK, "st"))
    saved: list[Token] = []
    with refreshing(sandbox, clock, first, saved.append) as client:
        clock.now += sandbox.knobs.access_token_ttl_seconds + 1

        assert client.merchant.profile_get().shop_name != ""

        assert len(saved) == 1
        assert client.access_token == saved[0].access_token != first.access_token
        assert saved[0].refresh_token != first.refresh_token  # the rotated one is what must be stored
        assert client.merchant.profile_get().shop_name != ""  # no second refresh needed
        assert len(saved) == 1


def test_when_the_refresh_token_is_expired_too_the_auth_error_surfaces(
    sandbox: AliExpressSandbox, anonymous: AliExpressClient, clock: FakeClock
) -> None:
    first = anonymous.oauth.create_token(sandbox.grant_code(CALLBACK, "st"))
    saved: list[Token] = []
    with refreshing(sandbox, clock, first, saved.append) as client:
        clock.now += sandbox.knobs.refresh_token_ttl_seconds + 1
        with pytest.raises(AuthError):
            client.merchant.profile_get()
    assert saved == []
