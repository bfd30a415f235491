"""``aliexpress.solution.batch.product.price.update`` and ``.inventory.update`` (synchronous).

Over 20 products or 200 SKUs in one product refuses the whole call (``isv.invalid-parameter``); other
problems fail only their product, in ``update_failed_list``. ``update_success`` is true only if every
product succeeded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aliexpress_magento.sandbox.aliexpress.call import Call, JsonDict
from aliexpress_magento.sandbox.aliexpress.errors import invalid_parameter
from aliexpress_magento.sandbox.aliexpress.products import operations

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World

MAX_PRODUCTS = 20
MAX_SKUS = 200
NONE_BELONGS = "F00-00-10007-024"
INVALID_VALUE = "F00-00-10014-016"  # synthesized: no public code for an out-of-range price/stock was found


def _entries(call: Call) -> list[JsonDict]:
    entries = call.json("mutiple_product_update_list")  # sic: the real parameter name
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise invalid_parameter("mutiple_product_update_list must be a non-empty JSON array of objects")
    if len(entries) > MAX_PRODUCTS:
        raise invalid_parameter(f"at most {MAX_PRODUCTS} products per call, got {len(entries)}")
    for entry in entries:
        skus = entry.get("multiple_sku_update_list")
        if not isinstance(skus, list) or not skus:
            raise invalid_parameter("multiple_sku_update_list is required for every product")
        if len(skus) > MAX_SKUS:
            raise invalid_parameter(f"at most {MAX_SKUS} SKUs per product, got {len(skus)}")
    return entries


def _problem(world: World, entry: JsonDict, field: str) -> tuple[str, str] | None:
    product = world.products.get(int(entry.get("product_id") or 0))
    if product is None:
        return operations.NO_PRODUCT, operations.MESSAGES[operations.NO_PRODUCT]
    skus = entry["multiple_sku_update_list"]
    known = [product.sku(str(s.get("sku_code"))) is not None for s in skus]
    if not any(known):
        return NONE_BELONGS, "None of the sku belongs to the specific product."
    if not all(known):
        return operations.UNKNOWN_SKU, operations.MESSAGES[operations.UNKNOWN_SKU]
    if not all(_valid_value(s, field) for s in skus):
        return INVALID_VALUE, f"The {field} of a SKU is missing or out of range."
    return None


def _valid_value(sku: JsonDict, field: str) -> bool:
    try:
        value = float(sku[field])
    except (KeyError, TypeError, ValueError):
        return False
    if field == "inventory":
        return value == int(value) and 0 <= value <= 999999
    discount: Any = sku.get("discount_price")
    return 0.01 <= value <= 999999 and (discount in (None, "") or 0.01 <= float(discount) < value)


def _update(world: World, call: Call, field: str) -> JsonDict:
    succeeded, failed = [], []
    for entry in _entries(call):
        product_id = int(entry.get("product_id") or 0)
        problem = _problem(world, entry, field)
        if problem is not None:
            failed.append({"error_code": problem[0], "error_message": problem[1], "product_id": product_id})
            continue
        product = world.products.get(product_id)
        assert product is not None  # _problem checked it
        for sku_update in entry["multiple_sku_update_list"]:
            operations.apply_sku_update(product.sku(str(sku_update["sku_code"])) or {}, sku_update, field)
        product.modified_at = call.now
        succeeded.append({"product_id": product_id})
    return {
        "update_error_code": "",
        "update_error_message": "",
        "update_success": not failed,
        "update_failed_list": {"synchronize_product_response_dto": failed},
        "update_successful_list": {"synchronize_product_response_dto": succeeded},
    }


def price_update(world: World, call: Call) -> JsonDict:
    return _update(world, call, "price")


def inventory_update(world: World, call: Call) -> JsonDict:
    return _update(world, call, "inventory")


METHODS = {
    "aliexpress.solution.batch.product.price.update": price_update,
    "aliexpress.solution.batch.product.inventory.update": inventory_update,
}
