"""Who may call: admin tokens, the integration token as Bearer, and OAuth 1.0a signed requests.

A failure is Magento's 401 ``The consumer isn't authorized to access %resources.`` naming the route's
ACL resource (``RequestValidator::checkPermissions``): a missing, expired or unknown token, a replayed
nonce and an OAuth timestamp outside ±``oauth_timestamp_window_seconds`` alike (unsure: Magento names
the nonce and timestamp faults). A bad OAuth signature is the recorded 401 ``The signature is invalid.
Verify and try again.`` (``Oauth::_validateSignature``).
Bearer use of the integration token follows the ``integration_bearer`` knob (Magento's
``oauth/consumer/enable_integration_as_bearer``). Every token has every ACL resource.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from aliexpress_magento.sandbox.magento2 import errors, oauth1
from aliexpress_magento.sandbox.magento2.call import Call
from aliexpress_magento.sandbox.magento2.routing import Route
from aliexpress_magento.sandbox.magento2.world import World

DEMO_INTEGRATION_TOKEN = "demo-integration-token-0123456789"  # noqa: S105 - a documented demo value


@dataclass(frozen=True)
class OAuthConsumer:
    """One activated integration: consumer key/secret and its access token/secret."""

    consumer_key: str
    consumer_secret: str
    access_token: str
    access_token_secret: str


DEMO_CONSUMER = OAuthConsumer(
    "demo-consumer-key", "demo-consumer-secret", DEMO_INTEGRATION_TOKEN, "demo-access-token-secret"
)


@dataclass(frozen=True)
class Credentials:
    admin_user: str
    admin_password: str
    integration_token: str
    consumers: tuple[OAuthConsumer, ...]


def issue_admin_token(call: Call, credentials: Credentials) -> object:
    body = call.body()
    for name in ("username", "password"):
        if body.get(name) is None:
            raise errors.required(name)
    if (body["username"], body["password"]) != (credentials.admin_user, credentials.admin_password):
        raise errors.MagentoError(401, errors.BAD_LOGIN)
    token = secrets.token_hex(16)
    call.world.admin_tokens[token] = call.now + call.world.knobs.admin_token_ttl_seconds
    return token


def token_route(credentials: Credentials) -> Route:
    return Route(
        "POST", "/V1/integration/admin/token", lambda call: issue_admin_token(call, credentials), None
    )


def allowed(world: World, credentials: Credentials, request: oauth1.SignedRequest, now: float) -> bool:
    header = request.header.strip()
    if header[:7].lower() == "bearer ":
        return _bearer(world, credentials, header[7:].strip(), now)
    if header[:6].lower() == "oauth ":
        return _oauth(world, credentials, request, now)
    return False


def _bearer(world: World, credentials: Credentials, token: str, now: float) -> bool:
    expires = world.admin_tokens.get(token)
    if expires is not None:
        return now < expires
    integration = {credentials.integration_token, *(c.access_token for c in credentials.consumers)}
    return world.knobs.integration_bearer and token in integration


def _oauth(world: World, credentials: Credentials, request: oauth1.SignedRequest, now: float) -> bool:
    params = oauth1.header_params(request.header)
    consumer = next(
        (c for c in credentials.consumers if c.consumer_key == params.get("oauth_consumer_key")), None
    )
    if consumer is None or params.get("oauth_token") != consumer.access_token:
        return False
    stamp = params.get("oauth_timestamp", "")
    if not stamp.isdigit() or abs(int(stamp) - now) > world.knobs.oauth_timestamp_window_seconds:
        return False
    nonce = f"{consumer.consumer_key}:{params.get('oauth_nonce', '')}:{stamp}"
    if not params.get("oauth_nonce") or nonce in world.nonces:
        return False
    world.nonces.add(nonce)  # Nonce\Generator::validateNonce saves it before the signature is checked
    if not oauth1.verify(request, params, consumer.consumer_secret, consumer.access_token_secret):
        raise errors.MagentoError(401, errors.BAD_SIGNATURE)  # Oauth::_validateSignature, recorded
    return True


def check(route: Route, ok: bool) -> None:
    if route.acl is not None and not ok:
        raise errors.not_authorized(route.acl)
