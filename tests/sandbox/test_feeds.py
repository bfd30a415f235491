"""Feed jobs: lifecycle, validation against the category schema, updates."""

from __future__ import annotations

import json
from typing import Any

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.sandbox.builders import create_product, items, shirt
from tests.sandbox.conftest import Api, FakeClock

SUBMIT, QUERY, LIST = (
    "aliexpress.solution.feed.submit",
    "aliexpress.solution.feed.query",
    "aliexpress.solution.feed.list.get",
)


def submit(api: Api, operation: str, contents: list[dict[str, Any]]) -> int:
    job_id: int = api.result(SUBMIT, operation_type=operation, item_list=items(*contents))["job_id"]
    return job_id


def results(api: Api, job_id: int) -> list[dict[str, Any]]:
    body = api.result(QUERY, job_id=str(job_id))
    rows = body.get("result_list", {}).get("single_item_response_dto", [])
    return [json.loads(r["item_execution_result"]) for r in rows]


def status(api: Api, job_id: int) -> str:
    jobs = api.result(LIST)["job_list"]["batch_operation_job_dto"]
    found: str = next(j["status"] for j in jobs if j["job_id"] == job_id)
    return found


def test_a_job_goes_queueing_processing_finish_with_results_arriving_progressively(
    sandbox: AliExpressSandbox, api: Api, clock: FakeClock
) -> None:
    sandbox.knobs.feed_delay_seconds = 10
    job_id = submit(api, "PRODUCT_CREATE", [shirt(), shirt(), shirt(), shirt()])
    assert job_id > 2**53  # the sample's id range: clients must parse ids as big integers
    assert (status(api, job_id), results(api, job_id)) == ("QUEUEING", [])
    assert "result_list" not in api.result(QUERY, job_id=str(job_id))
    clock.advance(7.5)  # halfway through processing
    assert status(api, job_id) == "PROCESSING"
    partial = api.result(QUERY, job_id=str(job_id))
    assert (partial["total_item_count"], partial["success_item_count"]) == (4, 2)
    clock.advance(2.5)
    assert status(api, job_id) == "FINISH"
    done = results(api, job_id)
    assert [r["success"] for r in done] == [True, True, True, True]
    assert all(len(str(r["productId"])) == 16 and str(r["productId"]).startswith("1005") for r in done)


def test_a_missing_required_attribute_fails_with_the_schema_code_and_message(api: Api) -> None:
    broken = shirt()
    del broken["category_attributes"]["Brand Name"]
    [result] = results(api, submit(api, "PRODUCT_CREATE", [broken]))
    assert result["success"] is False
    assert result["errorCode"] == "F00-00-10020-002"
    assert result["errorMessage"] == "#/category_attributes: required key [Brand Name] not found"
    assert (
        json.loads(result["integrationErrorCode"]["integrationRequestParameter"]["schemaPostRequest"])
        == broken
    )


def test_several_schema_violations_are_reported_one_per_line(api: Api) -> None:
    broken = shirt(title_multi_language_list=[{"locale": "en_US", "title": "x" * 130}])
    broken["category_attributes"]["Brand Name"] = {"value": "123"}
    broken["category_attributes"]["Pattern Type"] = {"value": "4"}
    [result] = results(api, submit(api, "PRODUCT_CREATE", [broken]))
    assert result["errorMessage"].split("\n") == [
        "#/category_attributes/Brand Name/value: #: 0 subschemas matched instead of one",
        "#/category_attributes/Pattern Type: required key [customValue] not found",
        "#/title_multi_language_list/0/title: expected maxLength: 128, actual: 130",
    ]


def test_a_non_leaf_category_is_refused(api: Api) -> None:
    [result] = results(api, submit(api, "PRODUCT_CREATE", [shirt(category_id=200000343)]))
    assert (result["success"], result["errorCode"]) == (False, "GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY")


def test_duplicate_sku_codes_are_refused(api: Api) -> None:
    twin = shirt()
    twin["sku_info_list"][1]["sku_code"] = twin["sku_info_list"][0]["sku_code"]
    [result] = results(api, submit(api, "PRODUCT_CREATE", [twin]))
    assert (result["errorCode"], result["errorMessage"]) == (
        "F00-00-10007-007",
        "duplicate sku_code, please check your input",
    )


def test_full_update_stock_and_price_feeds_change_the_product(api: Api) -> None:
    product_id = create_product(api)
    updated = shirt(
        aliexpress_product_id=product_id, title_multi_language_list=[{"locale": "en_US", "title": "New"}]
    )
    stocks = {
        "aliexpress_product_id": product_id,
        "multiple_sku_update_list": [{"sku_code": "LIN-BLK-M", "inventory": 0}],
    }
    prices = {
        "aliexpress_product_id": product_id,
        "multiple_sku_update_list": [{"sku_code": "LIN-BLK-L", "price": "40.00", "discount_price": "35.00"}],
    }
    for operation, content in (
        ("PRODUCT_FULL_UPDATE", updated),
        ("PRODUCT_STOCKS_UPDATE", stocks),
        ("PRODUCT_PRICES_UPDATE", prices),
    ):
        assert results(api, submit(api, operation, [content])) == [{"productId": product_id, "success": True}]
    info = api.result("aliexpress.solution.product.info.get", product_id=str(product_id))["result"]
    skus = {s["sku_code"]: s for s in info["aeop_ae_product_s_k_us"]["global_aeop_ae_product_sku"]}
    assert info["subject"] == "New"
    assert (skus["LIN-BLK-M"]["ipm_sku_stock"], skus["LIN-BLK-M"]["sku_stock"]) == (0, False)
    assert (skus["LIN-BLK-L"]["sku_price"], skus["LIN-BLK-L"]["sku_discount_price"]) == ("40.00", "35.00")


def test_updates_of_unknown_products_and_skus_fail_per_item(api: Api) -> None:
    product_id = create_product(api)
    contents = [
        {
            "aliexpress_product_id": 1005000000000000,
            "multiple_sku_update_list": [{"sku_code": "A", "inventory": 1}],
        },
        {
            "aliexpress_product_id": product_id,
            "multiple_sku_update_list": [{"sku_code": "NOPE", "inventory": 1}],
        },
    ]
    outcome = results(api, submit(api, "PRODUCT_STOCKS_UPDATE", contents))
    assert [(r["success"], r["errorCode"]) for r in outcome] == [
        (False, "F00-00-10001-002"),
        (False, "F00-00-10014-015"),
    ]


def test_more_than_2000_items_or_an_unknown_operation_are_refused(api: Api) -> None:
    many = [{"item_content_id": str(i), "item_content": "{}"} for i in range(2001)]
    body = api.call(SUBMIT, operation_type="PRODUCT_CREATE", item_list=many)
    assert (
        body["error_response"]["sub_msg"] == "非法参数: item_list holds 2001 items; at most 2000 are allowed"
    )
    body = api.call(SUBMIT, operation_type="AliexpressProductListingPost", item_list=items(shirt()))
    assert body["error_response"]["sub_code"] == "isv.invalid-parameter"


def test_feed_list_filters_by_type_and_status_and_pages(sandbox: AliExpressSandbox, api: Api) -> None:
    first = submit(api, "PRODUCT_CREATE", [shirt()])
    sandbox.knobs.feed_delay_seconds = 60
    second = submit(
        api, "PRODUCT_STOCKS_UPDATE", [{"aliexpress_product_id": 1, "multiple_sku_update_list": []}]
    )
    finished = api.result(LIST, status="FINISH")["job_list"]["batch_operation_job_dto"]
    assert [j["job_id"] for j in finished] == [first]
    stocks = api.result(LIST, feed_type="PRODUCT_STOCKS_UPDATE")
    assert [j["job_id"] for j in stocks["job_list"]["batch_operation_job_dto"]] == [second]
    paged = api.result(LIST, page_size="1", current_page="2")
    assert (
        paged["total_count"],
        paged["total_page"],
        paged["job_list"]["batch_operation_job_dto"][0]["job_id"],
    ) == (2, 2, first)


def test_only_queueing_jobs_can_be_invalidated(
    sandbox: AliExpressSandbox, api: Api, clock: FakeClock
) -> None:
    started = submit(api, "PRODUCT_CREATE", [shirt()])  # delay 0: already finished
    sandbox.knobs.feed_delay_seconds = 100
    waiting = submit(api, "PRODUCT_CREATE", [shirt(), shirt()])
    body = api.result("aliexpress.solution.feed.invalidate", job_id_list=f"{waiting};{started};42")
    assert (body["successful_list"], body["no_need_invalidation_list"], body["failed_list"]) == (
        {"number": [waiting]},
        {"number": [started]},
        {"number": [42]},
    )
    assert body["result"]["invalid_successful_list"] == {"number": [waiting]}
    assert status(api, waiting) == "FINISH"
    assert [r["errorCode"] for r in results(api, waiting)] == ["JOB_INVALIDATED", "JOB_INVALIDATED"]
    clock.advance(200)
    assert [r["success"] for r in results(api, waiting)] == [False, False]
    assert len(sandbox.world.products.products) == 4  # the 3 seeded + the one started job's
