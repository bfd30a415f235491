"""Category tree, product schema and SKU attribute methods."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress.call import Call, JsonDict
from aliexpress_magento.sandbox.aliexpress.errors import invalid_parameter
from aliexpress_magento.sandbox.aliexpress.schemas import family, schema_for

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World

NOT_LEAF = "GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY"


def tree_query(world: World, call: Call) -> JsonDict:
    parent = call.integer("category_id")
    found = seed.categories()
    if parent != 0 and parent not in found:
        raise invalid_parameter(f"category_id {parent} does not exist")
    children = [c for c in found.values() if c.parent_id == parent and (parent != 0 or c.level == 1)]
    rows = [
        {
            "children_category_id": c.id,
            "is_leaf_category": c.is_leaf,
            "level": c.level,
            "multi_language_names": json.dumps(c.names, ensure_ascii=False),
        }
        for c in children
    ]
    return {"children_category_list": {"category_info": rows}, "is_success": True}


def _leaf(category_id: int) -> seed.Category | None:
    category = seed.categories().get(category_id)
    return category if category is not None and category.is_leaf else None


def schema_get(world: World, call: Call) -> JsonDict:
    category_id = call.integer("aliexpress_category_id")
    if _leaf(category_id) is None:
        return {
            "result": {
                "success": False,
                "error_code": NOT_LEAF,
                "error_message": f"category {category_id} is not a leaf category",
                "schema": "{}",
            }
        }
    schema = json.dumps(schema_for(category_id), ensure_ascii=False)
    return {"result": {"success": True, "error_code": "", "error_message": "", "schema": schema}}


def _sku_row(attribute: seed.Attribute) -> JsonDict:
    values = [{"aliexpress_sku_value_name": v.name} for v in attribute.values]
    return {
        "aliexpress_sku_name": attribute.name,
        "required": attribute.required,
        "aliexpress_sku_value_list": {"sku_value_simplified_info_dto": values},
        "support_customized_name": True,
        "support_customized_picture": attribute.name == "Color",
    }


def _common_row(attribute: seed.Attribute) -> JsonDict:
    values = [
        {"aliexpress_common_attribute_value_id": v.id, "aliexpress_common_attribute_value": v.name}
        for v in attribute.values
    ]
    return {
        "aliexpress_common_attribute_name_id": attribute.id,
        "aliexpress_common_attribute_name": attribute.name,
        "required": attribute.required,
        "aliexpress_common_attribute_value_list": {"common_attribute_value_info_dto": values},
    }


def sku_attribute_query(world: World, call: Call) -> JsonDict:
    request = call.json_object("query_sku_attribute_info_request")
    category = _leaf(int(request.get("aliexpress_category_id") or 0))
    if category is None:
        raise invalid_parameter("aliexpress_category_id must be a leaf category")
    common, sku = family(category)
    known = seed.attributes()
    return {
        "result": {
            "supporting_sku_attribute_list": {
                "supported_sku_attribute_dto": [_sku_row(known[n]) for n in sku]
            },
            "supporting_common_attribute_list": {
                "supported_common_attribute_dto": [_common_row(known[n]) for n in common]
            },
        }
    }


METHODS = {
    "aliexpress.solution.seller.category.tree.query": tree_query,
    "aliexpress.solution.product.schema.get": schema_get,
    "aliexpress.solution.sku.attribute.query": sku_attribute_query,
}
