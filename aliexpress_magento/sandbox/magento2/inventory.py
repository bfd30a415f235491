"""MSI and legacy CatalogInventory: one source (``default``), one stock (1, linked to website ``base``).

Salable quantity = source quantity - reservations (stored as negative numbers, as MSI does), 0 for an
out-of-stock source item; placing an order through a cart appends ``-qty``; a shipment deducts the source
and appends ``+qty`` (the compensation); a raw ``POST /V1/orders`` appends nothing, so once shipped its
quantity is compensated twice, exactly the drift measured on 2.4.7-p3 (README of the recordings).
Legacy ``stockItems`` show the default source's quantity without reservations.
"""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE, Product
from aliexpress_magento.sandbox.magento2 import errors, results
from aliexpress_magento.sandbox.magento2.call import Call
from aliexpress_magento.sandbox.magento2.routing import Route
from aliexpress_magento.sandbox.magento2.search import Engine
from aliexpress_magento.sandbox.magento2.world import World

JsonDict = dict[str, Any]
SOURCE = "default"
STOCK_ID = 1
WEBSITE = "base"
SOURCE_ACL = "Magento_InventoryApi::source"
STOCK_ACL = "Magento_InventoryApi::stock"


def source_qty(world: World, sku: str) -> tuple[float, int]:
    qty, status = world.source_items.get(sku, [0.0, 0.0])
    return float(qty), int(status)


def salable_qty(world: World, product: Product) -> float:
    if product.type_id == CONFIGURABLE:
        return 0.0
    qty, status = source_qty(world, product.sku)
    if status == 0:
        return 0.0
    return float(_num(qty + world.reservations.get(product.sku, 0.0)))


def is_salable(world: World, product: Product) -> bool:
    if product.type_id == CONFIGURABLE:
        return any(salable_qty(world, c) > 0 for c in world.catalog.children(product))
    return salable_qty(world, product) > 0


def reserve(world: World, sku: str, qty: float) -> None:
    world.reservations[sku] = world.reservations.get(sku, 0.0) - qty
    world.catalog.changed()


def compensate(world: World, sku: str, qty: float) -> None:
    world.reservations[sku] = world.reservations.get(sku, 0.0) + qty
    world.catalog.changed()


def deduct(world: World, sku: str, qty: float) -> None:
    current, status = source_qty(world, sku)
    world.source_items[sku] = [current - qty, float(status)]
    world.catalog.changed()


def _num(value: float) -> Any:
    return int(value) if float(value).is_integer() else value


def stock_item(world: World, product: Product) -> JsonDict:
    qty, status = source_qty(world, product.sku)
    in_stock = is_salable(world, product) if product.type_id == CONFIGURABLE else status == 1
    return {
        "item_id": product.id, "product_id": product.id, "stock_id": STOCK_ID,
        "qty": 0 if product.type_id == CONFIGURABLE else _num(qty), "is_in_stock": in_stock,
        "is_qty_decimal": False, "show_default_notification_message": False,
        "use_config_min_qty": True, "min_qty": 0, "use_config_min_sale_qty": 1, "min_sale_qty": 1,
        "use_config_max_sale_qty": True, "max_sale_qty": 10000, "use_config_backorders": True,
        "backorders": 0, "use_config_notify_stock_qty": True, "notify_stock_qty": 1,
        "use_config_qty_increments": True, "qty_increments": 0, "use_config_enable_qty_inc": True,
        "enable_qty_increments": False, "use_config_manage_stock": True, "manage_stock": True,
        "low_stock_date": None, "is_decimal_divided": False, "stock_status_changed_auto": 0,
    }  # fmt: skip


def _product(call: Call, name: str = "sku") -> Product:
    product = call.world.catalog.get(call.params[name])
    if product is None:
        raise errors.product_not_found()
    return product


def _stock_id(call: Call) -> None:
    if call.params["stockId"] != str(STOCK_ID):
        raise errors.no_such_entity("stockId", call.params["stockId"])  # unsure: message of a real store


SOURCE_JSON: JsonDict = {
    "source_code": SOURCE, "name": "Default Source", "enabled": True, "description": "Default Source",
    "latitude": 0, "longitude": 0, "country_id": "US", "postcode": "00000",
    "use_default_carrier_config": True, "carrier_links": [],
}  # fmt: skip
STOCK_JSON: JsonDict = {
    "stock_id": STOCK_ID, "name": "Default Stock",
    "extension_attributes": {"sales_channels": [{"type": "website", "code": WEBSITE}]},
}  # fmt: skip


def list_sources(call: Call) -> object:
    return results.search([SOURCE_JSON], call.criteria(), results.DICTS, dict)


def get_source(call: Call) -> object:
    if call.params["sourceCode"] != SOURCE:
        raise errors.bad_request(
            'Source item with code "%value" does not exist.', {"value": call.params["sourceCode"]}
        )
    return SOURCE_JSON


def list_stocks(call: Call) -> object:
    return results.search([STOCK_JSON], call.criteria(), results.DICTS, dict)


def get_stock(call: Call) -> object:
    if call.params["stockId"] != str(STOCK_ID):
        raise errors.no_such_entity("stockId", call.int_param("stockId"))
    return STOCK_JSON


def stock_source_links(call: Call) -> object:
    link = {"stock_id": STOCK_ID, "source_code": SOURCE, "priority": 1}
    return results.search([link], call.criteria(), results.DICTS, dict)


def _source_item(sku: str, qty: float, status: int) -> JsonDict:
    return {"sku": sku, "source_code": SOURCE, "quantity": _num(qty), "status": status}


def list_source_items(call: Call) -> object:
    world = call.world
    rows = [
        _source_item(p.sku, *source_qty(world, p.sku))
        for p in world.catalog.products
        if p.sku in world.source_items
    ]
    return results.search(rows, call.criteria(), results.DICTS, dict)


def save_source_items(call: Call) -> object:
    items = call.arg("sourceItems")
    for item in items if isinstance(items, list) else []:
        product = call.world.catalog.get(str(item.get("sku", "")))
        if product is None or product.type_id == CONFIGURABLE:
            raise errors.bad_request("Validation Failed")
        call.world.source_items[product.sku] = [float(item.get("quantity", 0)), float(item.get("status", 1))]
        product.updated_at = call.stamp
    call.world.catalog.changed()
    return []


NO_STOCK = "No linked stock found"  # StockResolver's NoSuchEntityException (from the source; unsure)


def stock_resolver(call: Call) -> object:
    if call.params["type"] != "website" or call.params["code"] != WEBSITE:
        raise errors.MagentoError(404, NO_STOCK)
    return STOCK_JSON


def salable_quantity(call: Call) -> object:
    product = call.world.catalog.get(call.params["sku"])
    if product is None:  # MSI's GetProductTypesBySkus refuses unknown SKUs (from the source; unsure)
        raise errors.bad_request(
            "Following products with requested skus were not found: %skus", {"skus": call.params["sku"]}
        )
    _stock_id(call)
    if product.type_id == CONFIGURABLE:
        raise errors.bad_request("Can't check requested quantity for products without Source Items support.")
    return salable_qty(call.world, product)


def product_is_salable(call: Call) -> object:
    product = _product(call)
    _stock_id(call)
    return is_salable(call.world, product)


def products_are_salable(call: Call) -> object:
    """``?skus[]=A&skus[]=B&stockId=1`` (``skus[0]=A`` works too); unknown SKUs are reported unsalable
    (unsure: a real store may refuse them)."""
    args = call.request.args
    wanted = [v for k, v in args.items(multi=True) if k == "skus" or k.startswith("skus[")]
    stock = args.get("stockId", "")
    if not wanted:
        raise errors.required("skus")
    if not stock:
        raise errors.required("stockId")
    world = call.world
    found = []
    for sku in wanted:
        product = world.catalog.get(sku)
        salable = product is not None and stock == str(STOCK_ID) and is_salable(world, product)
        found.append({"sku": sku, "stock_id": int(stock) if stock.isdigit() else 0, "salable": salable})
    return found


def _export_row(world: World, product: Product) -> JsonDict:
    if product.type_id == CONFIGURABLE:
        return {"sku": product.sku, "qty": 0, "is_salable": is_salable(world, product)}
    return {"sku": product.sku, "qty": salable_qty(world, product), "is_salable": is_salable(world, product)}


def export_salable(call: Call) -> object:
    if call.params["salesChannelType"] != "website" or call.params["salesChannelCode"] != WEBSITE:
        raise errors.MagentoError(404, NO_STOCK)
    world = call.world
    engine: Engine[Product] = Engine(
        lambda p, f: _export_row(world, p).get(f) if f != "sku" else p.sku, index=world.salable_index
    )
    return results.search(world.catalog.products, call.criteria(), engine, lambda p: _export_row(world, p))


def legacy_stock_item(call: Call) -> object:
    return stock_item(call.world, _product(call, "productSku"))


def legacy_stock_status(call: Call) -> object:
    product = _product(call, "productSku")
    item = stock_item(call.world, product)
    return {
        "product_id": product.id, "stock_id": STOCK_ID, "qty": item["qty"],
        "stock_status": 1 if item["is_in_stock"] else 0, "stock_item": item,
    }  # fmt: skip


ROUTES = [
    Route("GET", "/V1/inventory/sources", list_sources, SOURCE_ACL),
    Route("GET", "/V1/inventory/sources/{sourceCode}", get_source, SOURCE_ACL),
    Route("GET", "/V1/inventory/stocks", list_stocks, STOCK_ACL),
    Route("GET", "/V1/inventory/stocks/{stockId}", get_stock, STOCK_ACL),
    Route("GET", "/V1/inventory/stock-source-links", stock_source_links, STOCK_ACL),
    Route("GET", "/V1/inventory/source-items", list_source_items, SOURCE_ACL),
    Route("POST", "/V1/inventory/source-items", save_source_items, SOURCE_ACL),
    Route("GET", "/V1/inventory/stock-resolver/{type}/{code}", stock_resolver, STOCK_ACL),
    Route("GET", "/V1/inventory/get-product-salable-quantity/{sku}/{stockId}", salable_quantity, STOCK_ACL),
    Route("GET", "/V1/inventory/is-product-salable/{sku}/{stockId}", product_is_salable, STOCK_ACL),
    Route("GET", "/V1/inventory/are-products-salable", products_are_salable, STOCK_ACL),
    Route(
        "GET",
        "/V1/inventory/export-stock-salable-qty/{salesChannelType}/{salesChannelCode}",
        export_salable,
        STOCK_ACL,
    ),
    Route(
        "GET", "/V1/stockItems/{productSku}", legacy_stock_item, "Magento_CatalogInventory::cataloginventory"
    ),
    Route(
        "GET",
        "/V1/stockStatuses/{productSku}",
        legacy_stock_status,
        "Magento_CatalogInventory::cataloginventory",
    ),
]
