"""An account on each Magento sandbox (2 and 1 with the connector module), routed in-process."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.sandbox.catalog.model import ENABLED, Product
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.support.accounts import M2_TOKEN, make_account

SHOP_URL = "https://shop.sandbox.test"
SMALL = 30  # products (simples, configurables and their children) of the small demo catalog


@dataclass
class Shop:
    account: Account
    sandbox: Any  # Magento2Sandbox or Magento1Sandbox

    def sellable_simple(self) -> Product:
        return next(
            p
            for p in self.sandbox.world.catalog.products
            if p.type_id == "simple" and p.parent_id is None and p.status == ENABLED
            and p.special_price is None and self.sandbox.salable_qty(p.sku) >= 5
        )  # fmt: skip


def _sandbox(platform: str, size: int | None) -> Any:
    if platform == "magento1":
        return Magento1Sandbox(catalog_size=size, with_module=True)
    return Magento2Sandbox(integration_token=M2_TOKEN, catalog_size=size)


def _account(platform: str) -> Account:
    if platform == "magento1":
        return make_account(
            "https://ae.sandbox.test",
            SHOP_URL,
            platform="magento1",
            magento1_api_user=DEMO_API_USER,
            magento1_api_key=DEMO_API_KEY,
        )
    return make_account("https://ae.sandbox.test", SHOP_URL)


@pytest.fixture(params=["magento2", "magento1"])
def platform(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def catalog_size() -> int | None:
    return SMALL


@pytest.fixture
def shop(db: None, platform: str, catalog_size: int | None) -> Iterator[Shop]:
    sandbox = _sandbox(platform, catalog_size)
    with api_clients.route_to(SHOP_URL, httpx.WSGITransport(app=sandbox)):
        yield Shop(_account(platform), sandbox)
