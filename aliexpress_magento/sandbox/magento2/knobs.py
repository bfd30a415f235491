"""The Magento 2 sandbox's knobs: the shared ones plus admin-token lifetime and the bearer flag."""

from __future__ import annotations

from dataclasses import dataclass

from aliexpress_magento.sandbox.core.knobs import BaseKnobs

ADMIN_TOKEN_TTL = 4 * 3600  # oauth/access_token_lifetime/admin default (fact sheet §1.1)


@dataclass
class Magento2Knobs(BaseKnobs):
    admin_token_ttl_seconds: int = ADMIN_TOKEN_TTL
    # Stores → Configuration → Services → OAuth → "Allow OAuth Access Tokens to be used as standalone
    # Bearer tokens" (off by default since 2.4.4; on in the demo so the integration token just works).
    integration_bearer: bool = True
    oauth_timestamp_window_seconds: int = 600
