"""How the live Store suite reads the environment: nothing set runs nothing; a store named without complete
credentials is an error naming what is missing (never a skip); each Magento 2 credential kind is a run."""

from __future__ import annotations

import pytest

from tests.support.live.config import (
    SKIP_REASON,
    LiveConfigError,
    Magento1Target,
    Magento2Target,
    Pins,
    targets,
)

M2_URL = {"MAGENTO2_LIVE_BASE_URL": "https://m2.test"}
OAUTH = {
    "MAGENTO2_LIVE_CONSUMER_KEY": "ck",
    "MAGENTO2_LIVE_CONSUMER_SECRET": "cs",
    "MAGENTO2_LIVE_ACCESS_TOKEN": "at",
    "MAGENTO2_LIVE_ACCESS_TOKEN_SECRET": "as",
}


def test_nothing_set_names_no_store_and_the_skip_says_how_to_run() -> None:
    assert targets({"MAGENTO2_LIVE_BASE_URL": "  "}) == ([], [])
    assert SKIP_REASON == (
        "live Store suite: set MAGENTO2_LIVE_BASE_URL or MAGENTO1_LIVE_BASE_URL to run it against a real "
        "store (README: Testing against a real store)"
    )


def test_each_magento2_credential_kind_is_one_run() -> None:
    env = {
        **M2_URL,
        **OAUTH,
        "MAGENTO2_LIVE_TOKEN": "tok",
        "MAGENTO2_LIVE_ADMIN_USER": "admin",
        "MAGENTO2_LIVE_ADMIN_PASSWORD": "pw",
        "MAGENTO2_LIVE_STORE_CODE": "fr",
        "LIVE_SIMPLE_SKU": "S1",
    }
    found, none = targets(env)
    pins = Pins("S1", "")
    assert none == []
    assert found == [
        Magento2Target("https://m2.test", "fr", "token", ("tok",), pins),
        Magento2Target("https://m2.test", "fr", "oauth1", ("ck", "cs", "at", "as"), pins),
        Magento2Target("https://m2.test", "fr", "admin", ("admin", "pw"), pins),
    ]
    assert [t.id for t in found] == ["magento2-token", "magento2-oauth1", "magento2-admin"]


def test_magento1_with_its_default_store_code() -> None:
    env = {
        "MAGENTO1_LIVE_BASE_URL": "https://m1.test",
        "MAGENTO1_LIVE_API_USER": "u",
        "MAGENTO1_LIVE_API_KEY": "k",
        "LIVE_CONFIGURABLE_SKU": "C1",
    }
    assert targets(env) == ([], [Magento1Target("https://m1.test", "default", "u", "k", Pins("", "C1"))])


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (M2_URL, "MAGENTO2_LIVE_BASE_URL is set but no credentials: set MAGENTO2_LIVE_TOKEN, or "),
        (
            {**M2_URL, "MAGENTO2_LIVE_CONSUMER_KEY": "ck", "MAGENTO2_LIVE_ACCESS_TOKEN": "at"},
            "MAGENTO2_LIVE_CONSUMER_SECRET, MAGENTO2_LIVE_ACCESS_TOKEN_SECRET must be set too",
        ),
        ({**M2_URL, "MAGENTO2_LIVE_ADMIN_USER": "a"}, "MAGENTO2_LIVE_ADMIN_PASSWORD must be set too"),
        (
            {"MAGENTO2_LIVE_TOKEN": "t"},
            "Magento 2 live credentials are set but MAGENTO2_LIVE_BASE_URL is not",
        ),
        (
            {"MAGENTO1_LIVE_BASE_URL": "https://m1.test"},
            "MAGENTO1_LIVE_BASE_URL is set but MAGENTO1_LIVE_API_USER and MAGENTO1_LIVE_API_KEY are not",
        ),
        (
            {"MAGENTO1_LIVE_BASE_URL": "https://m1.test", "MAGENTO1_LIVE_API_USER": "u"},
            "MAGENTO1_LIVE_API_KEY must be set too",
        ),
        (
            {"MAGENTO1_LIVE_API_USER": "u", "MAGENTO1_LIVE_API_KEY": "k"},
            "Magento 1 live credentials are set but MAGENTO1_LIVE_BASE_URL is not",
        ),
    ],
)
def test_an_incomplete_configuration_is_an_error_not_a_skip(env: dict[str, str], message: str) -> None:
    with pytest.raises(LiveConfigError) as raised:
        targets(env)
    assert str(raised.value).startswith(message)
