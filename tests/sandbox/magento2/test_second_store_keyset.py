"""Keyset reads replayed from the second real store (2.4.7-p7, tests/fixtures/magento2-recorded/
second-store/products.keyset_page*, shipments.list.sorted): two sort orders, a group of two OR'd filters
AND'd with a range group, ties on updated_at kept apart by entity_id. The lab store's key (T, N) is
replaced by the demo catalog's own, taken at the same place (after the 3rd oldest product; after a
product whose updated_at ties with the next one)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from aliexpress_magento.sandbox.catalog.model import Product
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.sandbox.magento2.conftest import Api, sellable_simple
from tests.sandbox.magento2.flows import quote_order
from tests.sandbox.magento2.test_recordings import same_shape
from tests.sandbox.magento2.test_second_store_oauth1 import recorded


def path_of(recording: dict[str, Any]) -> str:
    return str(recording["request"].split(" ", 1)[1])


def in_key_order(sandbox: Magento2Sandbox) -> list[Product]:
    return sorted(sandbox.world.catalog.products, key=lambda p: (p.updated_at, p.id))


def with_category(body: dict[str, Any]) -> dict[str, Any]:
    """The lab store's products outside any category have no category_links; every demo one has."""
    return {**body, "items": [i for i in body["items"] if "category_links" in i["extension_attributes"]]}


def keyed(name: str, lab_key: tuple[str, int], key: Product) -> tuple[dict[str, Any], str]:
    """The recording, and its request with the lab store's (T, N) replaced by ``key``'s."""
    recording = recorded(name)
    stamp, last_id = lab_key
    path = path_of(recording).replace(quote(stamp, safe=":"), quote(key.updated_at, safe=":"))
    path = path.replace(f"[value]={last_id}&", f"[value]={key.id}&")
    return recording, path


def echoed(recording: dict[str, Any], lab_key: tuple[str, int], key: Product) -> dict[str, Any]:
    criteria: dict[str, Any] = recording["body"]["search_criteria"]
    for group in criteria["filter_groups"]:
        for flt in group["filters"]:
            flt["value"] = {lab_key[0]: key.updated_at, str(lab_key[1]): str(key.id)}[flt["value"]]
    return criteria


def test_sorted_by_updated_at_then_entity_id(api: Api, sandbox: Magento2Sandbox) -> None:
    recording = recorded("products.keyset_page.basis")
    answer = api.request("GET", path_of(recording))
    assert answer.status_code == recording["status"] == 200
    assert same_shape(with_category(recording["body"]), answer.json()) == []
    assert answer.json()["search_criteria"] == recording["body"]["search_criteria"]
    assert [i["sku"] for i in answer.json()["items"]] == [p.sku for p in in_key_order(sandbox)[:20]]


def test_the_page_after_a_key(api: Api, sandbox: Magento2Sandbox) -> None:
    ordered = in_key_order(sandbox)
    lab_key = ("2026-12-04 17:38:52", 3)
    recording, path = keyed("products.keyset_page", lab_key, ordered[2])
    answer = api.request("GET", path)
    assert answer.status_code == recording["status"] == 200
    assert same_shape(with_category(recording["body"]), answer.json()) == []
    body = answer.json()
    assert ([i["sku"] for i in body["items"]], body["total_count"]) == (
        [p.sku for p in ordered[3:6]],
        len(ordered) - 3,
    )
    assert body["search_criteria"] == echoed(recording, lab_key, ordered[2])


def test_a_product_tied_with_the_key_is_kept(api: Api, sandbox: Magento2Sandbox) -> None:
    products = sandbox.world.catalog.products
    for product in (products[40], products[7], products[90]):  # one second: the fake clock stands still
        sandbox.update_product(product.sku, name="Tied")
    tied = sorted((products[40], products[7], products[90]), key=lambda p: p.id)
    lab_key = ("2026-12-04 17:38:55", 6)
    recording, path = keyed("products.keyset_page.tie", lab_key, sandbox.product(tied[0].sku))
    body = api.ok("GET", path)
    assert same_shape(with_category(recording["body"]), body) == []
    assert ([i["sku"] for i in body["items"]], body["total_count"]) == ([p.sku for p in tied[1:]], 2)
    assert recording["body"]["items"][0]["updated_at"] == lab_key[0]  # the recorded tie, kept too


def test_shipments_sorted_by_updated_at(api: Api, sandbox: Magento2Sandbox) -> None:
    simple = sellable_simple(sandbox)
    other = next(p for p in sandbox.world.catalog.products if p.type_id == "simple" and p != simple)
    order_id = quote_order(api, [(simple.sku, 1), (other.sku, 2)])
    track = {"track_number": "1Z999AA10123456784", "title": "UPS", "carrier_code": "ups"}
    api.ok("POST", f"/rest/V1/order/{order_id}/ship", json={"tracks": [track]})
    recording = recorded("shipments.list.sorted")
    answer = api.request("GET", path_of(recording))
    assert answer.status_code == recording["status"] == 200
    assert same_shape(recording["body"], answer.json()) == []
    assert answer.json()["search_criteria"] == recording["body"]["search_criteria"]


def test_a_product_in_no_category_has_no_category_links_as_recorded(
    api: Api, sandbox: Magento2Sandbox
) -> None:
    """LAB-S3 of the recorded page is in no category: ``category_ids`` is ``[]`` and the
    ``category_links`` key is absent, not an empty list."""
    [lab] = [i for i in recorded("products.keyset_page.basis")["body"]["items"] if i["sku"] == "LAB-S3"]
    product = sellable_simple(sandbox)
    product.category_ids = ()
    answer = api.ok("GET", f"/rest/default/V1/products/{product.sku}")
    assert answer["extension_attributes"].keys() - {"stock_item"} == lab["extension_attributes"].keys()
    categories = [c["value"] for c in answer["custom_attributes"] if c["attribute_code"] == "category_ids"]
    assert categories == [[]]
