"""The consent page, authorization codes and token create/refresh on /rest."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.sandbox.conftest import APP_KEY, APP_SECRET, REDIRECT, Api, FakeClock, sign

AUTHORIZE = f"/oauth/authorize?response_type=code&client_id={APP_KEY}&redirect_uri={REDIRECT}&state=xyz"
TREE = "aliexpress.solution.seller.category.tree.query"


def rest_error(body: dict[str, str]) -> dict[str, str]:
    inner = dict(body)
    assert len(inner.pop("request_id")) == 25
    return inner


def test_the_consent_page_names_the_app_and_posts_to_the_same_url(anon: Api) -> None:
    page = anon.http.get(AUTHORIZE)
    assert page.status_code == 200
    assert "AliExpress Magento Connector (sandbox)" in page.text
    assert "<form method='post'>" in page.text  # no action: the browser posts to the same URL and query
    assert ">Authorize</button>" in page.text


def test_approving_redirects_with_code_and_state(anon: Api) -> None:
    response = anon.http.post(AUTHORIZE)
    assert response.status_code == 302
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == ["xyz"]
    assert query["code"][0].startswith(f"3_{APP_KEY}_")
    body = anon.token("/auth/token/create", code=query["code"][0])
    assert body["code"] == "0"
    assert body["seller_id"] == "2000000001"


def test_an_unknown_client_id_gets_an_error_page(anon: Api) -> None:
    page = anon.http.get(AUTHORIZE.replace(APP_KEY, "someone-else"))
    assert page.status_code == 400
    assert "The app (client_id) does not exist" in page.text
    assert anon.http.post(AUTHORIZE.replace(APP_KEY, "someone-else")).status_code == 400


def test_a_redirect_uri_other_than_the_registered_callback_gets_an_error_page(
    sandbox: AliExpressSandbox, anon: Api
) -> None:
    sandbox.knobs.callback_url = "https://merchant.example/other"
    page = anon.http.get(AUTHORIZE)
    assert page.status_code == 400
    assert "redirect_uri does not match the callback URL registered for this app" in page.text


def test_a_code_works_once(sandbox: AliExpressSandbox, anon: Api) -> None:
    code = sandbox.grant_code(REDIRECT, "s")
    assert anon.token("/auth/token/create", code=code)["code"] == "0"
    assert rest_error(anon.token("/auth/token/create", code=code)) == {
        "type": "ISV",
        "code": "InvalidCode",
        "message": "The specified authorization code is invalid or expired",
    }


def test_a_code_expires_after_thirty_minutes(sandbox: AliExpressSandbox, anon: Api, clock: FakeClock) -> None:
    code = sandbox.grant_code(REDIRECT, "s")
    clock.advance(1801)
    assert rest_error(anon.token("/auth/token/create", code=code))["code"] == "InvalidCode"


def test_token_create_must_be_signed_with_the_path_prefix(sandbox: AliExpressSandbox, anon: Api) -> None:
    values = anon.system(code=sandbox.grant_code(REDIRECT, "s"))
    body = anon.http.post("/rest/auth/token/create", data={**values, "sign": sign(values, APP_SECRET)}).json()
    assert rest_error(body) == {
        "type": "ISV",
        "code": "IncompleteSignature",
        "message": "The request signature does not conform to platform standards",
    }


def test_token_lifetimes_follow_the_knobs(sandbox: AliExpressSandbox, anon: Api, clock: FakeClock) -> None:
    sandbox.knobs.update({"access_token_ttl_seconds": 3600, "refresh_token_ttl_seconds": 7200})
    body = anon.authorize()
    assert (body["expires_in"], body["refresh_expires_in"]) == (3600, 7200)
    assert body["expire_time"] == int((clock() + 3600) * 1000)
    assert body["refresh_token_valid_time"] == int((clock() + 7200) * 1000)


def test_refresh_rotates_both_tokens_and_revokes_the_old_pair(api: Api, clock: FakeClock) -> None:
    first = api.authorize()
    clock.advance(10)
    second = api.token("/auth/token/refresh", refresh_token=first["refresh_token"])
    assert second["code"] == "0"
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] != first["refresh_token"]
    assert rest_error(api.token("/auth/token/refresh", refresh_token=first["refresh_token"])) == {
        "type": "ISV",
        "code": "IllegalRefreshToken",
        "message": "The specified refresh token is invalid or expired",
    }
    assert api.call(TREE, category_id="0")["error_response"]["code"] == "IllegalAccessToken"
    api.session = second["access_token"]
    assert api.result(TREE, category_id="0", filter_no_permission="true")["is_success"] is True


def test_an_expired_refresh_token_is_refused(sandbox: AliExpressSandbox, api: Api, clock: FakeClock) -> None:
    first = api.authorize()
    clock.advance(sandbox.knobs.refresh_token_ttl_seconds)
    assert rest_error(api.token("/auth/token/refresh", refresh_token=first["refresh_token"]))["code"] == (
        "IllegalRefreshToken"
    )


def test_token_create_through_sync_accepts_either_signature(sandbox: AliExpressSandbox, anon: Api) -> None:
    for prefix in ("", "/auth/token/create"):
        values = anon.system(method="/auth/token/create", code=sandbox.grant_code(REDIRECT, "s"))
        body = anon.http.post("/sync", data={**values, "sign": sign(values, APP_SECRET, path=prefix)}).json()
        assert (body["code"], body["seller_id"]) == ("0", "2000000001")
