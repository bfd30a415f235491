"""Every emulated method that has an official sample answers with the sample's shape.

Shape = the same keys (ours may add some), the same nesting and list wrappers, and the same JSON types
(string / number / boolean / object / array) at every level. Lists are compared item by item against
the sample's first item.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.sandbox.builders import POST_DTO, create_product, items, shirt
from tests.sandbox.conftest import Api

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "aliexpress" / "official-samples"
SEED_PRODUCT = "1005001000000101"


def sample(name: str) -> Any:
    return json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))["body"]


def json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return {str: "string", dict: "object", list: "array", type(None): "null"}[type(value)]


def shape_problems(
    expected: Any, actual: Any, path: str = "$", empty_ok: frozenset[str] = frozenset()
) -> list[str]:
    """``empty_ok`` names list wrappers the sandbox knowingly leaves empty (e.g. videos it never has)."""
    if json_type(expected) != json_type(actual):
        return [f"{path}: {json_type(actual)} instead of {json_type(expected)}"]
    if isinstance(expected, dict):
        missing = [f"{path}.{k}: missing" for k in expected if k not in actual]
        nested = [
            shape_problems(expected[k], actual[k], f"{path}.{k}", empty_ok) for k in expected if k in actual
        ]
        return missing + [p for problems in nested for p in problems]
    if isinstance(expected, list) and expected:
        if not actual:
            return (
                [] if path.rsplit(".", 1)[-1] in empty_ok else [f"{path}: empty list, the sample has items"]
            )
        nested = [
            shape_problems(expected[0], item, f"{path}[{i}]", empty_ok) for i, item in enumerate(actual)
        ]
        return [p for problems in nested for p in problems]
    return []


def test_the_shape_checker_catches_a_wrong_type_a_missing_key_and_a_bare_list() -> None:
    expected = {"a": {"b_list": {"item": [{"id": 1, "name": "x"}]}}}
    assert shape_problems(expected, {"a": {"b_list": {"item": [{"id": 2, "name": "y", "extra": 1}]}}}) == []
    assert shape_problems(expected, {"a": {"b_list": {"item": [{"id": "2", "name": "y"}]}}}) == [
        "$.a.b_list.item[0].id: string instead of number"
    ]
    assert shape_problems(expected, {"a": {"b_list": [{"id": 2, "name": "y"}]}}) == [
        "$.a.b_list: array instead of object"
    ]
    assert shape_problems(expected, {"a": {}}) == ["$.a.b_list: missing"]
    assert shape_problems(expected, {"a": {"b_list": {"item": []}}}) == [
        "$.a.b_list.item: empty list, the sample has items"
    ]


EMPTY_OK = frozenset(
    {
        "global_aeop_ae_video",  # the sandbox has no videos
        "common_attribute_value_info_dto",  # free-text attributes (Model Number) have no values
        "global_aeop_tp_order_msg_dto",  # deprecated order messages, never sent
    }
)


def check(api: Api, name: str, method: str, **params: Any) -> dict[str, Any]:
    body = api.call(method, **params)
    expected = sample(name)
    assert shape_problems(expected, body, empty_ok=EMPTY_OK) == [], json.dumps(body)[:2000]
    assert isinstance(body[method.replace(".", "_") + "_response"]["request_id"], str)
    return body


# Methods without special set-up: (sample file, method, params).
SIMPLE = [
    (
        "aliexpress.solution.seller.category.tree.query",
        {"category_id": "509", "filter_no_permission": "true"},
    ),
    ("aliexpress.solution.product.schema.get", {"aliexpress_category_id": "348"}),
    ("aliexpress.solution.merchant.profile.get", {}),
    ("aliexpress.logistics.redefining.listlogisticsservice", {}),
    ("aliexpress.freight.redefining.listfreighttemplate", {}),
    (
        "aliexpress.solution.sku.attribute.query",
        {"query_sku_attribute_info_request": {"aliexpress_category_id": 348}},
    ),
    (
        "aliexpress.solution.product.list.get",
        {"aeop_a_e_product_list_query": {"product_status_type": "onSelling"}},
    ),
]


@pytest.mark.parametrize(("method", "params"), SIMPLE, ids=[m for m, _ in SIMPLE])
def test_simple_methods_have_the_sample_shape(api: Api, method: str, params: dict[str, Any]) -> None:
    check(api, method, method, **params)


def test_product_info_with_groups_and_country_prices_has_the_sample_shape(api: Api) -> None:
    country = {
        "price_type": "absolute",
        "country_price_list": [
            {
                "ship_to_country": "ES",
                "sku_price_by_country_list": [
                    {"sku_code": "LIN-BLK-M", "price": "28", "discount_price": "24"}
                ],
            }
        ],
    }
    instance = shirt(product_group_id="1002141", multi_country_price_configuration=country)
    instance["sku_info_list"][1]["discount_price"] = 26  # sku_discount_price is left out when there is none
    product_id = create_product(api, instance)
    check(
        api,
        "aliexpress.solution.product.info.get",
        "aliexpress.solution.product.info.get",
        product_id=str(product_id),
    )


def test_the_two_category_samples_agree_with_the_tree(api: Api) -> None:
    check(
        api,
        "aliexpress.solution.seller.category.tree.query.two-items",
        "aliexpress.solution.seller.category.tree.query",
        category_id="100001205",
        filter_no_permission="true",
    )


def test_dto_posts_have_the_sample_shape(api: Api) -> None:
    body = check(
        api,
        "aliexpress.solution.product.post",
        "aliexpress.solution.product.post",
        post_product_request=POST_DTO,
    )
    product_id = body["aliexpress_solution_product_post_response"]["result"]["product_id"]
    check(
        api,
        "aliexpress.solution.product.edit",
        "aliexpress.solution.product.edit",
        edit_product_request={"product_id": product_id, "weight": "0.7"},
    )


def test_schema_posts_have_the_sample_shape(api: Api) -> None:
    body = check(
        api,
        "aliexpress.solution.schema.product.instance.post",
        "aliexpress.solution.schema.product.instance.post",
        product_instance_request=shirt(),
    )
    product_id = body["aliexpress_solution_schema_product_instance_post_response"]["result"]["product_id"]
    check(
        api,
        "aliexpress.solution.schema.product.full.update",
        "aliexpress.solution.schema.product.full.update",
        schema_full_update_request=shirt(aliexpress_product_id=product_id),
    )


def test_feed_methods_have_the_sample_shape(api: Api) -> None:
    body = check(
        api,
        "aliexpress.solution.feed.submit",
        "aliexpress.solution.feed.submit",
        operation_type="PRODUCT_CREATE",
        item_list=items(shirt()),
    )
    job_id = body["aliexpress_solution_feed_submit_response"]["job_id"]
    check(api, "aliexpress.solution.feed.query", "aliexpress.solution.feed.query", job_id=str(job_id))
    check(api, "aliexpress.solution.feed.list.get", "aliexpress.solution.feed.list.get")


@pytest.mark.parametrize("kind", ["price", "inventory"])
def test_batch_updates_have_the_sample_shape(api: Api, kind: str) -> None:
    field = {"price": {"price": "10.5"}, "inventory": {"inventory": "3"}}[kind]
    updates = [
        {
            "product_id": int(SEED_PRODUCT),
            "multiple_sku_update_list": [{"sku_code": "DEMO-SHIRT-BLK-M", **field}],
        },
        {"product_id": 1005009999999999, "multiple_sku_update_list": [{"sku_code": "X", **field}]},
    ]
    method = f"aliexpress.solution.batch.product.{kind}.update"
    check(api, method, method, mutiple_product_update_list=updates)


def test_delete_has_the_sample_shape(api: Api) -> None:
    method = "aliexpress.solution.batch.product.delete"
    check(api, method, method, product_ids=f"[{create_product(api)}]")


def test_order_methods_have_the_sample_shape(sandbox: AliExpressSandbox, api: Api) -> None:
    (order_id,) = sandbox.place_orders(1, status="WAIT_SELLER_SEND_GOODS")
    query = {"create_date_start": "2000-01-01 00:00:00", "page_size": 20, "current_page": 1}
    for name in ("aliexpress.solution.order.get", "aliexpress.solution.order.get.ticaje"):
        check(api, name, "aliexpress.solution.order.get", param0=query)
    check(
        api,
        "aliexpress.solution.order.receiptinfo.get",
        "aliexpress.solution.order.receiptinfo.get",
        param1={"order_id": order_id},
    )
    check(
        api,
        "aliexpress.solution.order.fulfill",
        "aliexpress.solution.order.fulfill",
        service_name="EMS",
        out_ref=str(order_id),
        send_type="all",
        logistics_no="LA888877776CN",
    )
    check(
        api,
        "aliexpress.solution.order.info.get",
        "aliexpress.solution.order.info.get",
        param1={"order_id": order_id, "ext_info_bit_flag": "11111"},
    )


def test_token_bodies_have_the_sample_shape(api: Api) -> None:
    created = api.authorize()
    assert shape_problems(sample("auth.token.create"), created) == []
    refreshed = api.token("/auth/token/refresh", refresh_token=created["refresh_token"])
    assert shape_problems(sample("auth.token.refresh"), refreshed) == []


def test_photobank_upload_has_the_sibling_uploadimage_fields(api: Api) -> None:
    """No sample exists for the forsdk variant; its SDK model names these fields (fact sheet §4.5)."""
    buffer = io.BytesIO()
    Image.new("RGB", (858, 1210), "white").save(buffer, "PNG")
    values = api.signed(
        api.system(
            method="aliexpress.photobank.redefining.uploadimageforsdk",
            session=api.session,
            file_name="test2.png",
        )
    )
    body = api.http.post(
        "/sync", data=values, files={"image_bytes": ("test2.png", buffer.getvalue(), "image/png")}
    )
    result = body.json()["aliexpress_photobank_redefining_uploadimageforsdk_response"]["result"]
    assert {k: json_type(v) for k, v in result.items()} == {
        "is_success": "boolean",
        "status": "string",
        "photobank_url": "string",
        "file_name": "string",
        "width": "number",
        "height": "number",
        "photobank_total_size": "string",
        "photobank_used_size": "string",
    }
