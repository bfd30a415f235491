"""Payloads for the sandbox tests, in the published schema-instance format (fact sheet §4.3)."""

from __future__ import annotations

import copy
import json
from typing import Any

from tests.sandbox.conftest import Api

SHIRT: dict[str, Any] = {
    "category_id": 348,
    "locale": "en_US",
    "product_units_type": "100000015",
    "title_multi_language_list": [{"locale": "en_US", "title": "Linen shirt"}],
    "description_multi_language_list": [
        {"locale": "en_US", "module_list": [{"type": "html", "html": {"content": "<p>Linen</p>"}}]}
    ],
    "image_url_list": ["https://ae01.alicdn.com/kf/HTB1TZJRVkvoK1RjSZFwq6AiCFXa0.jpg"],
    "category_attributes": {
        "Brand Name": {"value": "200010868"},
        "Material": {"value": ["567"]},
        "Sleeve Length(cm)": {"value": "200001500"},
        "Pattern Type": {"value": "4", "customValue": "Paisley"},
    },
    "sku_info_list": [
        {
            "sku_code": "LIN-BLK-M",
            "inventory": 5,
            "price": 30,
            "discount_price": 25,
            "sku_attributes": {"Color": {"value": "193", "alias": "Black"}, "Size": {"value": "361386"}},
        },
        {
            "sku_code": "LIN-BLK-L",
            "inventory": 7,
            "price": 30,
            "sku_attributes": {"Color": {"value": "193"}, "Size": {"value": "361385"}},
        },
    ],
    "inventory_deduction_strategy": "payment_success_deduct",
    "package_weight": 0.5,
    "package_length": 30,
    "package_height": 3,
    "package_width": 20,
    "shipping_preparation_time": 3,
    "shipping_template_id": "1000",
    "service_template_id": "0",
}


def shirt(**changes: Any) -> dict[str, Any]:
    item = copy.deepcopy(SHIRT)
    item.update(changes)
    return item


def items(*instances: dict[str, Any]) -> list[dict[str, str]]:
    return [{"item_content_id": f"item-{i}", "item_content": json.dumps(x)} for i, x in enumerate(instances)]


def create_product(api: Api, instance: dict[str, Any] | None = None) -> int:
    body = api.result(
        "aliexpress.solution.schema.product.instance.post", product_instance_request=instance or shirt()
    )
    product_id: int = body["result"]["product_id"]
    return product_id


# A product.post request DTO (fact sheet §4.1 example, category 348).
POST_DTO: dict[str, Any] = {
    "language": "en",
    "aliexpress_category_id": 348,
    "multi_language_subject_list": [{"language": "en", "subject": "S" * 200}],
    "multi_language_description_list": [
        {
            "language": "en",
            "web_detail": json.dumps(
                {"version": "2.0.0", "moduleList": [{"type": "html", "html": {"content": "<p>Hi</p>"}}]}
            ),
        }
    ],
    "main_image_urls_list": ["https://img.test/1.jpg"],
    "attribute_list": [
        {"aliexpress_attribute_name_id": 2, "aliexpress_attribute_value_id": 200010868},
        {"aliexpress_attribute_name_id": 990000002, "aliexpress_attribute_value_id": 200001500},
        {"aliexpress_attribute_name_id": 10, "aliexpress_attribute_value_id": 47},
        {"aliexpress_attribute_name_id": 10, "aliexpress_attribute_value_id": 49},
        {
            "aliexpress_attribute_name_id": 990000008,
            "aliexpress_attribute_value_id": 4,
            "attribute_value": "Paisley",
        },
        {"attribute_name": "Dresses Length", "attribute_value": "Knee Length"},
    ],
    "sku_info_list": [
        {
            "sku_code": "POST-1",
            "price": "12.21",
            "discount_price": "9.99",
            "inventory": 10,
            "sku_attributes_list": [
                {"sku_attribute_name_id": 14, "sku_attribute_value_id": 771, "sku_attribute_value": "red"}
            ],
        }
    ],
    "inventory_deduction_strategy": "payment_success_deduct",
    "weight": "0.5",
    "package_length": 10,
    "package_width": 30,
    "package_height": 20,
    "freight_template_id": 1000,
    "shipping_lead_time": 3,
    "service_policy_id": 0,
    "product_unit": 100000015,
}
