"""Authorization codes and access/refresh tokens.

Choices where the fact sheet is open (§10 q4): a refresh rotates both tokens and revokes the old pair
at once; an authorization code works once and expires after ``CODE_TTL_SECONDS``.
"""

from __future__ import annotations

import dataclasses
import secrets
from dataclasses import dataclass
from typing import Any

CODE_TTL_SECONDS = 1800


@dataclass
class AuthCode:
    code: str
    redirect_uri: str
    seller_id: str
    created_at: float
    used: bool = False


@dataclass
class Token:
    access_token: str
    refresh_token: str
    seller_id: str
    issued_at: float
    access_expires_at: float
    refresh_expires_at: float
    revoked: bool = False


class TokenStore:
    def __init__(self) -> None:
        self.codes: dict[str, AuthCode] = {}
        self.tokens: dict[str, Token] = {}  # by access token
        self._by_refresh: dict[str, Token] = {}

    def grant_code(self, app_key: str, redirect_uri: str, seller_id: str, now: float) -> str:
        # Real codes look like "3_525634_FN2e…": a digit, the app key, a random part.
        code = f"3_{app_key}_{secrets.token_urlsafe(18)}"
        self.codes[code] = AuthCode(code, redirect_uri, seller_id, now)
        return code

    def redeem(self, code: str, now: float) -> AuthCode | None:
        found = self.codes.get(code)
        if found is None or found.used or now - found.created_at > CODE_TTL_SECONDS:
            return None
        found.used = True
        return found

    def issue(self, seller_id: str, now: float, access_ttl: int, refresh_ttl: int) -> Token:
        token = Token(
            access_token=f"50000{secrets.token_hex(20)}",
            refresh_token=f"50001{secrets.token_hex(20)}",
            seller_id=seller_id,
            issued_at=now,
            access_expires_at=now + access_ttl,
            refresh_expires_at=now + refresh_ttl,
        )
        self._add(token)
        return token

    def rotate(self, refresh_token: str, now: float, access_ttl: int, refresh_ttl: int) -> Token | None:
        old = self._by_refresh.get(refresh_token)
        if old is None or old.revoked or now >= old.refresh_expires_at:
            return None
        old.revoked = True
        return self.issue(old.seller_id, now, access_ttl, refresh_ttl)

    def valid(self, access_token: str, now: float) -> Token | None:
        token = self.tokens.get(access_token)
        if token is None or token.revoked or now >= token.access_expires_at:
            return None
        return token

    def _add(self, token: Token) -> None:
        self.tokens[token.access_token] = token
        self._by_refresh[token.refresh_token] = token

    def to_json(self) -> dict[str, Any]:
        return {
            "codes": [dataclasses.asdict(c) for c in self.codes.values()],
            "tokens": [dataclasses.asdict(t) for t in self.tokens.values()],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> TokenStore:
        store = cls()
        for code in raw.get("codes", []):
            store.codes[code["code"]] = AuthCode(**code)
        for token in raw.get("tokens", []):
            store._add(Token(**token))
        return store
