"""Stored credentials go only to the address they were entered for.

A secret is never shown back (the page masks it), so whoever may change an account could otherwise
point its base URL at a server of theirs, press Test connection, and receive the stored token. So when
a base URL moves to another *origin* (scheme, host and port: the unit browsers trust, and what decides
where a request goes and whether it is encrypted), every stored secret sent to it is dropped and must be
entered again. A new path on the same origin (``/index.php``) keeps them.

The AliExpress Secret key is dropped with the tokens: it is the app's secret for one gateway, another
gateway has other apps, and each signed request is an offline oracle for guessing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from aliexpress_magento.accounts.models import Account, secret_fields_sent_to
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record

BASE_URL_FIELDS = ("api_base_url", "magento_base_url")
# A dropped token's expiry would go on driving refreshes and "expires soon" e-mails for a token gone.
_EXPIRY = {"access_token": "access_token_expires_at", "refresh_token": "refresh_token_expires_at"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the scheme's default port spelled out, so ``https://a`` is
    ``https://a:443``; letter case does not matter in either."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    try:
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:  # a malformed port: the text is compared, so any change counts as a move
        return scheme, parts.netloc.lower(), None
    return scheme, (parts.hostname or "").lower(), port


def moved_urls(account: Account, new_values: Mapping[str, Any]) -> tuple[str, ...]:
    """The base URL fields whose new value points to another origin than the stored one."""
    if account.pk is None:
        return ()
    return tuple(
        name
        for name in BASE_URL_FIELDS
        if name in new_values
        and getattr(account, name)
        and origin(str(new_values[name] or "")) != origin(getattr(account, name))
    )


def stale_secrets(account: Account, new_values: Mapping[str, Any]) -> tuple[str, ...]:
    """The stored secrets that must not be kept: those sent to a base URL that moves elsewhere."""
    return tuple(
        name
        for url_field in moved_urls(account, new_values)
        for name in secret_fields_sent_to(url_field)
        if getattr(account, name)
    )


def reentry_message(secret: str) -> str:
    """The field's error when the secret is required but was dropped."""
    url_field = Account._meta.get_field(secret).sent_to  # type: ignore[union-attr]
    return (
        f"The {_label(url_field)} now points to another address: enter the {_label(secret)} for it again "
        "(a stored secret is never sent to a new address)."
    )


def forget_dropped(
    account: Account,
    dropped: tuple[str, ...],
    *,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> str:
    """After a save dropped ``dropped``: forget their expiry dates, and say on the page (the returned
    message) and in the activity log which secrets were dropped and why."""
    expiries = [_EXPIRY[name] for name in dropped if name in _EXPIRY]
    if expiries:
        Account.objects.filter(pk=account.pk).update(**dict.fromkeys(expiries, None))
    urls = sorted({Account._meta.get_field(name).sent_to for name in dropped})  # type: ignore[union-attr]
    message = (
        f"The {' and the '.join(_label(u) for u in urls)} now point{'s' if len(urls) == 1 else ''} to "
        f"another address, so the stored {', '.join(_label(n) for n in dropped)} "
        f"{'was' if len(dropped) == 1 else 'were'} dropped: enter {'it' if len(dropped) == 1 else 'them'} "
        "again for the new address."
    )
    record(Level.WARNING, "connection", message, sub_type="credentials", user=user, account_id=account.pk)
    return message


def _label(field: str) -> str:
    return str(Account._meta.get_field(field).verbose_name)  # type: ignore[union-attr]
