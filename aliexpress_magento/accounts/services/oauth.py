"""Get Code / callback / Get Token: the AliExpress authorization-code flow with a signed, single-use
``state`` bound to the account and to the user who clicked."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core import signing
from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts import api_clients, diagnosis
from aliexpress_magento.accounts.models import Account, AuthorizationRequest
from aliexpress_magento.accounts.selectors import visible_accounts
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.aliexpress import NO_RETRY, Token, authorize_url

from .tokens import store_token

STATE_SALT = "aliexpress_magento.accounts.oauth"
STATE_MAX_AGE = timedelta(minutes=15)

User = AbstractBaseUser | AnonymousUser


class StateRefused(Exception):
    """The callback's ``state`` is forged, expired, already used or someone else's."""


class ExchangeFailed(Exception):
    """The state was good but AliExpress did not give tokens for the code; the message says why."""

    def __init__(self, account: Account, message: str) -> None:
        super().__init__(message)
        self.account = account


def begin(account: Account, user: User, redirect_uri: str) -> str:
    """Where Get Code sends the browser."""
    nonce = secrets.token_urlsafe(24)
    AuthorizationRequest.objects.create(
        account=account, nonce=nonce, user_id=int(user.pk or 0), redirect_uri=redirect_uri
    )
    state = signing.dumps({"a": account.pk, "n": nonce}, salt=STATE_SALT)
    return authorize_url(
        account.api_base_url, client_id=account.app_key, redirect_uri=redirect_uri, state=state
    )


def complete(state: str, code: str, user: User) -> Account:
    """The callback: check ``state``, spend it, exchange the code. Raises StateRefused or ExchangeFailed."""
    account = _spend(state, user).account
    try:
        exchange(account, code, user=user)
    except Exception as exc:
        raise ExchangeFailed(account, diagnosis.explain(exc, account.api_base_url)) from exc
    return account


def exchange(account: Account, code: str, *, user: User | None = None) -> Token:
    """Get Token: trade an authorization code for tokens and store them. The code is single-use, so the
    call is never retried."""
    client = api_clients.aliexpress(account, retry=NO_RETRY)
    try:
        token = client.oauth.create_token(code.strip())
    finally:
        client.close()
    store_token(account, token)
    record(
        Level.SUCCESS,
        "oauth",
        f"Authorized by AliExpress seller {account.seller_login or account.seller_id}; "
        f"the access token expires {token.expire_time:%Y-%m-%d %H:%M:%S} UTC.",
        user=user,
        account_id=account.pk,
    )
    return token


def exchange_pasted(account: Account, code: str, *, user: User) -> str:
    """Get Token with a code the merchant pasted: "" when the tokens are stored, else why not (logged)."""
    if not code.strip():
        return "Paste the code AliExpress added to the redirect URI (…?code=…)."
    try:
        exchange(account, code, user=user)
    except Exception as exc:
        error = diagnosis.explain(exc, account.api_base_url)
        refuse(error, user=user, account_id=account.pk)
        return error
    return ""


def _spend(state: str, user: User) -> AuthorizationRequest:
    try:
        payload = signing.loads(state, salt=STATE_SALT, max_age=STATE_MAX_AGE)
    except signing.SignatureExpired:
        raise StateRefused("The authorization took too long; click Get Code again.") from None
    except signing.BadSignature:
        raise StateRefused(
            "The authorization answer was not started here (bad state); it was refused."
        ) from None
    with transaction.atomic():
        grant = (
            AuthorizationRequest.objects.select_for_update()
            .select_related("account")
            .filter(nonce=payload.get("n"), account_id=payload.get("a"))
            .first()
        )
        if grant is None or grant.used_at is not None:
            raise StateRefused(
                "This authorization answer was already used or is unknown; click Get Code again."
            )
        if grant.user_id != user.pk:
            raise StateRefused("This authorization was started by another user; it was refused.")
        if not visible_accounts(user).filter(pk=grant.account_id).exists():
            # Access withdrawn between Get Code and the answer: no tokens for an account not yours.
            raise StateRefused("You may no longer see this account; the authorization was refused.")
        grant.used_at = timezone.now()
        grant.save(update_fields=["used_at"])
    return grant


def refuse(reason: str, *, user: User, account_id: int | None = None) -> None:
    record(Level.ERROR, "oauth", f"Authorization refused: {reason}", user=user, account_id=account_id)
