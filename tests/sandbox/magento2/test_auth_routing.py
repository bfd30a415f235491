"""Bearer tokens, OAuth 1.0a signatures, store-code prefixes and Magento's routing errors."""

from __future__ import annotations

import httpx

from aliexpress_magento.sandbox.magento2 import DEMO_CONSUMER, DEMO_INTEGRATION_TOKEN, Magento2Sandbox
from tests.sandbox.magento2.conftest import BASE, Api, FakeClock, criteria, oauth_header

DENIED = {
    "message": "The consumer isn't authorized to access %resources.",
    "parameters": {"resources": "Magento_Catalog::products"},
}
BAD_SIGNATURE = {"message": "The signature is invalid. Verify and try again."}
KEYS = {
    "consumer_key": DEMO_CONSUMER.consumer_key,
    "consumer_secret": DEMO_CONSUMER.consumer_secret,
    "token": DEMO_CONSUMER.access_token,
    "token_secret": DEMO_CONSUMER.access_token_secret,
}


def test_admin_token_is_a_bare_json_string_and_expires(anon: Api, clock: FakeClock) -> None:
    answer = anon.http.post(
        "/rest/V1/integration/admin/token", json={"username": "admin", "password": "admin-password-1"}
    )
    assert answer.status_code == 200 and isinstance(answer.json(), str)
    anon.token = answer.json()
    assert anon.get("/rest/V1/store/websites").status_code == 200
    clock.advance(4 * 3600 + 1)
    expired = anon.get("/rest/V1/products/GIFT%2FCARD-005")
    assert expired.status_code == 401 and expired.json() == DENIED


def test_token_endpoint_errors(anon: Api) -> None:
    missing = anon.http.post("/rest/V1/integration/admin/token", json={"username": "admin"})
    assert missing.status_code == 400
    assert missing.json() == {
        "message": '"%fieldName" is required. Enter and try again.',
        "parameters": {"fieldName": "password"},
    }
    garbled = anon.http.post(
        "/rest/V1/integration/admin/token",
        content=b'{"username": "adm',
        headers={"Content-Type": "application/json"},
    )
    assert (garbled.status_code, garbled.json()) == (400, {"message": "Decoding error."})


def test_integration_token_as_bearer_follows_the_flag(anon: Api, sandbox: Magento2Sandbox) -> None:
    anon.token = DEMO_INTEGRATION_TOKEN
    assert anon.get("/rest/V1/products", **criteria(pageSize=1)).status_code == 200
    sandbox.knobs.update({"integration_bearer": False})
    refused = anon.get("/rest/V1/products", **criteria(pageSize=1))
    assert (refused.status_code, refused.json()) == (401, DENIED)


def test_oauth_signature_is_checked(anon: Api, clock: FakeClock) -> None:
    url = f"{BASE}/rest/V1/products?searchCriteria%5BpageSize%5D=2"
    good = oauth_header("GET", url, KEYS, "nonce-1", int(clock()))
    assert anon.http.get(url, headers={"Authorization": good}).json()["total_count"] == 301
    replayed = anon.http.get(url, headers={"Authorization": good})
    assert (replayed.status_code, replayed.json()) == (401, DENIED)
    wrong = oauth_header("GET", url, {**KEYS, "consumer_secret": "not-it"}, "nonce-2", int(clock()))
    refused = anon.http.get(url, headers={"Authorization": wrong})
    assert (refused.status_code, refused.json()) == (401, BAD_SIGNATURE)
    stale = oauth_header("GET", url, KEYS, "nonce-3", int(clock()) - 3600)
    assert anon.http.get(url, headers={"Authorization": stale}).status_code == 401
    other_url = oauth_header(
        "GET", f"{BASE}/rest/V1/products?searchCriteria%5BpageSize%5D=3", KEYS, "n4", int(clock())
    )
    assert anon.http.get(url, headers={"Authorization": other_url}).json() == BAD_SIGNATURE


def test_oauth_signs_a_post_with_a_json_body(anon: Api, clock: FakeClock) -> None:
    url = f"{BASE}/rest/default/V1/carts/"
    header = oauth_header("POST", url, KEYS, "nonce-post", int(clock()))
    created = anon.http.post(url, headers={"Authorization": header, "Content-Type": "application/json"})
    assert created.status_code == 200 and created.json().isdigit()


def test_prefixes_and_store_codes(api: Api, anon: Api) -> None:
    for prefix in (
        "/rest/V1",
        "/rest/default/V1",
        "/rest/all/V1",
        "/index.php/rest/V1",
        "/index.php/rest/all/V1",
    ):
        assert api.get(f"{prefix}/store/storeViews").status_code == 200, prefix
    # An unknown store code leaves a path no processor takes (recorded on 2.4.7-p7, views-rates/), with or
    # without credentials, before any route is matched.
    for caller, path in (
        (api, "/rest/nowhere/V1/store/storeViews"),
        (anon, "/rest/nowhere/V1/directory/currency"),
    ):
        unknown_store = caller.get(path)
        assert (unknown_store.status_code, unknown_store.json()) == (
            400,
            {"message": "Specified request cannot be processed."},
        )
    assert anon.get("/rest/default/nothing").json() == {"message": "Specified request cannot be processed."}


def test_routing_errors(api: Api, anon: Api) -> None:
    no_route = {"message": "Request does not match any route."}
    assert (anon.get("/rest/V1/no-such-thing").status_code, anon.get("/rest/V1/no-such-thing").json()) == (
        404,
        no_route,
    )
    assert api.request("DELETE", "/rest/V1/orders/1").json() == no_route
    assert api.get("/rest/V1/order/1/ship").json() == no_route
    assert api.get("/rest/V1/shipment/track/1").json() == no_route
    patch = api.request("PATCH", "/rest/V1/products/GIFT%2FCARD-005")
    assert (patch.status_code, patch.json()) == (405, {"message": "The PATCH HTTP method is not supported."})
    assert api.get("/rest/V1/products/", **criteria(pageSize=1)).status_code == 200


def test_slashed_skus_in_process(api: Api) -> None:
    assert api.ok("GET", "/rest/V1/products/GIFT%2FCARD-005")["sku"] == "GIFT/CARD-005"
    assert api.ok("GET", "/rest/V1/products/gift%2Fcard-005")["sku"] == "GIFT/CARD-005"
    missing = api.get("/rest/V1/products/GIFT%252FCARD-005")
    assert missing.status_code == 404
    assert missing.json()["message"].startswith("The product that was requested doesn't exist.")
    assert api.get("/rest/V1/products/GIFT%2FNOPE").json() == {"message": "Request does not match any route."}


def test_unmodelled_input_answers_magentos_internal_error(api: Api) -> None:
    cart = api.ok("POST", "/rest/V1/carts/")
    odd = api.request(
        "POST", f"/rest/V1/carts/{cart}/items", json={"cartItem": {"sku": "GIFT/CARD-005", "qty": "x"}}
    )
    assert odd.status_code == 500
    assert odd.json()["message"].startswith(
        "Internal Error. Details are available in Magento log file. Report ID: webapi-"
    )


def test_over_http_the_raw_path_keeps_encoded_slashes(sandbox: Magento2Sandbox) -> None:
    """Werkzeug's server passes the undecoded path as RAW_URI; a tiny middleware plays that server here."""

    def server(environ: dict[str, object], start_response: object) -> object:
        environ["RAW_URI"] = environ.pop("HTTP_X_RAW_PATH")
        return sandbox.wsgi(environ, start_response)  # type: ignore[arg-type]

    http = httpx.Client(transport=httpx.WSGITransport(app=server), base_url=BASE)
    headers = {"Authorization": f"Bearer {DEMO_INTEGRATION_TOKEN}"}

    def get(raw: str) -> httpx.Response:
        return http.get(raw, headers={**headers, "X-Raw-Path": raw})

    assert get("/rest/V1/products/GIFT%2FCARD-005").json()["sku"] == "GIFT/CARD-005"
    assert get("/rest/V1/products/GIFT/CARD-005").json() == {"message": "Request does not match any route."}
    missing = get("/rest/V1/products/GIFT%2FNOPE")
    assert missing.status_code == 404
    assert missing.json()["message"].startswith("The product that was requested doesn't exist.")
    assert (
        get("/rest/V1/stockItems/GIFT%2FCARD-005").json()["product_id"] == sandbox.product("GIFT/CARD-005").id
    )


def test_a_body_needs_a_json_content_type(api: Api) -> None:
    token = {"Authorization": f"Bearer {api.token}"}
    bare = api.http.post("/rest/V1/carts/", content=b"{}", headers=token)
    assert (bare.status_code, bare.json()) == (400, {"message": "Content-Type header is empty."})
    latin = api.request(
        "POST", "/rest/V1/carts/", content=b"{}", headers={"Content-Type": "application/json; charset=latin1"}
    )
    assert latin.json() == {"message": "UTF-8 is the only supported charset."}
    form = api.request("POST", "/rest/V1/carts/", content=b"{}", headers={"Content-Type": "text/plain"})
    assert form.json() == {
        "message": "Server cannot understand Content-Type HTTP header media type %1",
        "parameters": ["text/plain"],
    }
    assert api.request(
        "POST", "/rest/V1/carts/", headers={"Content-Type": "application/json; charset=UTF-8"}
    ).is_success


def test_an_empty_body_needs_no_content_type(api: Api) -> None:
    """Recorded on 2.4.7-p7 (second-store/cart.create.no_content_type): Magento reads the header only to
    decode a body, so an empty POST or PUT passes whatever its Content-Type."""
    token = {"Authorization": f"Bearer {api.token}"}
    for headers in (token, {**token, "Content-Type": "text/plain"}):
        answer = api.http.post("/rest/V1/carts/", headers=headers)
        assert (answer.status_code, type(answer.json())) == (200, str)
