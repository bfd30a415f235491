"""Token calls as the official IOP Python SDK (``iop/base.py``, ``iop-sdk-python-20220609``) sends them.

AliExpress documents that SDK with the client URL ``https://api-sg.aliexpress.com/rest``. Its
``IopClient.execute`` posts every parameter as a form to that URL — the API path travels in ``method`` —
and, because the API name holds a ``/``, signs ``api_name + key1value1key2value2…`` (keys sorted, no
parameter dropped) with HMAC-SHA256, upper-case hex. The request is rebuilt here from the SDK's code, not
from our client or the sandbox's signer.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.sandbox.conftest import APP_KEY, APP_SECRET, REDIRECT, Api, FakeClock

SIGNATURE_REFUSED = {
    "type": "ISV",
    "code": "IncompleteSignature",
    "message": "The request signature does not conform to platform standards",
}


def sdk_sign(secret: str, api: str, parameters: dict[str, str]) -> str:
    """The SDK's ``sign``: the API name first when it holds a ``/``, then sorted ``key+value``."""
    text = (api if "/" in api else "") + "".join(f"{key}{parameters[key]}" for key in sorted(parameters))
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest().upper()


def sdk_form(api: str, clock: FakeClock, **api_params: str) -> dict[str, str]:
    """``IopClient.execute``: the system parameters, the API parameters, then ``sign`` over them all."""
    form = {
        "app_key": APP_KEY,
        "sign_method": "sha256",
        "timestamp": str(round(clock())) + "000",
        "partner_id": "iop-sdk-python-20220609",
        "method": api,
        "simplify": "false",
        "format": "json",
        **api_params,
    }
    return {**form, "sign": sdk_sign(APP_SECRET, api, form)}


def without_request_id(body: dict[str, Any]) -> dict[str, Any]:
    inner = dict(body)
    assert len(inner.pop("request_id")) == 25
    return inner


def test_the_python_sdk_creates_a_token_through_rest(
    sandbox: AliExpressSandbox, anon: Api, clock: FakeClock
) -> None:
    form = sdk_form("/auth/token/create", clock, code=sandbox.grant_code(REDIRECT, "s"))
    body = anon.http.post("/rest", data=form).json()
    assert (body["code"], body["seller_id"], body["user_nick"]) == ("0", "2000000001", "es1329072766xyzq")
    assert sandbox.world.tokens.valid(body["access_token"], clock()) is not None


def test_the_python_sdk_refreshes_a_token_through_rest(anon: Api, clock: FakeClock) -> None:
    first = anon.authorize()
    form = sdk_form("/auth/token/refresh", clock, refresh_token=first["refresh_token"])
    body = anon.http.post("/rest", data=form).json()
    assert body["code"] == "0"
    assert body["access_token"] != first["access_token"]


def test_the_python_sdk_may_send_its_token_call_as_a_get(
    sandbox: AliExpressSandbox, anon: Api, clock: FakeClock
) -> None:
    """``IopRequest('/auth/token/create', 'GET')``: the same parameters in the query string."""
    form = sdk_form("/auth/token/create", clock, code=sandbox.grant_code(REDIRECT, "s"))
    assert anon.http.get("/rest", params=form).json()["code"] == "0"


def test_a_wrong_signature_on_rest_is_still_refused(
    sandbox: AliExpressSandbox, anon: Api, clock: FakeClock
) -> None:
    code = sandbox.grant_code(REDIRECT, "s")
    form = sdk_form("/auth/token/create", clock, code=code)
    tampered = {**form, "sign": sdk_sign("not-the-secret", "/auth/token/create", form)}
    assert without_request_id(anon.http.post("/rest", data=tampered).json()) == SIGNATURE_REFUSED
    unprefixed = {**form, "sign": sdk_sign(APP_SECRET, "", {k: v for k, v in form.items() if k != "sign"})}
    assert without_request_id(anon.http.post("/rest", data=unprefixed).json()) == SIGNATURE_REFUSED
    assert (
        anon.http.post("/rest", data=sdk_form("/auth/token/create", clock, code=code)).json()["code"] == "0"
    )


def test_rest_without_a_method_or_with_an_unknown_path_is_refused(anon: Api, clock: FakeClock) -> None:
    no_method = {k: v for k, v in sdk_form("/auth/token/create", clock).items() if k != "method"}
    no_method["sign"] = sdk_sign(
        APP_SECRET, "/auth/token/create", {k: v for k, v in no_method.items() if k != "sign"}
    )
    assert without_request_id(anon.http.post("/rest", data=no_method).json()) == {
        "type": "ISV",
        "code": "MissingParameter",
        "message": 'The input parameter "method" that is mandatory for processing this request is not '
        "supplied.",
    }
    unknown = anon.http.post("/rest", data=sdk_form("/auth/token/revoke", clock, code="x")).json()
    assert without_request_id(unknown) == {
        "type": "ISV",
        "code": "InvalidApiPath",
        "message": "The specified API path is invalid",
    }
