"""Feeds area: submit / query / list / invalidate, requests and typed answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from aliexpress_magento.clients.aliexpress import AliExpressClient, TerminalError
from aliexpress_magento.clients.aliexpress.feeds import FeedItem

from .conftest import FakeApi, business_params

INSTANCE = {
    "category_id": 200000346,
    "locale": "es_ES",
    "title_multi_language_list": [{"locale": "es_ES", "title": "Camiseta"}],
    "category_attributes": {"Brand Name": {"value": "201512802"}},
}


def test_submit_sends_item_content_as_a_json_string_and_returns_the_big_job_id(
    api: FakeApi, client: AliExpressClient
) -> None:
    api.reply_sample("aliexpress.solution.feed.submit")
    job_id = client.feeds.submit("PRODUCT_CREATE", [FeedItem("sku-1", INSTANCE)])
    assert job_id == 200000000060024475
    params = business_params(api.last)
    assert params["operation_type"] == "PRODUCT_CREATE"
    (item,) = json.loads(params["item_list"])
    assert item["item_content_id"] == "sku-1"
    assert isinstance(item["item_content"], str)  # a JSON string inside the JSON array
    assert json.loads(item["item_content"]) == INSTANCE


def test_submit_enforces_2000_items(client: AliExpressClient) -> None:
    with pytest.raises(ValueError, match=r"1\.\.2000 items, got 2001"):
        client.feeds.submit("PRODUCT_CREATE", [FeedItem(str(i), {}) for i in range(2001)])


def test_query_parses_the_official_sample(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.feed.query")
    job = client.feeds.query(200000000060054475)
    assert business_params(api.last) == {"job_id": "200000000060054475"}
    assert (job.job_id, job.total_item_count, job.success_item_count, job.finished) == (
        200000000060054475,
        1,
        1,
        True,
    )
    (item,) = job.results
    assert (item.item_content_id, item.success, item.product_id, item.error) == (
        "A00000000Y1",
        True,
        33030372006,
        None,
    )


def test_query_reads_a_failed_item_with_its_real_code(api: FakeApi, client: AliExpressClient) -> None:
    failure = {
        "success": False,
        "productId": None,
        "errorCode": "F00-00-10020-002",
        "errorMessage": "#/category_attributes/Brand Name/value: #: 0 subschemas matched instead of one",
    }
    api.reply_json(
        {
            "aliexpress_solution_feed_query_response": {
                "job_id": 200000000060054475,
                "total_item_count": 2,
                "success_item_count": 0,
                "result_list": {
                    "single_item_response_dto": {
                        "item_content_id": "sku-1",
                        "item_execution_result": json.dumps(failure),
                    }
                },
            }
        }
    )
    job = client.feeds.query(200000000060054475)
    assert job.finished is False  # one of two results so far
    (item,) = job.results
    assert (item.success, item.product_id) == (False, None)
    assert type(item.error) is TerminalError
    assert item.error is not None
    assert (item.error.code, item.error.message) == ("F00-00-10020-002", failure["errorMessage"])


def test_a_failure_without_success_flag_is_still_a_failure(api: FakeApi, client: AliExpressClient) -> None:
    result = json.dumps({"errorCode": "F00-00-10007-007", "errorMessage": "duplicate sku_code"})
    api.reply_json(
        {
            "aliexpress_solution_feed_query_response": {
                "job_id": 1,
                "total_item_count": 1,
                "result_list": {
                    "single_item_response_dto": [{"item_content_id": "x", "item_execution_result": result}]
                },
            }
        }
    )
    (item,) = client.feeds.query(1).results
    assert item.success is False
    assert item.error is not None and item.error.code == "F00-00-10007-007"


def test_list_get_sends_filters_and_parses_the_sample(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.feed.list.get")
    page = client.feeds.list_get(
        current_page=3, status="PROCESSING", submitted_time_start=datetime(2024, 1, 15, 8, tzinfo=UTC)
    )
    assert business_params(api.last) == {
        "current_page": "3",
        "page_size": "20",
        "status": "PROCESSING",
        "submitted_time_start": "2024-01-15 00:00:00",
    }
    assert (page.current_page, page.page_size, page.total_count, page.total_page) == (3, 20, 300, 15)
    (job,) = page.jobs
    assert (job.job_id, job.operation_type, job.status) == (2000000000123456, "PRODUCT_CREATE", "PROCESSING")


def test_invalidate_sends_semicolon_ids_and_reads_the_top_shape(
    api: FakeApi, client: AliExpressClient
) -> None:
    api.reply_json(
        {
            "aliexpress_solution_feed_invalidate_response": {
                "successful_list": {"number": [200000000060024475]},
                "no_need_invalidation_list": {"number": [2]},
                "failed_list": {"number": []},
            }
        }
    )
    result = client.feeds.invalidate([200000000060024475, 2])
    assert business_params(api.last) == {"job_id_list": "200000000060024475;2"}
    assert (result.successful, result.no_need, result.failed) == ((200000000060024475,), (2,), ())


def test_invalidate_reads_the_iop_shape_too(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json(
        {
            "aliexpress_solution_feed_invalidate_response": {
                "result": {"success": True, "invalid_successful_list": [5], "invalid_failed_list": ["6"]}
            }
        }
    )
    result = client.feeds.invalidate([5, 6])
    assert (result.successful, result.no_need, result.failed) == ((5,), (), (6,))
