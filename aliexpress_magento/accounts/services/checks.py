"""The Test connection buttons: one real call each side, and exactly what failed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from aliexpress_magento.accounts import api_clients, diagnosis
from aliexpress_magento.accounts.choices import Platform
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services import tokens
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients import magento1
from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.stores.model import StoreView


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
    client = api_clients.aliexpress(account, retry=NO_RETRY)
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
        with api_clients.store(account, retry=NO_RETRY, scope="all") as store:
            views = store.store_views()
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
            outcome = Outcome(True, _connected(account, chosen))
            tokens.resume_after_magento_fix(account)
    return _report(account, "Magento", outcome, user)


def _connected(account: Account, view: StoreView) -> str:
    if account.platform == Platform.MAGENTO1:
        return (
            f"Connected to Magento 1: store view {view.name} ({view.code}), website id {view.website_code}. "
            + (_module_state(account))
        )
    return (
        f"Connected to Magento: store view {view.name} ({view.code}), website {view.website_code}, "
        f"{view.base_currency}, {view.timezone}."
    )


def _module_state(account: Account) -> str:
    """Whether the connector module answers (configurable products need it on Magento 1)."""
    client = api_clients.magento1_client(account, retry=NO_RETRY)
    try:
        client.connector.children([])
    except magento1.UnknownResourceError:
        return (
            "The connector module is NOT installed: configurable products cannot be listed (see the README)."
        )
    except magento1.AuthError:  # the login worked (store_views): fault 2 here is a missing grant
        return (
            "The connector module is installed, but the API role was not granted its resources: catalog "
            "reads go on as on a store without the module (configurable products without their children, "
            "so they cannot be listed) until the role is granted them (see the README)."
        )
    else:
        return _paging_state(client)
    finally:
        client.close()


def _paging_state(client: magento1.Magento1Client) -> str:
    """Whether the module's paged read answers too (module 1.1.0, and the role granted it)."""
    try:
        client.connector.changed(datetime.now(UTC), limit=1)
    except magento1.UnknownResourceError:
        return (
            "The connector module answers, but is older than 1.1.0: catalog reads list every changed "
            "product at once (update it, see the README)."
        )
    except magento1.AuthError:
        return (
            "The connector module answers, but the API role lacks its resource Changed products (paged): "
            "catalog reads list every changed product at once until it is granted."
        )
    return "The connector module answers."


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
