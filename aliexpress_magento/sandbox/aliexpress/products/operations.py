"""Create / full update / stock / price changes in the schema format, shared by feeds and sync calls.

Each returns the feed ``item_execution_result`` object: ``{"productId", "success": true}`` or
``{"success": false, "productId"?, "errorCode", "errorMessage", "integrationErrorCode"}`` (the failure
nesting is partly inferred, fact sheet §5).
"""

from __future__ import annotations

import json
from typing import Any

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress.products.model import JsonDict, ProductStore
from aliexpress_magento.sandbox.aliexpress.validation import schema_errors

SCHEMA_INVALID = "F00-00-10020-002"
NOT_LEAF = "GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY"
NO_PRODUCT = "F00-00-10001-002"
DUPLICATE_SKU = "F00-00-10007-007"
UNKNOWN_SKU = "F00-00-10014-015"
MESSAGES = {
    NOT_LEAF: "The category is not a leaf category.",
    NO_PRODUCT: "The product does not exist.",
    DUPLICATE_SKU: "duplicate sku_code, please check your input",
    UNKNOWN_SKU: "The sku_code must already exist in the product.",
}


def failure(code: str, message: str, content: Any, product_id: int | None = None) -> JsonDict:
    result: JsonDict = {"success": False}
    if product_id is not None:
        result["productId"] = product_id
    result.update(
        {
            "errorCode": code,
            "errorMessage": message,
            "integrationErrorCode": {
                "integrationRequestParameter": {"schemaPostRequest": json.dumps(content, ensure_ascii=False)}
            },
        }
    )
    return result


def check_instance(instance: Any, product_id: int | None = None) -> JsonDict | None:
    """The failure result for an invalid instance, or ``None`` when it may be posted."""
    if not isinstance(instance, dict) or not isinstance(instance.get("category_id"), int):
        return failure(SCHEMA_INVALID, "#: required key [category_id] not found", instance, product_id)
    category = seed.categories().get(instance["category_id"])
    if category is None or not category.is_leaf:
        return failure(NOT_LEAF, MESSAGES[NOT_LEAF], instance, product_id)
    errors = schema_errors(category.id, instance)
    if errors:
        return failure(SCHEMA_INVALID, "\n".join(errors), instance, product_id)
    codes = [s["sku_code"] for s in instance["sku_info_list"]]
    if len(set(codes)) != len(codes):
        return failure(DUPLICATE_SKU, MESSAGES[DUPLICATE_SKU], instance, product_id)
    return None


def create(store: ProductStore, instance: Any, now: float) -> JsonDict:
    problem = check_instance(instance)
    if problem is not None:
        return problem
    product = store.add(instance, now)
    return {"productId": product.product_id, "success": True}


def full_update(store: ProductStore, instance: Any, now: float) -> JsonDict:
    product_id = _product_id(instance)
    product = store.get(product_id) if product_id is not None else None
    if product is None:
        return failure(NO_PRODUCT, MESSAGES[NO_PRODUCT], instance, product_id)
    body = {k: v for k, v in instance.items() if k != "aliexpress_product_id"}
    problem = check_instance(body, product.product_id)
    if problem is not None:
        return problem
    product.instance, product.modified_at = body, now
    return {"productId": product.product_id, "success": True}


def update_skus(store: ProductStore, content: Any, field: str, now: float) -> JsonDict:
    """``PRODUCT_STOCKS_UPDATE`` (``field="inventory"``) / ``PRODUCT_PRICES_UPDATE`` (``"price"``)."""
    product_id = _product_id(content)
    product = store.get(product_id) if product_id is not None else None
    if product is None:
        return failure(NO_PRODUCT, MESSAGES[NO_PRODUCT], content, product_id)
    updates = content.get("multiple_sku_update_list") or []
    if any(product.sku(str(u.get("sku_code"))) is None for u in updates):
        return failure(UNKNOWN_SKU, MESSAGES[UNKNOWN_SKU], content, product.product_id)
    for update in updates:
        apply_sku_update(product.sku(str(update["sku_code"])) or {}, update, field)
    product.modified_at = now
    return {"productId": product.product_id, "success": True}


def apply_sku_update(sku: JsonDict, update: JsonDict, field: str) -> None:
    if field == "inventory":
        sku["inventory"] = int(update["inventory"])
        return
    sku["price"] = float(update["price"])
    # Omitting discount_price erases the discount (fact sheet §4.4).
    if update.get("discount_price") not in (None, ""):
        sku["discount_price"] = float(update["discount_price"])
    else:
        sku.pop("discount_price", None)


def _product_id(content: Any) -> int | None:
    if not isinstance(content, dict):
        return None
    try:
        return int(content.get("aliexpress_product_id") or 0) or None
    except (TypeError, ValueError):
        return None
