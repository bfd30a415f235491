"""The currency and unknown-store-code answers recorded on a real Magento 2.4.7-p7 with a second store view
(tests/fixtures/magento2-recorded/views-rates/) replayed on the sandbox, byte for byte where the sandbox
holds the same data: the recorded rates are set first (USD→EUR 0.7067, GBP allowed without a rate)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aliexpress_magento.sandbox.magento2 import Magento2Sandbox

from .conftest import Api

RECORDED = Path(__file__).resolve().parents[2] / "fixtures" / "magento2-recorded" / "views-rates"


def recorded(name: str) -> dict[str, Any]:
    return dict(json.loads((RECORDED / f"{name}.json").read_text()))


def _path(request: str) -> str:
    """``GET /rest/…?query`` → the path and query as sent."""
    return request.split(" ", 1)[1]


@pytest.mark.parametrize(
    "name", ["currency.no_scope", "currency.default_view", "currency.fr_view", "currency.all_scope"]
)
def test_the_currency_answer_is_the_recorded_one(anon: Api, sandbox: Magento2Sandbox, name: str) -> None:
    sandbox.set_currency_rate("EUR", 0.7067)
    sandbox.set_currency_rate("GBP", 0)  # allowed in Magento, no rate entered
    path = _path(recorded(name)["request"]).replace("/rest/fr/", "/rest/french/")
    answer = anon.get(path)
    assert answer.status_code == recorded(name)["status"]
    assert answer.text == json.dumps(recorded(name)["body"], separators=(",", ":"))


def test_a_rate_entered_later_is_answered(anon: Api, sandbox: Magento2Sandbox) -> None:
    sandbox.set_currency_rate("EUR", 0.7067)
    sandbox.set_currency_rate("GBP", 0.79)
    expected = recorded("currency.default_view.gbp_rate_set")
    assert anon.get(_path(expected["request"])).json() == expected["body"]


@pytest.mark.parametrize("name", ["currency.unknown_view", "products.by_skus.unknown_view"])
def test_an_unknown_store_code_is_the_recorded_400(api: Api, anon: Api, name: str) -> None:
    expected = recorded(name)
    for caller in (api, anon):
        answer = caller.get(_path(expected["request"]))
        assert (answer.status_code, answer.json()) == (expected["status"], expected["body"])
