"""The special price's days read by both adapters from answers recorded on real stores
(tests/fixtures/magento2-recorded/second-store/products.keyset_page.basis: LAB-S3 has a special price
and the ``special_from_date`` Magento wrote for it, no ``special_to_date``; openmage-recorded/
catalog_product.info.simple: both null), replayed through the real client, and what a malformed day
gives (None, the read goes on)."""

from __future__ import annotations

import copy
import json
import xmlrpc.client
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.clients.magento1 import Magento1Client
from aliexpress_magento.clients.magento2 import BearerAuth, Magento2Client
from aliexpress_magento.clients.magento2.search import Page
from aliexpress_magento.stores.convert import day
from aliexpress_magento.stores.magento1.catalog import Catalog as Magento1Catalog
from aliexpress_magento.stores.magento2.catalog import Catalog as Magento2Catalog
from aliexpress_magento.stores.model import StoreProduct

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KEYSET = FIXTURES / "magento2-recorded" / "second-store" / "products.keyset_page.basis.json"
STORE_CONFIGS = FIXTURES / "magento2-recorded" / "store.storeConfigs.json"
INFO = FIXTURES / "openmage-recorded" / "catalog_product.info.simple.json"
MALFORMED = ("0000-00-00 00:00:00", "2026-13-01 00:00:00", "soon", "", 20261204)


def _load(path: Path) -> Any:
    return json.loads(path.read_text())


# --- Magento 2: custom_attributes, absent when unset ------------------------------------------------


def _magento2_products(items: list[dict[str, Any]]) -> dict[str, StoreProduct]:
    """The recorded simple products as Magento2Store's catalog maps them; the store config (for image
    URLs) is the recorded one too."""
    configs = _load(STORE_CONFIGS)["body"]
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=configs))
    with Magento2Client(
        "https://shop.test", auth=BearerAuth("t"), transport=transport, retry=NO_RETRY
    ) as client:
        catalog = Magento2Catalog(client, "default")
        [page] = catalog.assembled([Page(items, len(items), 1, len(items))])
    return {p.sku: p for p in page}


def _recorded_simples() -> list[dict[str, Any]]:
    return [i for i in _load(KEYSET)["body"]["items"] if i["type_id"] == "simple"]


def test_magento2_reads_the_recorded_from_day_and_none_where_absent() -> None:
    products = _magento2_products(_recorded_simples())
    assert {sku: (p.special_from, p.special_to) for sku, p in products.items() if p.special_price} == {
        "LAB-S3": (date(2026, 12, 4), None)
    }
    assert all(
        (p.special_from, p.special_to) == (None, None) for p in products.values() if not p.special_price
    )


def _with_custom(item: dict[str, Any], code: str, value: object) -> dict[str, Any]:
    edited = copy.deepcopy(item)
    kept = [a for a in edited["custom_attributes"] if a["attribute_code"] != code]
    edited["custom_attributes"] = [*kept, {"attribute_code": code, "value": value}]
    return edited


def test_magento2_reads_a_to_day_in_the_recorded_form() -> None:
    [item] = [i for i in _recorded_simples() if i["sku"] == "LAB-S3"]
    edited = _with_custom(item, "special_to_date", "2026-12-31 00:00:00")
    product = _magento2_products([edited])["LAB-S3"]
    assert (product.special_from, product.special_to) == (date(2026, 12, 4), date(2026, 12, 31))


@pytest.mark.parametrize("value", MALFORMED)
def test_magento2_a_malformed_day_is_none_and_the_page_is_read(value: object) -> None:
    items = _recorded_simples()
    items[2] = _with_custom(items[2], "special_from_date", value)  # LAB-S3
    products = _magento2_products(items)
    assert len(products) == len(items)
    assert (products["LAB-S3"].special_from, products["LAB-S3"].special_price) == (None, 12)


# --- Magento 1: catalog_product.info, null when unset -----------------------------------------------


def _xmlrpc_store(info: dict[str, Any]) -> httpx.MockTransport:
    """An API v1 endpoint that answers ``info`` to every ``catalog_product.info``, and an empty list to
    anything else (the gallery, the attribute sets)."""

    def answer(path: str) -> Any:
        return info if path == "catalog_product.info" else []

    def handle(request: httpx.Request) -> httpx.Response:
        params, method = xmlrpc.client.loads(request.content)
        if method == "login":
            result: Any = "session-1"
        elif method == "call":  # call(session, path, args): the attribute sets, none here
            result = answer(params[1])
        else:  # multiCall(session, {"0": [path, args], …}): the struct form OpenMage 20.18 takes
            result = [answer(call[0]) for call in params[1].values()]
        body = xmlrpc.client.dumps((result,), methodresponse=True, allow_none=True)
        return httpx.Response(200, content=body.encode(), headers={"Content-Type": "text/xml"})

    return httpx.MockTransport(handle)


def _magento1_product(info: dict[str, Any]) -> StoreProduct:
    transport = _xmlrpc_store(info)
    with Magento1Client(
        "https://shop.test", api_user="u", api_key="k", transport=transport, retry=NO_RETRY,
        multicall_form="struct",
    ) as client:  # fmt: skip
        [product] = Magento1Catalog(client, "default").assemble([str(info["sku"])])
    return product


def test_magento1_reads_null_days_as_none() -> None:
    info = _load(INFO)
    assert (info["special_from_date"], info["special_to_date"]) == (None, None)
    product = _magento1_product(info)
    assert (product.sku, product.special_from, product.special_to) == (info["sku"], None, None)


def test_magento1_reads_days_in_the_datetime_form() -> None:
    """The form of a ``datetime`` attribute's value (Magento 2 answered it so for the same attribute;
    OpenMage answers the column's text, as for ``updated_at``)."""
    info = {
        **_load(INFO),
        "special_from_date": "2026-12-04 00:00:00",
        "special_to_date": "2026-12-31 00:00:00",
    }
    product = _magento1_product(info)
    assert (product.special_from, product.special_to) == (date(2026, 12, 4), date(2026, 12, 31))


@pytest.mark.parametrize("value", MALFORMED)
def test_magento1_a_malformed_day_is_none(value: object) -> None:
    info = {**_load(INFO), "special_from_date": value, "special_to_date": "2026-12-31 00:00:00"}
    product = _magento1_product(info)
    assert (product.special_from, product.special_to) == (None, date(2026, 12, 31))


# --- the day itself ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-04 00:00:00", date(2026, 12, 4)),
        ("2026-12-04", date(2026, 12, 4)),
        ("2026-12-04T00:00:00+01:00", date(2026, 12, 4)),  # the day as written, not moved to UTC
        (" 2026-02-28 00:00:00 ", date(2026, 2, 28)),
        ("2026-02-29 00:00:00", None),
        (None, None),
        (["2026-12-04"], None),
        *((value, None) for value in MALFORMED),
    ],
)
def test_day(value: object, expected: date | None) -> None:
    assert day(value) == expected
