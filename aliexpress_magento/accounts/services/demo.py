"""The demo account ``scripts/run`` creates: wired to both sandboxes, and connected to AliExpress
through the real authorization-code flow (consent page, redirect, state check, code exchange)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx
from django.contrib.auth import get_user_model

from aliexpress_magento.accounts.models import Account

from . import lists, oauth

DEMO_NAME = "Demo shop"
DEMO_APP_KEY, DEMO_APP_SECRET = "demo-key", "demo-secret"
DEMO_MAGENTO_TOKEN = "demo-integration-token-0123456789"  # noqa: S105 - the Magento sandbox's demo token


@dataclass(frozen=True)
class DemoAccount:
    account: Account
    created: bool
    connected_now: bool


def ensure_demo_account(aliexpress_url: str, magento_url: str, console_url: str) -> DemoAccount:
    """Create the demo account once; authorize it whenever it holds no token."""
    account, created = Account.objects.get_or_create(
        name=DEMO_NAME,
        defaults={
            "enabled": True,
            "api_base_url": aliexpress_url,
            "app_key": DEMO_APP_KEY,
            "app_secret": DEMO_APP_SECRET,
            "magento_base_url": magento_url,
            "magento_token": DEMO_MAGENTO_TOKEN,
            "customer_email": "aliexpress-orders@example.com",
            "notification_email": "merchant@example.com",
            "default_payment_method": "checkmo",
            "default_shipping_method": "flatrate_flatrate",
            "order_id_prefix": "AE-",
        },
    )
    if account.access_token:
        return DemoAccount(account, created, connected_now=False)
    _authorize(account, f"{console_url.rstrip('/')}/aliexpress/callback/")
    account.refresh_from_db()  # the callback's service stored the tokens on its own copy
    lists.refresh(account)
    _default_freight_template(account)
    return DemoAccount(account, created, connected_now=True)


def _default_freight_template(account: Account) -> None:
    """The shop's first freight template, as the merchant would pick it in Product Global Settings:
    without one nothing can be uploaded, and the demo is meant to upload out of the box."""
    templates = (account.remote_choices or {}).get("freight_templates") or []
    if not account.freight_template_id and templates:
        account.freight_template_id = str(templates[0][0])
        account.save(update_fields=["freight_template_id", "updated_at"])


def _authorize(account: Account, redirect_uri: str) -> None:
    """What the merchant's browser does: open the consent page, click Authorize, follow the redirect
    back to the callback (here: hand its code and state to the same service the callback uses)."""
    user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        raise LookupError("no superuser to authorize the demo account as (run ensure_demo_admin first)")
    url = oauth.begin(account, user, redirect_uri)
    with httpx.Client(timeout=10) as browser:
        assert browser.get(url).status_code == 200, "the consent page did not open"
        answer = browser.post(url)
    if answer.status_code != 302:
        raise RuntimeError(
            f"the sandbox's consent page answered HTTP {answer.status_code}: {answer.text[:200]}"
        )
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    oauth.complete(query["state"][0], query["code"][0], user)
