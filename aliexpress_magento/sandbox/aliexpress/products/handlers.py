"""Product read, schema post/update, status, delete methods."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from aliexpress_magento.sandbox.aliexpress.call import Call, JsonDict
from aliexpress_magento.sandbox.aliexpress.errors import business_error, invalid_parameter
from aliexpress_magento.sandbox.aliexpress.products import operations, views
from aliexpress_magento.sandbox.aliexpress.products.model import STATUSES, Product

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World

MAX_DELETE = 100
MAX_STATUS_CHANGE = 50  # a production client chunks 49 ids per call; the real limit is uncertain
LIST_MAX_PAGE_SIZE = 99  # "page_size < 100"


def product_or_error(world: World, product_id: int) -> Product:
    product = world.products.get(product_id)
    if product is None:
        raise business_error(operations.NO_PRODUCT, operations.MESSAGES[operations.NO_PRODUCT])
    return product


def info_get(world: World, call: Call) -> JsonDict:
    return {"result": views.info(product_or_error(world, call.integer("product_id")))}


def list_get(world: World, call: Call) -> JsonDict:
    query = call.json_object("aeop_a_e_product_list_query")
    status = query.get("product_status_type")
    if status not in STATUSES:
        raise invalid_parameter(f"product_status_type must be one of {', '.join(STATUSES)}")
    page, size = int(query.get("current_page") or 1), int(query.get("page_size") or 20)
    if page < 1 or not 1 <= size <= LIST_MAX_PAGE_SIZE:
        raise invalid_parameter("page_size must be between 1 and 99")
    found = [p for p in world.products.products.values() if p.status == status and _matches(p, query)]
    found.sort(key=lambda p: -p.modified_at)
    chosen = found[(page - 1) * size : page * size]
    return {
        "result": {
            "error_message": "",
            "error_code": 0,
            "total_page": math.ceil(len(found) / size),
            "success": True,
            "product_count": len(found),
            "error_msg": "",
            "current_page": page,
            "aeop_a_e_product_display_d_t_o_list": {"item_display_dto": [views.display(p) for p in chosen]},
        }
    }


def _matches(product: Product, query: JsonDict) -> bool:
    subject = str(query.get("subject") or "").lower()
    excluded = {int(i) for i in query.get("excepted_product_ids") or []}
    return (
        (not query.get("product_id") or int(query["product_id"]) == product.product_id)
        and (not query.get("sku_code") or product.sku(str(query["sku_code"])) is not None)
        and (not subject or subject in product.subject().lower())
        and product.product_id not in excluded
    )


def _posted(result: JsonDict) -> int:
    if not result["success"]:
        raise business_error(result["errorCode"], result["errorMessage"])
    return int(result["productId"])


def instance_post(world: World, call: Call) -> JsonDict:
    instance = call.json_object("product_instance_request")
    return {"result": {"product_id": _posted(operations.create(world.products, instance, call.now))}}


def full_update(world: World, call: Call) -> JsonDict:
    """Answers ``result.product_id`` (ticaje sample) and ``product_id`` (TOP metadata): sources disagree."""
    instance = call.json_object("schema_full_update_request")
    product_id = _posted(operations.full_update(world.products, instance, call.now))
    return {"result": {"product_id": product_id}, "product_id": product_id}


def id_list(raw: str, separators: str) -> list[int]:
    """Ids as a JSON array (the typed ``Number[]``) or joined by ``separators``."""
    text = raw.strip().strip("[]")
    try:
        return [int(part) for part in re.split(f"[{separators}]", text) if part.strip()]
    except ValueError:
        raise invalid_parameter("product_ids must hold numeric ids") from None


def delete(world: World, call: Call) -> JsonDict:
    ids = id_list(call.required("product_ids"), ",;")
    if len(ids) > MAX_DELETE:
        raise invalid_parameter(f"product_ids holds {len(ids)} ids; at most {MAX_DELETE} are allowed")
    missing = [i for i in ids if world.products.get(i) is None]
    if missing:
        raise business_error(operations.NO_PRODUCT, f"The product does not exist: {missing}")
    for product_id in ids:
        del world.products.products[product_id]
    return {"success": "true"}


def _set_status(world: World, call: Call, status: str) -> JsonDict:
    ids = id_list(call.required("product_ids"), ";")
    if len(ids) > MAX_STATUS_CHANGE:
        raise invalid_parameter(f"at most {MAX_STATUS_CHANGE} product ids per call")
    changed = [world.products.get(i) for i in ids]
    missing = [i for i, p in zip(ids, changed, strict=True) if p is None]
    for product in changed:
        if product is not None:
            product.status, product.modified_at = status, call.now
    result: dict[str, Any] = {"success": not missing, "modify_count": len(ids) - len(missing)}
    if missing:
        result.update(
            {
                "error_code": operations.NO_PRODUCT,
                "error_message": operations.MESSAGES[operations.NO_PRODUCT],
                "error_details": {
                    "error_detail": [
                        {
                            "error_code": operations.NO_PRODUCT,
                            "error_message": "product does not exist",
                            "product_ids": {"number": missing},
                        }
                    ]
                },
            }
        )
    return {"result": result}


def online(world: World, call: Call) -> JsonDict:
    return _set_status(world, call, "onSelling")


def offline(world: World, call: Call) -> JsonDict:
    return _set_status(world, call, "offline")


METHODS = {
    "aliexpress.solution.product.info.get": info_get,
    "aliexpress.solution.product.list.get": list_get,
    "aliexpress.solution.schema.product.instance.post": instance_post,
    "aliexpress.solution.schema.product.full.update": full_update,
    "aliexpress.solution.batch.product.delete": delete,
    "aliexpress.postproduct.redefining.onlineaeproduct": online,
    "aliexpress.postproduct.redefining.offlineaeproduct": offline,
}
