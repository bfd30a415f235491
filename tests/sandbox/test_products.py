"""Batch price/stock updates, delete, online/offline, list and schema posts."""

from __future__ import annotations

from typing import Any

from tests.sandbox.builders import POST_DTO, create_product, shirt
from tests.sandbox.conftest import Api

PRICE, STOCK = (
    "aliexpress.solution.batch.product.price.update",
    "aliexpress.solution.batch.product.inventory.update",
)
DELETE, INFO = "aliexpress.solution.batch.product.delete", "aliexpress.solution.product.info.get"
LIST = "aliexpress.solution.product.list.get"


def sub_msg(body: dict[str, Any]) -> str:
    assert (body["error_response"]["code"], body["error_response"]["sub_code"]) == (
        50,
        "isv.invalid-parameter",
    )
    message: str = body["error_response"]["sub_msg"]
    return message


def skus(api: Api, product_id: int) -> dict[str, dict[str, Any]]:
    info = api.result(INFO, product_id=str(product_id))["result"]
    return {s["sku_code"]: s for s in info["aeop_ae_product_s_k_us"]["global_aeop_ae_product_sku"]}


def test_batch_limits_are_20_products_and_200_skus(api: Api) -> None:
    product = {"product_id": 1, "multiple_sku_update_list": [{"sku_code": "A", "inventory": 1}]}
    assert sub_msg(api.call(STOCK, mutiple_product_update_list=[product] * 21)) == (
        "非法参数: at most 20 products per call, got 21"
    )
    wide = {
        "product_id": 1,
        "multiple_sku_update_list": [{"sku_code": str(i), "price": "1"} for i in range(201)],
    }
    assert (
        sub_msg(api.call(PRICE, mutiple_product_update_list=[wide]))
        == "非法参数: at most 200 SKUs per product, got 201"
    )


def test_twenty_products_of_two_hundred_skus_are_accepted(api: Api) -> None:
    product = {
        "product_id": 1005000000000001,
        "multiple_sku_update_list": [{"sku_code": str(i), "inventory": 1} for i in range(200)],
    }
    body = api.result(STOCK, mutiple_product_update_list=[product] * 20)
    assert body["update_success"] is False
    assert len(body["update_failed_list"]["synchronize_product_response_dto"]) == 20


def test_batch_updates_report_success_and_failure_per_product(api: Api) -> None:
    good, other = (
        create_product(api),
        create_product(
            api,
            shirt(
                sku_info_list=[
                    {
                        "sku_code": "OTHER-1",
                        "inventory": 1,
                        "price": 9,
                        "sku_attributes": {"Color": {"value": "29"}},
                    }
                ]
            ),
        ),
    )
    body = api.result(
        PRICE,
        mutiple_product_update_list=[
            {"product_id": good, "multiple_sku_update_list": [{"sku_code": "LIN-BLK-M", "price": "33.50"}]},
            {"product_id": other, "multiple_sku_update_list": [{"sku_code": "LIN-BLK-M", "price": "1"}]},
            {
                "product_id": 1005000000000000,
                "multiple_sku_update_list": [{"sku_code": "LIN-BLK-M", "price": "1"}],
            },
            {"product_id": good, "multiple_sku_update_list": [{"sku_code": "LIN-BLK-L", "price": "0"}]},
        ],
    )
    assert body["update_success"] is False
    assert body["update_successful_list"]["synchronize_product_response_dto"] == [{"product_id": good}]
    assert [
        (f["product_id"], f["error_code"])
        for f in body["update_failed_list"]["synchronize_product_response_dto"]
    ] == [(other, "F00-00-10007-024"), (1005000000000000, "F00-00-10001-002"), (good, "F00-00-10014-016")]
    # Omitting discount_price erases the discount.
    assert "sku_discount_price" not in skus(api, good)["LIN-BLK-M"]
    assert skus(api, good)["LIN-BLK-M"]["sku_price"] == "33.50"


def test_inventory_update_is_reflected_and_all_success_is_true(api: Api) -> None:
    product_id = create_product(api)
    body = api.result(
        STOCK,
        mutiple_product_update_list=[
            {
                "product_id": product_id,
                "multiple_sku_update_list": [{"sku_code": "LIN-BLK-L", "inventory": 0}],
            }
        ],
    )
    assert (body["update_success"], body["update_failed_list"]) == (
        True,
        {"synchronize_product_response_dto": []},
    )
    assert (
        skus(api, product_id)["LIN-BLK-L"]["ipm_sku_stock"],
        skus(api, product_id)["LIN-BLK-L"]["sku_stock"],
    ) == (0, False)


def test_delete_takes_at_most_100_ids_and_removes_products(api: Api) -> None:
    ids = [str(1005000000000000 + i) for i in range(101)]
    assert (
        sub_msg(api.call(DELETE, product_ids=",".join(ids)))
        == "非法参数: product_ids holds 101 ids; at most 100 are allowed"
    )
    first, second = create_product(api), create_product(api)
    assert api.result(DELETE, product_ids=f"[{first},{second}]")["success"] == "true"
    gone = api.call(INFO, product_id=str(first))["error_response"]
    assert (gone["code"], gone["sub_code"]) == (15, "F00-00-10001-002")


def test_deleting_an_unknown_id_deletes_nothing(api: Api) -> None:
    product_id = create_product(api)
    body = api.call(DELETE, product_ids=f"{product_id},1005000000000000")
    assert body["error_response"]["sub_msg"] == "The product does not exist: [1005000000000000]"
    assert api.result(INFO, product_id=str(product_id))["result"]["product_id"] == product_id


def test_offline_and_online_move_products_between_list_statuses(api: Api) -> None:
    product_id = create_product(api)
    body = api.result(
        "aliexpress.postproduct.redefining.offlineaeproduct", product_ids=f"{product_id};1005000000000000"
    )
    assert (body["result"]["success"], body["result"]["modify_count"]) == (False, 1)
    offline = api.result(LIST, aeop_a_e_product_list_query={"product_status_type": "offline"})["result"]
    assert product_id in [
        p["product_id"] for p in offline["aeop_a_e_product_display_d_t_o_list"]["item_display_dto"]
    ]
    api.result("aliexpress.postproduct.redefining.onlineaeproduct", product_ids=str(product_id))
    assert api.result(INFO, product_id=str(product_id))["result"]["product_status_type"] == "onSelling"


def test_product_list_filters_and_pages(api: Api) -> None:
    create_product(
        api, shirt(title_multi_language_list=[{"locale": "en_US", "title": "Unique Parrot Shirt"}])
    )
    query = {"product_status_type": "onSelling", "subject": "parrot"}
    found = api.result(LIST, aeop_a_e_product_list_query=query)["result"]
    assert [p["subject"] for p in found["aeop_a_e_product_display_d_t_o_list"]["item_display_dto"]] == [
        "Unique Parrot Shirt"
    ]
    paged = api.result(
        LIST, aeop_a_e_product_list_query={"product_status_type": "onSelling", "page_size": 1}
    )["result"]
    assert (paged["product_count"], paged["total_page"]) == (3, 3)
    assert sub_msg(api.call(LIST, aeop_a_e_product_list_query={"product_status_type": "selling"})).startswith(
        "非法参数: product_status_type must be one of"
    )


def test_an_invalid_schema_post_answers_code_15_with_the_schema_sub_code(api: Api) -> None:
    body = api.call(
        "aliexpress.solution.schema.product.instance.post",
        product_instance_request=shirt(image_url_list=[f"https://img.test/{i}.jpg" for i in range(7)]),
    )
    error = body["error_response"]
    assert (error["code"], error["msg"], error["sub_code"]) == (
        15,
        "Remote service error",
        "F00-00-10020-002",
    )
    assert error["sub_msg"] == "#/image_url_list: expected maximum item count: 6, found: 7"


def test_product_post_accepts_a_218_character_subject_and_edit_overlays_fields(api: Api) -> None:
    product_id = api.result("aliexpress.solution.product.post", post_product_request=POST_DTO)["result"][
        "product_id"
    ]
    info = api.result(INFO, product_id=str(product_id))["result"]
    properties = {
        (p["attr_name"], p["attr_value"])
        for p in info["aeop_ae_product_propertys"]["global_aeop_ae_product_property"]
    }
    assert {("Material", "Cotton"), ("Material", "Polyester"), ("Pattern Type", "Paisley")} <= properties
    sku = info["aeop_ae_product_s_k_us"]["global_aeop_ae_product_sku"][0]
    assert (
        sku["id"],
        sku["sku_price"],
        sku["sku_discount_price"],
        sku["aeop_s_k_u_property_list"]["global_aeop_sku_property"][0]["property_value_definition_name"],
    ) == ("14:771", "12.21", "9.99", "red")
    edited = api.result(
        "aliexpress.solution.product.edit",
        edit_product_request={"product_id": product_id, "shipping_lead_time": 5},
    )
    assert edited["result"]["product_id"] == product_id
    info = api.result(INFO, product_id=str(product_id))["result"]
    assert (info["delivery_time"], info["subject"]) == (5, "S" * 200)


def test_product_post_refuses_missing_fields_long_subjects_and_invalid_attributes(api: Api) -> None:
    missing = {k: v for k, v in POST_DTO.items() if k not in ("weight", "shipping_lead_time")}
    assert sub_msg(api.call("aliexpress.solution.product.post", post_product_request=missing)) == (
        "非法参数: post_product_request lacks weight, shipping_lead_time"
    )
    long = {**POST_DTO, "multi_language_subject_list": [{"language": "en", "subject": "S" * 219}]}
    assert sub_msg(api.call("aliexpress.solution.product.post", post_product_request=long)) == (
        "非法参数: subject must be at most 218 characters"
    )
    no_brand = {**POST_DTO, "attribute_list": POST_DTO["attribute_list"][1:]}
    error = api.call("aliexpress.solution.product.post", post_product_request=no_brand)["error_response"]
    assert (error["sub_code"], error["sub_msg"]) == (
        "F00-00-10020-002",
        "#/category_attributes: required key [Brand Name] not found",
    )
