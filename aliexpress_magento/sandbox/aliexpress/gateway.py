"""``/sync``: system-parameter checks, signature, token, rate limit, dispatch and the response envelope.

Checks run in this order: app key, rate limit and daily quota, timestamp, signature, method, session.
A method name holding ``/`` may be signed with or without the path prefix (the Java and Python SDKs
differ, fact sheet §10 q3). ``access_token`` is accepted as a synonym of ``session``.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from aliexpress_magento.sandbox.aliexpress import (
    categories,
    feed_invalidation,
    feeds,
    photobank,
    shop,
    signing,
    timefmt,
)
from aliexpress_magento.sandbox.aliexpress.call import Call, Handler, JsonDict
from aliexpress_magento.sandbox.aliexpress.errors import (
    ApiError,
    api_call_limit,
    daily_quota_exceeded,
    illegal_access_token,
    incomplete_signature,
    invalid_api_path,
    invalid_parameter,
    missing_parameter,
)
from aliexpress_magento.sandbox.aliexpress.orders import handlers as orders
from aliexpress_magento.sandbox.aliexpress.products import batch, post
from aliexpress_magento.sandbox.aliexpress.products import handlers as products
from aliexpress_magento.sandbox.core.http import RequestParams

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.sandbox import AliExpressSandbox

METHODS: dict[str, Handler] = {
    **categories.METHODS,
    **feeds.METHODS,
    **feed_invalidation.METHODS,
    **products.METHODS,
    **batch.METHODS,
    **photobank.METHODS,
    **shop.METHODS,
    **orders.METHODS,
    **post.METHODS,
}


def request_id() -> str:
    return secrets.token_hex(13)[:25]


def check_app(sandbox: AliExpressSandbox, values: dict[str, str], api_path: str = "") -> None:
    """The checks ``/sync`` and ``/rest`` share: app key, rate, timestamp, signature."""
    app_key = values.get("app_key", "")
    if not app_key:
        raise missing_parameter("app_key")
    if app_key != sandbox.app_key:
        raise ApiError("InvalidAppKey", "The specified app key is invalid")
    _check_rate(sandbox, app_key)
    _check_timestamp(sandbox, values)
    if not values.get("sign"):
        raise missing_parameter("sign")
    prefixes = (
        [api_path] if api_path else ["", *([values["method"]] if "/" in values.get("method", "") else [])]
    )
    if not any(signing.verify(values, sandbox.app_secret, prefix) for prefix in prefixes):
        raise incomplete_signature()


def _check_rate(sandbox: AliExpressSandbox, app_key: str) -> None:
    knobs = sandbox.knobs
    verdict = sandbox.limiter.check(app_key, sandbox.clock(), knobs.calls_per_second, knobs.daily_quota)
    if verdict.allowed:
        return
    raise daily_quota_exceeded(verdict.ban_seconds) if verdict.daily else api_call_limit(verdict.ban_seconds)


def _check_timestamp(sandbox: AliExpressSandbox, values: dict[str, str]) -> None:
    raw = values.get("timestamp", "")
    if not raw:
        raise missing_parameter("timestamp")
    sent = timefmt.parse_request_timestamp(raw)
    if sent is None:
        raise ApiError("InvalidTimestamp", "The timestamp format is invalid")
    if abs(sandbox.clock() - sent) > sandbox.knobs.timestamp_skew_seconds:
        raise ApiError("InvalidTimestamp", "The request timestamp is out of the allowed time window")


def _session(sandbox: AliExpressSandbox, values: dict[str, str]) -> str:
    token = values.get("session") or values.get("access_token") or ""
    if not token:
        raise missing_parameter("session")
    found = sandbox.world.tokens.valid(token, sandbox.clock())
    if found is None:
        raise illegal_access_token()
    return found.seller_id


def business_call(sandbox: AliExpressSandbox, params: RequestParams, host_url: str) -> JsonDict:
    values = params.values
    check_app(sandbox, values)
    method = values.get("method", "")
    if not method:
        raise missing_parameter("method")
    handler = METHODS.get(method)
    if handler is None:
        raise invalid_api_path()
    seller_id = _session(sandbox, values)
    call = Call(method, values, seller_id, sandbox.clock(), host_url, params.files)
    try:
        return handler(sandbox.world, call)
    except (ValueError, KeyError, TypeError) as error:  # malformed business input, not a sandbox fault
        raise invalid_parameter(f"{type(error).__name__}: {error}") from error


def envelope(method: str, payload: JsonDict, rid: str, simplify: bool) -> JsonDict:
    """``<method with dots as underscores>_response`` holding the result and ``request_id``.

    ``simplify=true`` drops the root key and the list item wrappers (inferred from the Java SDK parser,
    fact sheet §1.5; no raw sample exists).
    """
    body = {**payload, "request_id": rid}
    if simplify:
        simplified: JsonDict = _unwrap(body)
        return simplified
    return {method.replace(".", "_") + "_response": body}


def _unwrap(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            (only,) = value.values()
            if isinstance(only, list):
                return [_unwrap(v) for v in only]
        return {k: _unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unwrap(v) for v in value]
    return value


def sync(sandbox: AliExpressSandbox, params: RequestParams, host_url: str) -> JsonDict:
    rid = request_id()
    try:
        payload = business_call(sandbox, params, host_url)
    except ApiError as error:
        return error.sync_body(rid)
    simplify = params.values.get("simplify", "").lower() == "true"
    return envelope(params.values["method"], payload, rid, simplify)
