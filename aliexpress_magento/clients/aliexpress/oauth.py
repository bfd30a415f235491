"""Seller authorization (fact sheet §2.1): the authorize URL and the ``/auth/token/*`` system calls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from . import envelope
from .envelope import Json
from .errors import ErrorFields, TerminalError
from .gateway import Gateway

CREATE_PATH = "/auth/token/create"
REFRESH_PATH = "/auth/token/refresh"


def authorize_url(
    base_url: str, *, client_id: str, redirect_uri: str, state: str, force_auth: bool = True
) -> str:
    """Where to send the merchant's browser; ``state`` must be checked again on the callback."""
    query = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "state": state}
    if force_auth:
        query["force_auth"] = "true"  # a fresh login, so the merchant picks the intended seller account
    return f"{base_url.rstrip('/')}/oauth/authorize?{urlencode(query)}"


@dataclass(frozen=True)
class Token:
    access_token: str
    refresh_token: str
    expire_time: datetime  # when the access token expires (UTC)
    refresh_token_valid_time: datetime  # when the refresh token itself expires (UTC)
    seller_id: str
    account: str
    user_id: str = ""
    user_nick: str = ""
    account_platform: str = ""
    locale: str = ""
    request_id: str = ""

    def expires_within(self, seconds: float, *, now: datetime) -> bool:
        return (self.expire_time - now).total_seconds() <= seconds


def parse_token(body: Json) -> Token:
    """The flat ``/rest`` token body. ``expire_time`` / ``refresh_token_valid_time`` are epoch ms;
    when only ``expires_in`` / ``refresh_expires_in`` (seconds) are present they are not enough on their
    own, so the epoch fields are required and a missing one is a malformed answer."""
    return Token(
        access_token=envelope.text(body, "access_token"),
        refresh_token=envelope.text(body, "refresh_token"),
        expire_time=_epoch_ms(body, "expire_time"),
        refresh_token_valid_time=_epoch_ms(body, "refresh_token_valid_time"),
        seller_id=envelope.text(body, "seller_id"),
        account=envelope.text(body, "account"),
        user_id=envelope.text(body, "user_id"),
        user_nick=envelope.text(body, "user_nick"),
        account_platform=envelope.text(body, "account_platform"),
        locale=envelope.text(body, "locale"),
        request_id=envelope.text(body, "request_id"),
    )


def _epoch_ms(body: Json, key: str) -> datetime:
    millis = envelope.ident(body, key)
    if millis is None:
        raise TerminalError(ErrorFields(code="malformed-token", message=f"token answer without {key}"))
    return datetime.fromtimestamp(millis / 1000, tz=UTC)


class OAuth:
    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    def authorize_url(self, *, redirect_uri: str, state: str, force_auth: bool = True) -> str:
        return authorize_url(
            self._gateway.base_url,
            client_id=self._gateway.credentials.app_key,
            redirect_uri=redirect_uri,
            state=state,
            force_auth=force_auth,
        )

    def create_token(self, code: str, *, uuid: str | None = None) -> Token:
        """Exchange an authorization code (single use, so never re-sent after a possible delivery)."""
        return parse_token(self._gateway.call_system(CREATE_PATH, {"code": code, "uuid": uuid}))

    def refresh_token(self, refresh_token: str) -> Token:
        """Refresh may rotate both tokens: store the whole answer, not only the access token."""
        return parse_token(self._gateway.call_system(REFRESH_PATH, {"refresh_token": refresh_token}))
