"""One AliExpress call for the caches: the account's client, closed after, and a failure told once
(in the activity log and as the exception's message) while the cache keeps what it had."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from aliexpress_magento.accounts import api_clients, diagnosis
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services import tokens
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.aliexpress import AliExpressClient
from aliexpress_magento.clients.common import NO_RETRY

T = TypeVar("T")


class FetchError(Exception):
    """AliExpress did not answer as needed; ``str(exc)`` is the merchant-facing message."""


def fetch(account: Account, what: str, log_type: str, call: Callable[[AliExpressClient], T]) -> T:
    # No retry: a person waits on the Profiles page; they click again rather than wait on backoff.
    client = api_clients.aliexpress(
        account, on_token_refreshed=tokens.persist_refreshed(account), retry=NO_RETRY
    )
    try:
        return call(client)
    except Exception as exc:
        message = (
            f"Could not fetch {what} from AliExpress: "
            f"{diagnosis.explain(exc, account.api_base_url).rstrip('.')}. The cached copy is kept."
        )
        record(Level.ERROR, log_type, message, sub_type="fetch", account_id=account.pk)
        raise FetchError(message) from exc
    finally:
        client.close()
