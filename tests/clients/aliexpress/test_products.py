"""Products area: requests sent and typed answers parsed from the official samples."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from aliexpress_magento.clients.aliexpress import AliExpressClient, RetryableError, TerminalError
from aliexpress_magento.clients.aliexpress.products import (
    ListQuery,
    ProductInventoryUpdate,
    ProductPriceUpdate,
    ProductRequest,
    Sku,
    SkuInventory,
    SkuPrice,
)

from .conftest import FakeApi, business_params

REQUEST: ProductRequest = {
    "language": "es",
    "aliexpress_category_id": 200000346,
    "multi_language_subject_list": [{"language": "es", "subject": "Camiseta"}],
    "main_image_urls_list": ["https://example.com/1.jpg"],
    "sku_info_list": [{"sku_code": "TS-RED-M", "price": "12.21", "inventory": 10}],
    "inventory_deduction_strategy": "payment_success_deduct",
    "weight": "0.5",
    "package_length": 10,
    "package_width": 30,
    "package_height": 20,
    "freight_template_id": 721452039,
    "shipping_lead_time": 3,
    "service_policy_id": 0,
}


def test_post_sends_post_product_request_as_json(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.product.post")
    assert client.products.post(REQUEST) == 32985684727
    assert api.last.params["method"] == "aliexpress.solution.product.post"
    assert list(business_params(api.last)) == ["post_product_request"]
    assert json.loads(business_params(api.last)["post_product_request"]) == REQUEST


def test_edit_requires_and_sends_the_product_id(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.product.edit")
    assert client.products.edit({"product_id": 32985684727, "weight": "0.6"}) == 32985684727
    assert business_params(api.last) == {"edit_product_request": '{"product_id":32985684727,"weight":"0.6"}'}
    with pytest.raises(ValueError, match="edit needs product_id"):
        client.products.edit({"weight": "0.6"})


def test_info_get_parses_the_official_sample(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.product.info.get")
    info = client.products.info_get(1234)
    assert business_params(api.last) == {"product_id": "1234"}
    assert (info.product_id, info.category_id, info.subject, info.product_status_type) == (
        1234,
        123456,
        "English description",
        "onSelling",
    )
    assert len(info.image_urls) == 5
    assert info.image_urls[0] == "http://g01.a.alicdn.com/kf/HTB13GKLJXXXXXbYaXXXq6xXFXXXi.jpg"
    assert info.skus[1] == Sku(
        id="200000182:193;200007763:201336100",
        sku_code="cfas00978",
        price=Decimal("200.07"),
        discount_price=Decimal("10.01"),
        stock=1234,
        currency_code="USD",
    )
    assert (info.freight_template_id, info.promise_template_id) == (12345, 100)
    assert info.group_ids == (1002141, 10024524)  # the [[...]] quirk, flattened
    assert info.gmt_modified == datetime(2018, 12, 19, 1, 11, 8, tzinfo=UTC)


def test_list_get_sends_the_query_json_and_parses_the_sample(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.product.list.get")
    page = client.products.list_get(ListQuery(product_status_type="offline", current_page=10, sku_code="A-1"))
    assert json.loads(business_params(api.last)["aeop_a_e_product_list_query"]) == {
        "product_status_type": "offline",
        "current_page": 10,
        "page_size": 20,
        "sku_code": "A-1",
    }
    assert (page.product_count, page.total_page, page.current_page) == (1201, 100, 10)
    (product,) = page.products
    assert product.product_id == 23453463456346546  # > 2^53, exact
    assert (product.subject, product.currency_code, product.product_min_price) == (
        "knew odd",
        "USD;RUB",
        Decimal(0),
    )


def test_price_update_sends_the_sic_parameter_and_reads_failures(
    api: FakeApi, client: AliExpressClient
) -> None:
    api.reply_sample("aliexpress.solution.batch.product.price.update")
    result = client.products.price_update(
        [
            ProductPriceUpdate(
                1005001, [SkuPrice("A", Decimal("9.90"), Decimal("8.90")), SkuPrice("B", Decimal(12))]
            )
        ]
    )
    assert api.last.params["method"] == "aliexpress.solution.batch.product.price.update"
    assert json.loads(business_params(api.last)["mutiple_product_update_list"]) == [
        {
            "product_id": 1005001,
            "multiple_sku_update_list": [
                {"sku_code": "A", "price": "9.90", "discount_price": "8.90"},
                {"sku_code": "B", "price": "12"},
            ],
        }
    ]
    assert (result.update_success, result.succeeded) == (True, (123,))
    assert [f.product_id for f in result.failed] == [123, 1234]
    assert type(result.failed[0].error) is TerminalError
    assert (result.failed[0].error.code, result.failed[0].error.message) == ("business-failure", "message")


def test_inventory_update_sends_quantities_and_reads_the_sample(
    api: FakeApi, client: AliExpressClient
) -> None:
    api.reply_sample("aliexpress.solution.batch.product.inventory.update")
    result = client.products.inventory_update([ProductInventoryUpdate(1005002, [SkuInventory("A", 0)])])
    assert business_params(api.last) == {
        "mutiple_product_update_list": (
            '[{"product_id":1005002,"multiple_sku_update_list":[{"sku_code":"A","inventory":0}]}]'
        )
    }
    assert result.succeeded == (123,)


def test_batch_failure_codes_go_through_the_one_classifier(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json(
        {
            "aliexpress_solution_batch_product_price_update_response": {
                "update_success": False,
                "update_failed_list": {
                    "synchronize_product_response_dto": {  # a single failure, as an object
                        "product_id": 1005002,
                        "error_code": "F00-00-10014-017",
                        "error_message": "downstream price update failure",
                    }
                },
                "request_id": "rq",
            }
        }
    )
    result = client.products.price_update([ProductPriceUpdate(1005002, [SkuPrice("A", Decimal(1))])])
    (failure,) = result.failed
    assert (result.update_success, failure.product_id, type(failure.error)) == (
        False,
        1005002,
        RetryableError,
    )
    assert failure.error.request_id == "rq"


@pytest.mark.parametrize(
    ("products", "skus", "message"),
    [(21, 1, r"1\.\.20 products, got 21"), (1, 201, r"1\.\.200 SKUs per call"), (0, 1, "got 0")],
)
def test_batch_limits_are_enforced_before_calling(
    client: AliExpressClient, products: int, skus: int, message: str
) -> None:
    updates = [
        ProductInventoryUpdate(i, [SkuInventory(f"S{j}", 1) for j in range(skus)]) for i in range(products)
    ]
    with pytest.raises(ValueError, match=message):
        client.products.inventory_update(updates)


def test_delete_sends_comma_joined_ids_and_enforces_100(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.batch.product.delete")
    client.products.delete([1005001234567890, 1005001234567891])
    assert business_params(api.last) == {"product_ids": "1005001234567890,1005001234567891"}
    with pytest.raises(ValueError, match=r"1\.\.100 ids"):
        client.products.delete(list(range(101)))


def test_online_and_offline_send_semicolon_joined_ids(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json(
        {
            "aliexpress_postproduct_redefining_onlineaeproduct_response": {
                "result": {"success": True, "modify_count": 2}
            }
        }
    )
    online = client.products.online([11, 12])
    assert (api.last.params["method"], business_params(api.last)) == (
        "aliexpress.postproduct.redefining.onlineaeproduct",
        {"product_ids": "11;12"},
    )
    assert (online.success, online.modify_count, online.failed) == (True, 2, ())
    api.replies[:] = []
    api.reply_json(
        {
            "aliexpress_postproduct_redefining_offlineaeproduct_response": {
                "result": {
                    "success": True,
                    "modify_count": 1,
                    "error_details": {
                        "error_detail": [
                            {
                                "error_code": "PRODUCT_IN_LOCK_MODE",
                                "error_message": "locked",
                                "product_ids": {"number": [12]},
                            }
                        ]
                    },
                }
            }
        }
    )
    offline = client.products.offline([11, 12], edit_reason="stock out")
    assert business_params(api.last) == {"product_ids": "11;12", "edit_reason": "stock out"}
    (failure,) = offline.failed
    assert (failure.product_id, failure.error.code, failure.error.message) == (
        12,
        "PRODUCT_IN_LOCK_MODE",
        "locked",
    )


def test_batch_failure_without_a_per_product_list_raises(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json(
        {
            "aliexpress_solution_batch_product_inventory_update_response": {
                "update_success": False,
                "update_error_code": "F00-00-10007-024",
                "update_error_message": "None of the sku belongs to the specific product.",
                "request_id": "rq2",
            }
        }
    )
    with pytest.raises(TerminalError) as caught:
        client.products.inventory_update([ProductInventoryUpdate(1, [SkuInventory("A", 1)])])
    assert (caught.value.code, caught.value.message, caught.value.request_id) == (
        "F00-00-10007-024",
        "None of the sku belongs to the specific product.",
        "rq2",
    )
