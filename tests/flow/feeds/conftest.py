"""An authorized account on the in-process AliExpress sandbox, whose clock the tests move (the feed
processing delay runs on it), and its calls counted by method."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.aliexpress.feeds import FeedItem
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.accounts.conftest import AE_URL, M2_URL, authorize
from tests.sandbox.builders import shirt
from tests.support.accounts import APP_KEY, APP_SECRET, make_account


class SandboxClock:
    """The real time plus the seconds the test moved on (the client signs with the real time; the
    sandbox allows two hours of skew)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@pytest.fixture
def ae_clock() -> SandboxClock:
    return SandboxClock()


@pytest.fixture
def ae_sandbox(ae_clock: SandboxClock) -> AliExpressSandbox:
    return AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET, clock=ae_clock)


@pytest.fixture
def account(db, ae_sandbox: AliExpressSandbox, ae_calls: Counter[str]) -> Account:  # type: ignore[no-untyped-def]
    authorized = authorize(ae_sandbox, make_account(AE_URL, M2_URL))
    ae_calls.clear()  # the token exchange is not a feed call
    return authorized


def product(sku: str, **changes: Any) -> FeedItem:
    """A valid PRODUCT_CREATE item (category 348's shirt) sent under our id ``sku``."""
    content = shirt(**changes)
    for n, row in enumerate(content["sku_info_list"]):
        row["sku_code"] = f"{sku}-{n}"
    return FeedItem(item_content_id=sku, item_content=content)


def without_brand(sku: str) -> FeedItem:
    """An item AliExpress refuses: its category's required Brand Name is missing."""
    item = product(sku)
    del item.item_content["category_attributes"]["Brand Name"]  # type: ignore[attr-defined]
    return item


SUBMIT, QUERY = "aliexpress.solution.feed.submit", "aliexpress.solution.feed.query"
