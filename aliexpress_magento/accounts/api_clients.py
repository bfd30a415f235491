"""The one place API clients are built (DESIGN.md §3): ``aliexpress(account)`` and ``store(account)``,
and ``media_fetcher(account)``, the downloader of the store's product images.

Rotated tokens are written back to the account as soon as the client receives them. With the
account's debug mode on, every request and answer is logged with secrets redacted. Every client takes
its calls from the account's call budget (:mod:`.budgets`). Tests (and the
in-process demo) route a base URL to a WSGI app through ``route_to``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import httpx

from aliexpress_magento.clients.aliexpress import AliExpressClient
from aliexpress_magento.clients.aliexpress.oauth import Token
from aliexpress_magento.clients.common import RetryPolicy
from aliexpress_magento.clients.common.debuglog import RedactingLogTransport
from aliexpress_magento.clients.common.download import Downloader
from aliexpress_magento.clients.magento1 import Magento1Client
from aliexpress_magento.clients.magento2 import Magento2Client
from aliexpress_magento.clients.magento2.auth import AdminTokenAuth, BearerAuth, OAuth1Auth, OAuth1Credentials
from aliexpress_magento.stores.base import Store
from aliexpress_magento.stores.magento1 import Magento1Store
from aliexpress_magento.stores.magento2 import Magento2Store

from . import budgets
from .choices import MagentoAuth, Platform
from .models import SECRET_FIELDS, Account

debug_logger = logging.getLogger("aliexpress_magento.api")
TokenSink = Callable[[Token], None]

# base URL prefix → transport; empty in production.
_routes: dict[str, httpx.BaseTransport] = {}


@contextmanager
def route_to(base_url: str, transport: httpx.BaseTransport) -> Iterator[None]:
    """While open, clients whose base URL starts with ``base_url`` use ``transport`` (e.g. a WSGI app)."""
    _routes[base_url] = transport
    try:
        yield
    finally:
        _routes.pop(base_url, None)


def secrets_of(account: Account) -> list[str]:
    """The values the debug log redacts wherever they appear: every secret field's."""
    return [value for value in (getattr(account, name) for name in SECRET_FIELDS) if value]


def _transport(account: Account, base_url: str) -> httpx.BaseTransport | None:
    routed = next((t for prefix, t in _routes.items() if base_url.startswith(prefix)), None)
    if not account.debug_mode:
        return routed
    return RedactingLogTransport(routed or httpx.HTTPTransport(), debug_logger, secrets=secrets_of(account))


def aliexpress(
    account: Account,
    *,
    on_token_refreshed: TokenSink | None = None,
    retry: RetryPolicy | None = None,
) -> AliExpressClient:
    """The account's AliExpress client; an expired session is refreshed once with the refresh token."""
    return AliExpressClient(
        account.app_key,
        account.app_secret,
        base_url=account.api_base_url,
        access_token=account.access_token or None,
        refresh_token=account.refresh_token or None,
        on_token_refreshed=on_token_refreshed,
        transport=_transport(account, account.api_base_url),
        budget=budgets.aliexpress_budget(account),
        retry=retry,
    )


def magento2_client(
    account: Account, *, retry: RetryPolicy | None = None, scope: str | None = None
) -> Magento2Client:
    """Scoped to the account's store view (carts belong to one), or to ``scope`` (``all`` = admin)."""
    return Magento2Client(
        account.magento_base_url,
        auth=_magento_auth(account),
        store_code=scope or account.store_view_code or "default",
        transport=_transport(account, account.magento_base_url),
        budget=budgets.magento_budget(account),
        retry=retry,
    )


def store(
    account: Account, *, retry: RetryPolicy | None = None, scope: str | None = None, view: str | None = None
) -> Store:
    """The account's Magento, behind the Store interface. ``scope="all"`` reads store-independent data
    (the store views themselves) even when the configured store view does not exist. ``view`` reads
    another store view than the account's (its names and descriptions: the further AliExpress locales)."""
    view_code = view or account.store_view_code or "default"
    if account.platform == Platform.MAGENTO1:
        # API v1 calls take the store view as an argument; listing store views needs no scope.
        return Magento1Store(magento1_client(account, retry=retry), store_view_code=view_code)
    return Magento2Store(
        magento2_client(account, retry=retry, scope=scope or view),
        website_code=account.website_code or "base",
        store_view_code=view_code,
    )


def magento1_client(account: Account, *, retry: RetryPolicy | None = None) -> Magento1Client:
    return Magento1Client(
        account.magento_base_url,
        api_user=account.magento1_api_user,
        api_key=account.magento1_api_key,
        transport=_transport(account, account.magento_base_url),
        budget=budgets.magento_budget(account),
        retry=retry,
    )


class _RoutedPerRequest(httpx.BaseTransport):
    """Picks the ``route_to`` transport by each request's URL: a downloader fetches from any host it is
    sent to (the store, a redirect), not from one base URL fixed when it was built."""

    def __init__(self) -> None:
        self._default: httpx.BaseTransport | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        routed = next((t for prefix, t in _routes.items() if url.startswith(prefix)), None)
        if routed is None:
            self._default = self._default or httpx.HTTPTransport()
            routed = self._default
        return routed.handle_request(request)

    def close(self) -> None:
        if self._default is not None:
            self._default.close()


def media_fetcher(account: Account, *, retry: RetryPolicy | None = None) -> Downloader:
    """Downloads the store's media files (product images): no credentials are sent (media URLs are
    public), redirects are followed only to the store's own host, size and time are bounded (see
    :mod:`aliexpress_magento.clients.common.download`). The store's call budget paces the downloads too:
    they hit the same web server as the API."""
    store_host = urlsplit(account.magento_base_url).hostname or ""
    # Not in the debug log: nothing secret is sent, and an image's bytes say nothing readable.
    return Downloader(
        allowed_hosts=[store_host] if store_host else [],
        transport=_RoutedPerRequest(),
        budget=budgets.magento_budget(account),
        retry=retry or RetryPolicy(max_attempts=3),
    )


def _magento_auth(account: Account) -> httpx.Auth:
    if account.magento_auth == MagentoAuth.ADMIN:
        return AdminTokenAuth(account.magento_username, account.magento_password)
    if account.magento_auth == MagentoAuth.OAUTH1:
        return OAuth1Auth(
            OAuth1Credentials(
                consumer_key=account.magento_consumer_key,
                consumer_secret=account.magento_consumer_secret,
                access_token=account.magento_access_token,
                access_token_secret=account.magento_access_token_secret,
            )
        )
    return BearerAuth(account.magento_token)
