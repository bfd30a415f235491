"""``/_sandbox/…`` control endpoints of the Magento 2 sandbox (JSON in, JSON out).

GET/POST ``/_sandbox/knobs`` · POST ``/_sandbox/reset`` · GET ``/_sandbox/state`` ·
POST ``/_sandbox/source-items`` ``{"sku", "quantity", "status"?}`` ·
POST ``/_sandbox/products`` ``{"sku", "price"?, "special_price"?, "special_from_date"?, "special_to_date"?,
"status"?, "name"?}`` (dates ``"YYYY-MM-DD"``, null clears one; bumps ``updated_at``) ·
POST ``/_sandbox/view-texts`` ``{"store", "sku", "name"?, "description"?}`` (the product's own texts in
a store view, ``sandbox/catalog/views.py``; empty: the default again; bumps ``updated_at``) ·
POST ``/_sandbox/admin-token`` → ``{"token"}`` (an admin token without the password round trip) ·
POST ``/_sandbox/currency-rates`` ``{"currency", "rate"}`` (1 USD = rate; null removes the currency) ·
POST ``/_sandbox/ship`` ``{"increment_id", "tracks"?: [[number, carrier, title]]}`` (a warehouse ships the
order's open lines, as ``POST /V1/order/{id}/ship`` does; the same body as the Magento 1 sandbox's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request, Response

from aliexpress_magento.sandbox.catalog import edits, holder
from aliexpress_magento.sandbox.core import control
from aliexpress_magento.sandbox.core.http import JsonDict

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.magento2.sandbox import Magento2Sandbox


def state(sandbox: Magento2Sandbox, request: Request, body: JsonDict) -> Any:
    world = sandbox.world
    return {
        "products": len(world.catalog.products), "customers": len(world.customers), "carts": len(world.carts),
        "orders": len(world.orders), "shipments": len(world.shipments), "invoices": len(world.invoices),
    }  # fmt: skip


def source_items(sandbox: Magento2Sandbox, request: Request, body: JsonDict) -> Any:
    sandbox.set_source_qty(str(body["sku"]), float(body["quantity"]), int(body.get("status", 1)))
    return {"sku": body["sku"], "salable_qty": sandbox.salable_qty(str(body["sku"]))}


def products(sandbox: Magento2Sandbox, request: Request, body: JsonDict) -> Any:
    changes = edits.controlled(body)
    sandbox.update_product(str(body["sku"]), **changes)
    return {"sku": body["sku"], "updated": sorted(changes)}


def currency_rates(sandbox: Magento2Sandbox, request: Request, body: JsonDict) -> Any:
    rate = body.get("rate")
    sandbox.set_currency_rate(str(body["currency"]).upper(), None if rate is None else float(rate))
    return {"rates": sandbox.world.currency_rates}


def ship(sandbox: Magento2Sandbox, request: Request, body: JsonDict) -> Any:
    tracks = [(str(t[0]), str(t[1]), str(t[2])) for t in body.get("tracks", [])]
    increment_id = str(body["increment_id"])
    return {"increment_id": increment_id, "shipment_id": sandbox.ship(increment_id, tracks)}


def admin_token(sandbox: Magento2Sandbox, request: Request, body: JsonDict) -> Any:
    return {"token": sandbox.admin_token()}


ACTIONS: control.Actions[Magento2Sandbox] = {
    "knobs": (("GET", "POST"), control.knobs),
    "reset": (("POST",), control.reset),
    "state": (("GET",), state),
    "source-items": (("POST",), source_items),
    "products": (("POST",), products),
    "view-texts": (("POST",), holder.view_texts_action),
    "admin-token": (("POST",), admin_token),
    "currency-rates": (("POST",), currency_rates),
    "ship": (("POST",), ship),
}


def handle(sandbox: Magento2Sandbox, request: Request, name: str) -> Response:
    return control.handle(sandbox, request, name, ACTIONS)
