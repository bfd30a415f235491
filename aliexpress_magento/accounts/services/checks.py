"""The Test connection buttons: one real call each side, and exactly what failed."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from aliexpress_magento.accounts import connections, diagnosis
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.common import NO_RETRY


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str


def test_aliexpress(account: Account, *, user: AbstractBaseUser | AnonymousUser | None = None) -> Outcome:
    """``merchant.profile.get`` with the stored token: proves the key, the secret and the token."""
    if not (account.app_key and account.app_secret):
        return _report(account, "AliExpress", Outcome(False, "Fill the App key and Secret key first."), user)
    if not account.access_token:
        return _report(account, "AliExpress", Outcome(False, "No access token yet: click Get Code."), user)
    client = connections.aliexpress(account, retry=NO_RETRY)
    try:
        profile = client.merchant.profile_get()
    except Exception as exc:
        outcome = Outcome(False, diagnosis.explain(exc, account.api_base_url))
    else:
        outcome = Outcome(
            True,
            f"Connected to AliExpress as {profile.shop_name or profile.merchant_login_id} "
            f"({profile.country_code}).",
        )
    finally:
        client.close()
    return _report(account, "AliExpress", outcome, user)


def test_magento(account: Account, *, user: AbstractBaseUser | AnonymousUser | None = None) -> Outcome:
    """The store views and their store configs: proves the URL, the credentials and the permissions."""
    if not account.magento_base_url:
        return _report(account, "Magento", Outcome(False, "Fill the Magento base URL first."), user)
    try:
        views = connections.store(account, retry=NO_RETRY, scope="all").store_views()
    except Exception as exc:
        outcome = Outcome(False, diagnosis.explain(exc, account.magento_base_url))
    else:
        chosen = next((v for v in views if v.code == account.store_view_code), None)
        if chosen is None:
            codes = ", ".join(v.code for v in views)
            outcome = Outcome(
                False,
                f"Connected, but the store view '{account.store_view_code}' does not exist "
                f"(Magento has: {codes}).",
            )
        else:
            outcome = Outcome(
                True,
                f"Connected to Magento: store view {chosen.name} ({chosen.code}), website "
                f"{chosen.website_code}, {chosen.base_currency}, {chosen.timezone}.",
            )
    return _report(account, "Magento", outcome, user)


def _report(
    account: Account, side: str, outcome: Outcome, user: AbstractBaseUser | AnonymousUser | None
) -> Outcome:
    level = Level.SUCCESS if outcome.ok else Level.ERROR
    record(
        level,
        "connection",
        f"{side} connection test: {outcome.message}",
        sub_type=side.lower(),
        user=user,
        account_id=account.pk,
    )
    return outcome
