"""What goes on the wire: URLs, escaping, headers and bodies (MockTransport, exact values)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from aliexpress_magento.clients.magento2 import (
    AdminTokenAuth,
    BearerAuth,
    Magento2Client,
    OAuth1Auth,
    OAuth1Credentials,
    SearchCriteria,
    segment,
)
from aliexpress_magento.clients.magento2.auth import magento_base_string
from aliexpress_magento.clients.magento2.orders import ItemQty, NewTrack

BASE = "https://shop.test"


class Recorder:
    def __init__(self, *bodies: Any) -> None:
        self.bodies = list(bodies)
        self.sent: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        return httpx.Response(200, content=json.dumps(self.bodies.pop(0)).encode())


def make(recorder: Recorder, **kwargs: Any) -> Magento2Client:
    kwargs.setdefault("auth", BearerAuth("integration-token"))
    return Magento2Client(BASE, transport=httpx.MockTransport(recorder), **kwargs)


def test_a_sku_with_a_slash_is_escaped_as_one_path_segment() -> None:
    recorder = Recorder({"id": 9, "sku": "LAB/SLASH-1"})
    assert make(recorder).products.get("LAB/SLASH-1").sku == "LAB/SLASH-1"
    assert recorder.sent[0].url.raw_path == b"/rest/all/V1/products/LAB%2FSLASH-1"
    assert segment("a b/c?d") == "a%20b%2Fc%3Fd"


def test_the_store_code_scopes_every_url_and_bearer_is_sent() -> None:
    recorder = Recorder([])
    make(recorder, store_code="default").stores.websites()
    request = recorder.sent[0]
    assert str(request.url) == "https://shop.test/rest/default/V1/store/websites"
    assert request.headers["Authorization"] == "Bearer integration-token"


def test_posts_carry_json_and_their_content_type_even_without_a_body() -> None:
    recorder = Recorder("4", True)
    client = make(recorder)
    assert client.carts.create_guest() == 4
    assert client.orders.cancel(22) is True
    for request in recorder.sent:
        assert (request.method, request.headers["Content-Type"], request.content) == (
            "POST",
            "application/json",
            b"{}",
        )


def test_a_configurable_cart_item_names_its_axes() -> None:
    recorder = Recorder(
        {
            "item_id": 30,
            "sku": "LAB-HOODIE-RED-M",
            "qty": 2,
            "name": "Lab Hoodie",
            "price": 29.99,
            "product_type": "configurable",
            "quote_id": "16",
        }
    )
    item = make(recorder).carts.add_item(16, "LAB-HOODIE", 2, options=[(93, 4), (137, 7)])
    assert json.loads(recorder.sent[0].content) == {
        "cartItem": {
            "sku": "LAB-HOODIE",
            "qty": 2,
            "quote_id": "16",
            "product_option": {
                "extension_attributes": {
                    "configurable_item_options": [
                        {"option_id": "93", "option_value": 4},
                        {"option_id": "137", "option_value": 7},
                    ]
                }
            },
        }
    }
    assert (item.item_id, item.sku, item.product_type) == (30, "LAB-HOODIE-RED-M", "configurable")


def test_ship_sends_parent_lines_and_tracks_and_coerces_the_string_id() -> None:
    recorder = Recorder("19")
    shipment_id = make(recorder).orders.ship(22, [ItemQty(36, 1)], [NewTrack("1ZLAB0001", "UPS", "ups")])
    assert shipment_id == 19
    assert json.loads(recorder.sent[0].content) == {
        "items": [{"order_item_id": 36, "qty": 1}],
        "notify": False,
        "tracks": [{"track_number": "1ZLAB0001", "title": "UPS", "carrier_code": "ups"}],
    }


def test_a_partial_order_update_resends_the_increment_id() -> None:
    recorder = Recorder({"entity_id": 22})
    make(recorder).orders.update(22, "000000019", ext_order_id="AE-81")
    assert json.loads(recorder.sent[0].content) == {
        "entity": {"entity_id": 22, "increment_id": "000000019", "ext_order_id": "AE-81"}
    }


def test_the_admin_token_is_fetched_once_then_reused_and_renewed_after_a_401() -> None:
    sent: list[tuple[str, str | None]] = []
    bodies: list[bytes] = []
    tokens = iter(["tok-1", "tok-2"])

    def handler(request: httpx.Request) -> httpx.Response:
        # Copied at send time: the auth flow re-sends the same request object with a new header.
        sent.append((request.url.path.rsplit("/", 1)[-1], request.headers.get("Authorization")))
        bodies.append(request.content)
        if request.url.path == "/rest/all/V1/integration/admin/token":
            return httpx.Response(200, json=next(tokens))
        expired = request.headers["Authorization"] == "Bearer tok-1" and len(sent) > 3
        return httpx.Response(401 if expired else 200, json={"message": "expired"} if expired else [])

    client = Magento2Client(BASE, auth=AdminTokenAuth("admin", "pw"), transport=httpx.MockTransport(handler))
    client.stores.websites()
    client.stores.websites()
    client.stores.websites()
    assert sent == [
        ("token", None),
        ("websites", "Bearer tok-1"),
        ("websites", "Bearer tok-1"),
        ("websites", "Bearer tok-1"),
        ("token", None),
        ("websites", "Bearer tok-2"),
    ]
    assert json.loads(bodies[0]) == {"username": "admin", "password": "pw"}


def test_oauth1_signs_with_hmac_sha256_in_the_header() -> None:
    recorder = Recorder([])
    credentials = OAuth1Credentials("ck", "cs", "at", "ats")
    make(recorder, auth=OAuth1Auth(credentials)).stores.websites()
    header = recorder.sent[0].headers["Authorization"]
    assert header.startswith("OAuth ")
    fields = dict(part.strip().split("=", 1) for part in header[len("OAuth ") :].split(","))
    assert {
        k: v.strip('"')
        for k, v in fields.items()
        if k not in ("oauth_nonce", "oauth_timestamp", "oauth_signature")
    } == {
        "oauth_version": "1.0",
        "oauth_signature_method": "HMAC-SHA256",
        "oauth_consumer_key": "ck",
        "oauth_token": "at",
    }


@pytest.mark.parametrize("scheme_host", ["http://shop.test"])
def test_oauth1_refuses_plain_http_to_a_remote_host(scheme_host: str) -> None:
    client = Magento2Client(
        scheme_host,
        auth=OAuth1Auth(OAuth1Credentials("ck", "cs", "at", "ats")),
        transport=httpx.MockTransport(Recorder([])),
    )
    with pytest.raises(Exception, match="insecure_transport"):
        client.stores.websites()


def test_oauth1_base_string_is_the_one_magento_2_4_7_computes() -> None:
    """Not RFC 5849's: the query is rawurldecode'd ("+" stays "+"), pairs without exactly one "=" and
    oauth_* names are left out, names sorted naturally ("[9]" before "[10]")."""
    url = "https://Shop.test:443/rest/V1/products?a%5B10%5D=x&a%5B9%5D=y+z&flag&b=1=2&oauth_x=1&c=d%20e"
    normalised = "a%5B9%5D=y%2Bz&a%5B10%5D=x&c=d%20e&oauth_nonce=n"
    assert magento_base_string("GET", url, [("oauth_nonce", "n"), ("oauth_signature", "s")]) == (
        "GET&https%3A%2F%2Fshop.test%2Frest%2FV1%2Fproducts&" + quote(normalised, safe="")
    )


def test_the_query_string_sends_a_space_as_pct20() -> None:
    recorder = Recorder({"items": [], "total_count": 0})
    criteria = SearchCriteria().where("updated_at", "2026-01-05 09:00:00", "gteq")
    next(make(recorder).products.search(criteria).pages())
    query = recorder.sent[0].url.query.decode()
    assert "%5Bvalue%5D=2026-01-05%2009%3A00%3A00&" in query and "+" not in query


def test_changed_products_are_paged_by_key_not_offset() -> None:
    stamp = "2026-01-05 09:00:00"
    first = {"items": [{"id": 1, "updated_at": stamp}, {"id": 2, "updated_at": stamp}], "total_count": 3}
    recorder = Recorder(first, {"items": [{"id": 7, "updated_at": "2026-01-05 09:00:01"}], "total_count": 1})
    read = [p["id"] for p in make(recorder).products.changed_since("2026-01-01 00:00:00", 2).items()]
    assert read == [1, 2, 7]
    group = "searchCriteria[filterGroups]"
    assert dict(recorder.sent[1].url.params) == {
        f"{group}[0][filters][0][field]": "updated_at",
        f"{group}[0][filters][0][value]": stamp,
        f"{group}[0][filters][0][conditionType]": "gteq",
        f"{group}[1][filters][0][field]": "updated_at",
        f"{group}[1][filters][0][value]": stamp,
        f"{group}[1][filters][0][conditionType]": "gt",
        f"{group}[1][filters][1][field]": "entity_id",
        f"{group}[1][filters][1][value]": "2",
        f"{group}[1][filters][1][conditionType]": "gt",
        "searchCriteria[sortOrders][0][field]": "updated_at",
        "searchCriteria[sortOrders][0][direction]": "ASC",
        "searchCriteria[sortOrders][1][field]": "entity_id",
        "searchCriteria[sortOrders][1][direction]": "ASC",
        "searchCriteria[pageSize]": "2",
    }
