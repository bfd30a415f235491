"""Direct orders (``POST /V1/orders``) replayed from the second real store (2.4.7-p7,
tests/fixtures/magento2-recorded/second-store/order.direct_minimal*, order.direct_with_store*): the order
is stored exactly as sent — what was not sent stays NULL (absent from the answer), nothing is filled in
from the catalog or the store, and no stock is reserved. The lab store's LAB-S2 (id 2) is a demo simple."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.sandbox.magento2.conftest import Api, sellable_simple
from tests.sandbox.magento2.test_recordings import same_shape
from tests.sandbox.magento2.test_second_store_oauth1 import recorded
from tests.support.magento2_schema import validate

NOT_SENT = (
    "state", "status", "customer_group_id", "base_to_global_rate", "base_to_order_rate",
    "global_currency_code", "store_currency_code", "subtotal", "shipping_amount", "total_qty_ordered",
    "quote_id", "customer_id", "shipping_description",
)  # fmt: skip


def post_recorded(api: Api, sandbox: Magento2Sandbox, name: str) -> tuple[dict[str, Any], Any, Any]:
    """The recorded body with the lab SKU (and its id, where sent) replaced by a demo simple's."""
    simple = sellable_simple(sandbox)
    sent = json.loads(
        json.dumps(recorded(name)["request_body"]["body_sent"]).replace('"LAB-S2"', json.dumps(simple.sku))
    )
    for item in sent["entity"]["items"]:
        if "product_id" in item:
            item["product_id"] = simple.id
    answer = api.request("POST", "/rest/default/V1/orders", json=sent)
    assert answer.status_code == 200, answer.text
    order_id = answer.json()["entity_id"]
    return sent, answer.json(), api.ok("GET", f"/rest/default/V1/orders/{order_id}")


@pytest.mark.parametrize("name", ["order.direct_minimal", "order.direct_with_store"])
def test_answers_have_the_recorded_shape(api: Api, sandbox: Magento2Sandbox, name: str) -> None:
    sent, posted, read = post_recorded(api, sandbox, name)
    assert same_shape(recorded(name)["body"], posted) == []
    assert same_shape(recorded(f"{name}.get")["body"], read) == []
    assert (list(posted), list(read)) == (list(recorded(name)["body"]), list(recorded(f"{name}.get")["body"]))
    validate("POST", "/V1/orders", posted, sent=sent)
    validate("GET", "/V1/orders/{id}", read)


def test_a_minimal_direct_order_keeps_null_what_was_not_sent(api: Api, sandbox: Magento2Sandbox) -> None:
    simple = sellable_simple(sandbox)
    salable = sandbox.salable_qty(simple.sku)
    _, posted, read = post_recorded(api, sandbox, "order.direct_minimal")
    for body in (posted, read):
        assert [name for name in (*NOT_SENT, "store_id") if name in body] == []
        assert (body["grand_total"], body["base_grand_total"], body["total_due"]) == (None, None, 0)
        assert [k for k in ("product_id", "store_id") if k in body["items"][0]] == []
        assert body["store_name"] == "Main Website\nMain Website Store\nDefault Store View"
        assert (body["payment"]["additional_information"], body["status_histories"]) == ([], [])
    assert read["extension_attributes"]["payment_additional_info"] == []
    assert read["extension_attributes"]["shipping_assignments"][0]["shipping"]["total"] == []
    assert posted["extension_attributes"]["shipping_assignments"][0]["items"] is None
    assert sandbox.salable_qty(simple.sku) == salable  # no reservation


def test_store_id_and_product_id_are_kept_when_sent(api: Api, sandbox: Magento2Sandbox) -> None:
    _, posted, read = post_recorded(api, sandbox, "order.direct_with_store")
    for body in (posted, read):
        assert (body["store_id"], body["items"][0]["product_id"]) == (1, sellable_simple(sandbox).id)
        assert "store_id" not in body["items"][0]  # the line's store is not derived from the order's
        assert [name for name in NOT_SENT if name in body] == []
