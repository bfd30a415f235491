"""The dashboard (admin index): each account's health at a glance, empty states for what is not built."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.tasks import refresh_token

from .conftest import authorize

INDEX = reverse("admin:index")


def _card(html: str, account: Account) -> str:
    match = re.search(rf'<div class="module account-card" id="account-{account.pk}">(.*?)</div>', html, re.S)
    assert match, "no card for the account"
    return re.sub(r"\s+", " ", match.group(1))


def test_without_an_account_the_dashboard_invites_to_add_one(merchant_client) -> None:
    html = merchant_client.get(INDEX).content.decode()
    assert "No account yet." in html
    assert f'href="{reverse("admin:accounts_account_add")}"' in html


def test_a_new_account_is_not_connected(merchant_client, account) -> None:
    card = _card(merchant_client.get(INDEX).content.decode(), account)
    assert "Not connected: click Get Code on the configuration page" in card
    assert "not authorized" in card


def test_a_connected_account_shows_its_token_and_last_job(merchant_client, account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    refresh_token.apply(kwargs={"account_id": account.pk})
    card = _card(merchant_client.get(INDEX).content.decode(), account)
    assert '<span class="badge badge-success account-status">Connected</span>' in card
    assert f"access token expires {account.access_token_expires_at:%Y-%m-%d %H:%M:%S} UTC" in card
    token_row = re.search(r'<tr class="job-accountsrefresh_token">(.*?)</tr>', card).group(1)
    assert "every 60 min" in token_row and "Success" in token_row
    order_row = re.search(r'<tr class="job-ordersfetch">(.*?)</tr>', card).group(1)
    assert "every 10 min" in order_row and "never" in order_row  # the Order Cron (issue 14)
    assert "Not shown here yet" not in card  # the Orders panel (orders.dashboard) shows the counts
    assert "No listings yet" not in card  # the Listings panel (listings.dashboard) shows them now


def test_a_paused_account_says_why(merchant_client, account) -> None:
    Account.objects.filter(pk=account.pk).update(access_token="tok", paused_reason="AliExpress refused it.")
    card = _card(merchant_client.get(INDEX).content.decode(), account)
    assert "Paused: AliExpress refused it." in card


def test_an_authorization_about_to_expire_is_a_warning(merchant_client, account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    Account.objects.filter(pk=account.pk).update(refresh_token_expires_at=timezone.now() + timedelta(days=3))
    card = _card(merchant_client.get(INDEX).content.decode(), account)
    assert "badge-warning" in card
    assert "Connected; authorization expires soon: click Get Code again" in card
