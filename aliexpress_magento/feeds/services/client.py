"""The account's AliExpress client for the feed calls, closed after use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services import tokens
from aliexpress_magento.clients.aliexpress import AliExpressClient


@contextmanager
def aliexpress(account: Account) -> Iterator[AliExpressClient]:
    # The client's own retry policy: feeds run in jobs, nobody waits on a page. A submit is never
    # re-sent after a possible delivery (Feeds.submit is not idempotent), so retries cannot double a feed.
    client = api_clients.aliexpress(account, on_token_refreshed=tokens.persist_refreshed(account))
    try:
        yield client
    finally:
        client.close()
