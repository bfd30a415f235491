"""Which real stores the live Store suite runs against, read from the environment (README: Testing against a
real store).

Every Magento 2 credential kind that is set gives its own run (a store answers a bearer token and an
OAuth 1.0a signature differently: finding 9 of issue 10 was OAuth only). A base URL without complete
credentials, or a credential without its base URL, is a configuration error, raised — never a skip.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SKIP_REASON = (
    "live Store suite: set MAGENTO2_LIVE_BASE_URL or MAGENTO1_LIVE_BASE_URL to run it against a real store "
    "(README: Testing against a real store)"
)
M2 = "MAGENTO2_LIVE_"
M1 = "MAGENTO1_LIVE_"
OAUTH1 = ("CONSUMER_KEY", "CONSUMER_SECRET", "ACCESS_TOKEN", "ACCESS_TOKEN_SECRET")
ADMIN = ("ADMIN_USER", "ADMIN_PASSWORD")


class LiveConfigError(Exception):
    """The environment names a store but not how to reach it."""


@dataclass(frozen=True)
class Pins:
    """Products the suite must use (``LIVE_SIMPLE_SKU``, ``LIVE_CONFIGURABLE_SKU``); empty: discovered."""

    simple_sku: str = ""
    configurable_sku: str = ""


@dataclass(frozen=True)
class Magento2Target:
    base_url: str
    store_code: str
    auth_kind: str  # "token", "oauth1" or "admin"
    credentials: tuple[str, ...]
    pins: Pins

    @property
    def id(self) -> str:
        return f"magento2-{self.auth_kind}"


@dataclass(frozen=True)
class Magento1Target:
    base_url: str
    store_code: str
    api_user: str
    api_key: str
    pins: Pins

    @property
    def id(self) -> str:
        return "magento1"


def _get(env: Mapping[str, str], name: str) -> str:
    return env.get(name, "").strip()


def _group(env: Mapping[str, str], prefix: str, names: tuple[str, ...]) -> tuple[str, ...] | None:
    """All of ``names`` (a tuple of values), none of them (None), or an error naming the missing ones."""
    values = tuple(_get(env, prefix + n) for n in names)
    if not any(values):
        return None
    missing = [prefix + n for n, v in zip(names, values, strict=True) if not v]
    if missing:
        raise LiveConfigError(f"{', '.join(missing)} must be set too (they go together)")
    return values


def magento2_targets(env: Mapping[str, str], pins: Pins) -> list[Magento2Target]:
    base = _get(env, M2 + "BASE_URL")
    kinds = {
        "token": (_get(env, M2 + "TOKEN"),) if _get(env, M2 + "TOKEN") else None,
        "oauth1": _group(env, M2, OAUTH1),
        "admin": _group(env, M2, ADMIN),
    }
    given = {kind: values for kind, values in kinds.items() if values is not None}
    if not base:
        if given:
            raise LiveConfigError(f"Magento 2 live credentials are set but {M2}BASE_URL is not")
        return []
    if not given:
        raise LiveConfigError(
            f"{M2}BASE_URL is set but no credentials: set {M2}TOKEN, or {M2}CONSUMER_KEY, "
            f"{M2}CONSUMER_SECRET, {M2}ACCESS_TOKEN and {M2}ACCESS_TOKEN_SECRET, or {M2}ADMIN_USER and "
            f"{M2}ADMIN_PASSWORD"
        )
    store_code = _get(env, M2 + "STORE_CODE") or "default"
    return [Magento2Target(base, store_code, kind, values, pins) for kind, values in given.items()]


def magento1_targets(env: Mapping[str, str], pins: Pins) -> list[Magento1Target]:
    base = _get(env, M1 + "BASE_URL")
    credentials = _group(env, M1, ("API_USER", "API_KEY"))
    if not base:
        if credentials:
            raise LiveConfigError(f"Magento 1 live credentials are set but {M1}BASE_URL is not")
        return []
    if credentials is None:
        raise LiveConfigError(f"{M1}BASE_URL is set but {M1}API_USER and {M1}API_KEY are not")
    store_code = _get(env, M1 + "STORE_CODE") or "default"
    return [Magento1Target(base, store_code, credentials[0], credentials[1], pins)]


def targets(env: Mapping[str, str]) -> tuple[list[Magento2Target], list[Magento1Target]]:
    pins = Pins(_get(env, "LIVE_SIMPLE_SKU"), _get(env, "LIVE_CONFIGURABLE_SKU"))
    return magento2_targets(env, pins), magento1_targets(env, pins)
