"""The AliExpress client: one object per seller account, its API areas as attributes."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType

import httpx

from ..common import CallBudget, RetryPolicy
from .categories import Categories
from .feeds import Feeds
from .gateway import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, Credentials, Gateway
from .logistics import Logistics
from .merchant import Merchant
from .oauth import OAuth, Token
from .orders import Orders, QueryStyle
from .photobank import Photobank
from .products import Products
from .templates import Templates


class AliExpressClient:
    """``client.orders.get(...)``, ``client.feeds.submit(...)``, ``client.oauth.create_token(...)`` …

    ``base_url`` is the gateway root (``https://api-sg.aliexpress.com`` or a sandbox URL). ``transport``
    lets tests mount the sandbox in-process (``httpx.WSGITransport``). ``budget`` caps this account's
    calls per second; ``retry`` is the retry policy; ``max_response_bytes`` caps an answer
    (decompressed; default 32 MiB): a larger one is refused unread, as not retryable; ``clock``
    (epoch seconds) stamps the requests.
    With ``refresh_token``, a business call whose session is refused as expired refreshes the token once
    and is sent again; ``on_token_refreshed`` receives the new token so its owner can store it (both
    tokens rotate).
    """

    def __init__(
        self,
        app_key: str,
        app_secret: str,
        *,
        base_url: str,
        access_token: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        budget: CallBudget | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        order_query_style: QueryStyle = "flat",
        refresh_token: str | None = None,
        on_token_refreshed: Callable[[Token], None] | None = None,
    ) -> None:
        self.gateway = Gateway(
            Credentials(app_key, app_secret, access_token),
            base_url=base_url,
            transport=transport,
            timeout=timeout,
            budget=budget,
            retry=retry,
            max_response_bytes=max_response_bytes,
            clock=clock,
        )
        self.oauth = OAuth(self.gateway)
        self.categories = Categories(self.gateway)
        self.feeds = Feeds(self.gateway)
        self.products = Products(self.gateway)
        self.photobank = Photobank(self.gateway)
        self.templates = Templates(self.gateway)
        self.orders = Orders(self.gateway, query_style=order_query_style)
        self.logistics = Logistics(self.gateway)
        self.merchant = Merchant(self.gateway)
        self._refresh_token = refresh_token
        self._on_token_refreshed = on_token_refreshed
        if refresh_token:
            self.gateway.refresher = self._refresh

    def _refresh(self) -> str:
        """Refresh the session once it is refused; the owner must store both rotated tokens."""
        assert self._refresh_token is not None  # the refresher is only set with a refresh token
        token = self.oauth.refresh_token(self._refresh_token)
        self._refresh_token = token.refresh_token
        if self._on_token_refreshed is not None:
            self._on_token_refreshed(token)
        return token.access_token

    @property
    def access_token(self) -> str | None:
        return self.gateway.credentials.access_token

    def use_token(self, token: Token | str | None) -> None:
        """Switch the session token, e.g. after ``oauth.refresh_token``."""
        self.gateway.set_access_token(token.access_token if isinstance(token, Token) else token)

    def close(self) -> None:
        self.gateway.close()

    def __enter__(self) -> AliExpressClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
