"""``/_sandbox/…`` control endpoints of the Magento 1 sandbox (JSON in, JSON out).

GET/POST ``/_sandbox/knobs`` (``connector_module`` switches the module's resource on and off,
``session_ttl_seconds`` the session lifetime, ``emulate`` the store version, ``acl_denied`` the module's ACL
ids the API role is denied) · POST ``/_sandbox/reset`` · GET ``/_sandbox/state`` ·
POST ``/_sandbox/expire-sessions`` · POST ``/_sandbox/stock`` ``{"sku", "qty", "is_in_stock"?,
"manage_stock"?, "backorders"?}`` ·
POST ``/_sandbox/products`` ``{"sku", "price"?, "special_price"?, "special_from_date"?,
"special_to_date"?, "status"?, "name"?}`` (dates ``"YYYY-MM-DD"``, null clears one; bumps
``updated_at``) · POST ``/_sandbox/view-texts`` ``{"store", "sku", "name"?, "description"?}`` (the
product's own texts in a store view, ``sandbox/catalog/views.py``; empty: the default again) ·
POST ``/_sandbox/ship`` ``{"increment_id", "tracks"?: [[number, carrier, title]]}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request, Response

from aliexpress_magento.sandbox.catalog import edits, holder
from aliexpress_magento.sandbox.core import control
from aliexpress_magento.sandbox.core.http import JsonDict
from aliexpress_magento.sandbox.magento1.faults import ApiFault

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.magento1.sandbox import Magento1Sandbox


def state(sandbox: Magento1Sandbox, request: Request, body: JsonDict) -> Any:
    world = sandbox.world
    return {
        "products": len(world.catalog.products), "customers": len(world.customers),
        "quotes": len(world.quotes),
        "orders": len(world.orders), "shipments": len(world.shipments), "sessions": len(world.sessions),
    }  # fmt: skip


def expire_sessions(sandbox: Magento1Sandbox, request: Request, body: JsonDict) -> Any:
    return {"expired": sandbox.expire_sessions()}


def stock(sandbox: Magento1Sandbox, request: Request, body: JsonDict) -> Any:
    sandbox.set_stock(str(body["sku"]), float(body["qty"]), bool(body.get("is_in_stock", True)))
    if "manage_stock" in body or "backorders" in body:
        sandbox.set_stock_options(
            str(body["sku"]),
            manage_stock=bool(body.get("manage_stock", True)),
            backorders=int(body.get("backorders", 0)),
        )
    return {"sku": body["sku"], "salable_qty": sandbox.salable_qty(str(body["sku"]))}


def products(sandbox: Magento1Sandbox, request: Request, body: JsonDict) -> Any:
    changes = edits.controlled(body)
    sandbox.update_product(str(body["sku"]), **changes)
    return {"sku": body["sku"], "updated": sorted(changes)}


def ship(sandbox: Magento1Sandbox, request: Request, body: JsonDict) -> Any:
    tracks = [(str(t[0]), str(t[1]), str(t[2])) for t in body.get("tracks", [])]
    try:
        return {"increment_id": sandbox.ship(str(body["increment_id"]), tracks)}
    except ApiFault as error:  # an unknown order
        raise LookupError(error.message) from error


ACTIONS: control.Actions[Magento1Sandbox] = {
    "knobs": (("GET", "POST"), control.knobs),
    "reset": (("POST",), control.reset),
    "state": (("GET",), state),
    "expire-sessions": (("POST",), expire_sessions),
    "stock": (("POST",), stock),
    "products": (("POST",), products),
    "view-texts": (("POST",), holder.view_texts_action),
    "ship": (("POST",), ship),
}


def handle(sandbox: Magento1Sandbox, request: Request, name: str) -> Response:
    return control.handle(sandbox, request, name, ACTIONS)
