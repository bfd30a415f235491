"""Categories, photobank, templates, logistics and merchant profile: requests and typed answers."""

from __future__ import annotations

import json

import pytest

from aliexpress_magento.clients.aliexpress import AliExpressClient, RetryableError, TerminalError
from aliexpress_magento.clients.aliexpress.categories import (
    AttributeValue,
    CommonAttributeInfo,
    SkuAttributeInfo,
)
from aliexpress_magento.clients.aliexpress.logistics import LogisticsService
from aliexpress_magento.clients.aliexpress.merchant import MerchantProfile
from aliexpress_magento.clients.aliexpress.photobank import UploadedImage
from aliexpress_magento.clients.aliexpress.templates import FreightTemplate, PromiseTemplate

from .conftest import FakeApi, business_params


def test_category_tree_query_decodes_the_names_string(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.seller.category.tree.query.two-items")
    categories = client.categories.tree_query(509)
    assert api.last.params["method"] == "aliexpress.solution.seller.category.tree.query"
    assert business_params(api.last) == {"category_id": "509", "filter_no_permission": "true"}
    assert [(c.category_id, c.is_leaf, c.level, c.name) for c in categories] == [
        (5090301, True, 2, "Mobile Phones"),
        (5090302, True, 2, "Mobile Phones"),
    ]
    assert categories[0].names["ru"] == "Мобильные телефоны"
    assert len(categories[0].names) == 10


def test_category_tree_roots_with_the_single_item_sample(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.seller.category.tree.query")
    (category,) = client.categories.tree_query(filter_no_permission=False)
    assert business_params(api.last) == {"category_id": "0", "filter_no_permission": "false"}
    assert category.names["de"] == "Mobiltelefon"


def test_schema_get_decodes_the_schema_string(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.product.schema.get")
    assert client.categories.schema_get(200000346) == {}
    assert business_params(api.last) == {"aliexpress_category_id": "200000346"}


def test_schema_get_with_a_real_schema_and_a_broken_one(api: FakeApi, client: AliExpressClient) -> None:
    schema = {
        "type": "object",
        "required": ["category_attributes"],
        "properties": {"title": {"maxLength": 128}},
    }
    api.reply_json(
        {
            "aliexpress_solution_product_schema_get_response": {
                "result": {"success": True, "schema": json.dumps(schema)}
            }
        }
    )
    assert client.categories.schema_get(1) == schema
    api.replies[:] = []
    api.reply_json(
        {"aliexpress_solution_product_schema_get_response": {"result": {"success": True, "schema": "{cut"}}}
    )
    with pytest.raises(TerminalError, match="schema is not a JSON object"):
        client.categories.schema_get(1)


def test_schema_text_is_the_string_as_sent_and_still_refuses_a_broken_one(
    api: FakeApi, client: AliExpressClient
) -> None:
    sent = '{"title": "Schéma",  "type": "object"}'  # non-ASCII and a double space: no re-encoding
    api.reply_json(
        {"aliexpress_solution_product_schema_get_response": {"result": {"success": True, "schema": sent}}}
    )
    assert client.categories.schema_text(348) == sent
    assert business_params(api.last) == {"aliexpress_category_id": "348"}
    api.replies[:] = []
    api.reply_json(
        {"aliexpress_solution_product_schema_get_response": {"result": {"success": True, "schema": "[1]"}}}
    )
    with pytest.raises(TerminalError, match="schema is not a JSON object"):
        client.categories.schema_text(348)


def test_sku_attribute_query_sends_the_request_json_and_parses_the_sample(
    api: FakeApi, client: AliExpressClient
) -> None:
    api.reply_sample("aliexpress.solution.sku.attribute.query")
    attributes = client.categories.sku_attribute_query(200000346)
    assert business_params(api.last) == {
        "query_sku_attribute_info_request": '{"aliexpress_category_id":200000346}'
    }
    assert attributes.sku_attributes == (SkuAttributeInfo("Color", False, True, True, ("Blue",)),)
    assert attributes.common_attributes == (
        CommonAttributeInfo(10, "Material", True, (AttributeValue(47, "Cotton"),)),
    )


def test_photobank_upload_parses_the_result(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json(
        {
            "aliexpress_photobank_redefining_uploadimageforsdk_response": {
                "result": {
                    "is_success": True,
                    "status": "SUCCESS",
                    "photobank_url": "https://ae01.alicdn.com/kf/H1.jpg",
                    "file_name": "shirt.jpg",
                    "width": 800,
                    "height": 800,
                    "photobank_total_size": "6144.00",
                }
            }
        }
    )
    image = client.photobank.upload("shirt.jpg", b"jpeg")
    assert api.last.params["method"] == "aliexpress.photobank.redefining.uploadimageforsdk"
    assert business_params(api.last) == {"file_name": "shirt.jpg"}
    assert image == UploadedImage("https://ae01.alicdn.com/kf/H1.jpg", "shirt.jpg", 800, 800, "SUCCESS")


def test_photobank_refusal_in_body_raises(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json(
        {
            "aliexpress_photobank_redefining_uploadimageforsdk_response": {
                "result": {
                    "is_success": False,
                    "error_code": "01202011",
                    "error_message": "image is larger than 3M",
                }
            }
        }
    )
    with pytest.raises(TerminalError) as caught:
        client.photobank.upload("big.jpg", b"x")
    assert (caught.value.code, caught.value.message) == ("01202011", "image is larger than 3M")


def test_photobank_limits_are_checked_before_sending(api: FakeApi, client: AliExpressClient) -> None:
    with pytest.raises(ValueError, match="at most 3145728"):
        client.photobank.upload("a.jpg", b"x" * (3 * 1024 * 1024 + 1))
    with pytest.raises(ValueError, match=r"file_name must be 1\.\.256"):
        client.photobank.upload("a" * 257, b"x")
    assert api.sent == []


def test_freight_templates_parse_the_odd_wrapper_of_the_sample(
    api: FakeApi, client: AliExpressClient
) -> None:
    api.reply_sample("aliexpress.freight.redefining.listfreighttemplate")
    assert client.templates.list_freight() == (FreightTemplate(10000100001, "free shipping", False),)
    assert api.last.params["method"] == "aliexpress.freight.redefining.listfreighttemplate"
    assert business_params(api.last) == {}


def test_freight_failure_in_body_raises_with_its_description(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json(
        {
            "aliexpress_freight_redefining_listfreighttemplate_response": {
                "result_success": False,
                "result_error_desc": "no auth",
            }
        }
    )
    with pytest.raises(TerminalError, match="no auth"):
        client.templates.list_freight()


def test_promise_templates_default_to_all(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json(
        {
            "aliexpress_postproduct_redefining_querypromisetemplatebyid_response": {
                "result": {
                    "template_list": {
                        "aeop_promise_template_dto": [{"id": 0, "name": "Default"}, {"id": 7, "name": "Fast"}]
                    }
                }
            }
        }
    )
    assert client.templates.query_promise() == (PromiseTemplate(0, "Default"), PromiseTemplate(7, "Fast"))
    assert business_params(api.last) == {"template_id": "-1"}


def test_logistics_services_parse_the_sample_and_check_tracking_numbers(
    api: FakeApi, client: AliExpressClient
) -> None:
    api.reply_sample("aliexpress.logistics.redefining.listlogisticsservice")
    (service,) = client.logistics.list_services()
    assert service == LogisticsService(
        service_name="CPAM",
        display_name="China Post Registered Air Mail",
        logistics_company="CPAM",
        min_process_day=1,
        max_process_day=5,
        recommend_order=11,
        tracking_no_regex="^[a-zA-z]{2}[A-Za-z0-9]{9}[a-zA-z]{2}$",
    )
    assert service.accepts("RR123456789CN") is True
    assert service.accepts("123") is False


def test_merchant_profile_parses_the_sample(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_sample("aliexpress.solution.merchant.profile.get")
    assert client.merchant.profile_get() == MerchantProfile(
        country_code="ES",
        merchant_login_id="es1329072766xyzq",
        shop_id=1234321,
        shop_name="test store",
        shop_type="official",
        shop_url="//www.aliexpress.com/store/1234321",
        product_posting_forbidden=False,
    )


def test_merchant_profile_transient_platform_error(api: FakeApi, client: AliExpressClient) -> None:
    api.reply_json(
        {"error_response": {"type": "ISP", "code": "isp.timeout", "msg": "timeout", "request_id": "z"}}
    )
    with pytest.raises(RetryableError) as caught:
        client.merchant.profile_get()
    assert (caught.value.code, caught.value.request_id) == ("isp.timeout", "z")
