"""Seller authorization: ``/oauth/authorize`` (consent page) and the token calls.

Token calls arrive in three forms, as the gateway serves several SDKs: ``/rest/auth/token/create|refresh``
(the Java SDK: ``serverUrl + "/rest" + apiName``), ``/rest`` with the path in ``method`` (the official
Python SDK, whose documented client URL is ``…/rest``), and ``/sync`` with the path in ``method``.

Token bodies are flat with ``"code": "0"`` (official sample). Failed token calls answer the ``/rest``
error form; ``InvalidCode`` (seen on the sister platform Lazada) and ``IllegalRefreshToken`` (by analogy
with ``IllegalAccessToken``) are our choices: no AliExpress sample of a failed token call exists.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from werkzeug.wrappers import Request, Response

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress.errors import ApiError, invalid_api_path, missing_parameter
from aliexpress_magento.sandbox.aliexpress.gateway import check_app, request_id
from aliexpress_magento.sandbox.aliexpress.tokens import Token
from aliexpress_magento.sandbox.core.http import JsonDict, RequestParams, html_response

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.sandbox import AliExpressSandbox

CREATE_PATH = "/auth/token/create"
REFRESH_PATH = "/auth/token/refresh"


def _authorize_problem(sandbox: AliExpressSandbox, request: Request) -> str | None:
    args = request.args
    if args.get("response_type") != "code":
        return "response_type must be code"
    if args.get("client_id") != sandbox.app_key:
        return "The app (client_id) does not exist"
    redirect_uri = args.get("redirect_uri", "")
    if urlsplit(redirect_uri).scheme not in ("http", "https"):
        return "redirect_uri is missing or is not an http(s) URL"
    registered = sandbox.knobs.callback_url
    if registered and redirect_uri != registered:
        return "redirect_uri does not match the callback URL registered for this app"
    return None


def _page(title: str, body: str, status: int = 200) -> Response:
    return html_response(
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>",
        status,
    )


def authorize(sandbox: AliExpressSandbox, request: Request) -> Response:
    problem = _authorize_problem(sandbox, request)
    if problem is not None:
        return _page("Authorization error", f"<p class='error'>{html.escape(problem)}</p>", 400)
    if request.method == "POST":
        return _approve(sandbox, request)
    app_name, seller = html.escape(seed.shop()["app_name"]), seed.shop()["seller"]
    form = (
        f"<p><strong>{app_name}</strong> asks to access the AliExpress store of "
        f"<strong>{html.escape(seller['user_nick'])}</strong>.</p>"
        "<form method='post'><button type='submit' name='authorize' value='1'>Authorize</button></form>"
    )
    return _page(f"Authorize {seed.shop()['app_name']}", form)


def _approve(sandbox: AliExpressSandbox, request: Request) -> Response:
    redirect_uri, state = request.args["redirect_uri"], request.args.get("state", "")
    code = sandbox.grant_code(redirect_uri, state)
    query = urlencode({"code": code, **({"state": state} if state else {})})
    separator = "&" if urlsplit(redirect_uri).query else "?"
    return Response(status=302, headers={"Location": f"{redirect_uri}{separator}{query}"})


def token_body(sandbox: AliExpressSandbox, token: Token, rid: str) -> JsonDict:
    seller, now = seed.shop()["seller"], sandbox.clock()
    return {
        "refresh_token_valid_time": int(token.refresh_expires_at * 1000),
        "havana_id": seller["havana_id"],
        "expire_time": int(token.access_expires_at * 1000),
        "locale": seller["locale"],
        "user_nick": seller["user_nick"],
        "access_token": token.access_token,
        "refresh_token": token.refresh_token,
        "user_id": token.seller_id,
        "account_platform": "seller_center",
        "refresh_expires_in": int(token.refresh_expires_at - now),
        "expires_in": int(token.access_expires_at - now),
        "sp": "ae",
        "seller_id": token.seller_id,
        "account": seller["account"],
        "code": "0",
        "request_id": rid,
    }


def _create(sandbox: AliExpressSandbox, values: dict[str, str], prefix: str) -> Token:
    check_app(sandbox, values, prefix)
    code = values.get("code", "")
    if not code:
        raise missing_parameter("code")
    granted = sandbox.world.tokens.redeem(code, sandbox.clock())
    if granted is None:
        raise ApiError("InvalidCode", "The specified authorization code is invalid or expired")
    knobs = sandbox.knobs
    return sandbox.world.tokens.issue(
        granted.seller_id, sandbox.clock(), knobs.access_token_ttl_seconds, knobs.refresh_token_ttl_seconds
    )


def _refresh(sandbox: AliExpressSandbox, values: dict[str, str], prefix: str) -> Token:
    check_app(sandbox, values, prefix)
    refresh_token = values.get("refresh_token", "")
    if not refresh_token:
        raise missing_parameter("refresh_token")
    knobs = sandbox.knobs
    token = sandbox.world.tokens.rotate(
        refresh_token, sandbox.clock(), knobs.access_token_ttl_seconds, knobs.refresh_token_ttl_seconds
    )
    if token is None:
        raise ApiError("IllegalRefreshToken", "The specified refresh token is invalid or expired")
    return token


def token_call(
    sandbox: AliExpressSandbox, params: RequestParams, path: str, via_sync: bool = False
) -> JsonDict:
    """``via_sync``: the call came as ``/sync?method=/auth/token/…``; it may be signed with or without the
    path prefix (the Java and Python SDKs differ, fact sheet §10 q3). The answer is the same flat body."""
    rid = request_id()
    action = _create if path == CREATE_PATH else _refresh
    try:
        return token_body(sandbox, action(sandbox, params.values, "" if via_sync else path), rid)
    except ApiError as error:
        return error.rest_body(rid)


def rest_call(sandbox: AliExpressSandbox, params: RequestParams) -> JsonDict:
    """``/rest`` with the API path in ``method``, as the official Python SDK (``iop-sdk-python-20220609``)
    sends it: signed with the path prefix, like ``/rest/<path>``. ``method`` is read before the signature
    because it names the prefix. Other paths answer ``InvalidApiPath`` (unsure: no real answer recorded)."""
    path = params.values.get("method", "")
    if path in (CREATE_PATH, REFRESH_PATH):
        return token_call(sandbox, params, path)
    rid = request_id()
    try:
        if not path:
            raise missing_parameter("method")
        check_app(sandbox, params.values, path)
        raise invalid_api_path()
    except ApiError as error:
        return error.rest_body(rid)
