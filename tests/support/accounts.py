"""The test account wired to both sandboxes, shared by the flow and browser tests."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.accounts.models import Account

APP_KEY, APP_SECRET = "501234", "app-secret-0123456789abcdef"
M2_TOKEN = "demo-integration-token-0123456789"


def make_account(aliexpress_url: str, magento_url: str, **fields: Any) -> Account:
    values: dict[str, Any] = {
        "name": "Demo shop",
        "enabled": True,
        "api_base_url": aliexpress_url,
        "app_key": APP_KEY,
        "app_secret": APP_SECRET,
        "magento_base_url": magento_url,
        "magento_token": M2_TOKEN,
        "customer_email": "aliexpress-orders@example.com",
        "notification_email": "owner@example.com",
    }
    return Account.objects.create(**{**values, **fields})
