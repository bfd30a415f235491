"""The AliExpress sandbox's knobs: the shared ones plus feed delay, buyer rate and token lifetimes."""

from __future__ import annotations

from dataclasses import dataclass

from aliexpress_magento.sandbox.core.knobs import BaseKnobs

# 30 and 60 days: the production values of the official refresh sample (expires_in 2592000,
# refresh_expires_in 5183988).
ACCESS_TOKEN_TTL = 30 * 86400
REFRESH_TOKEN_TTL = 60 * 86400


@dataclass
class AliExpressKnobs(BaseKnobs):
    feed_delay_seconds: float = 0.0
    buyer_orders_per_minute: float = 0.0
    access_token_ttl_seconds: int = ACCESS_TOKEN_TTL
    refresh_token_ttl_seconds: int = REFRESH_TOKEN_TTL
    timestamp_skew_seconds: int = 7200  # IOP allows ±7200 s (fact sheet §1.3)
    callback_url: str = ""  # the app's registered OAuth callback; "" accepts any redirect_uri
