"""``/_sandbox/…`` control endpoints of the Magento 1 sandbox (JSON in, JSON out).

GET/POST ``/_sandbox/knobs`` (``connector_module`` switches the module's resource on and off,
``session_ttl_seconds`` the session lifetime) · POST ``/_sandbox/reset`` · GET ``/_sandbox/state`` ·
POST ``/_sandbox/expire-sessions`` · POST ``/_sandbox/stock`` ``{"sku", "qty", "is_in_stock"?}`` ·
POST ``/_sandbox/products`` ``{"sku", "price"?, "special_price"?, "status"?, "name"?}`` (bumps
``updated_at``) · POST ``/_sandbox/ship`` ``{"increment_id", "tracks"?: [[number, carrier, title]]}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request, Response

from aliexpress_magento.sandbox.core.http import JsonDict, json_response, read_json_body

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.magento1.sandbox import Magento1Sandbox

Action = Callable[["Magento1Sandbox", Request, JsonDict], Any]


def knobs(sandbox: Magento1Sandbox, request: Request, body: JsonDict) -> Any:
    if request.method == "POST":
        sandbox.knobs.update(body)
    return sandbox.knobs.as_json()


def reset(sandbox: Magento1Sandbox, request: Request, body: JsonDict) -> Any:
    sandbox.reset()
    return {"ok": True}


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
    return {"sku": body["sku"], "salable_qty": sandbox.salable_qty(str(body["sku"]))}


def products(sandbox: Magento1Sandbox, request: Request, body: JsonDict) -> Any:
    changes = {k: body[k] for k in ("price", "special_price", "status", "name") if k in body}
    sandbox.update_product(str(body["sku"]), **changes)
    return {"sku": body["sku"], "updated": sorted(changes)}


def ship(sandbox: Magento1Sandbox, request: Request, body: JsonDict) -> Any:
    tracks = [(str(t[0]), str(t[1]), str(t[2])) for t in body.get("tracks", [])]
    return {"increment_id": sandbox.ship(str(body["increment_id"]), tracks)}


ACTIONS: dict[str, tuple[tuple[str, ...], Action]] = {
    "knobs": (("GET", "POST"), knobs),
    "reset": (("POST",), reset),
    "state": (("GET",), state),
    "expire-sessions": (("POST",), expire_sessions),
    "stock": (("POST",), stock),
    "products": (("POST",), products),
    "ship": (("POST",), ship),
}


def handle(sandbox: Magento1Sandbox, request: Request, name: str) -> Response:
    found = ACTIONS.get(name)
    if found is None or request.method not in found[0]:
        return json_response({"error": f"no control endpoint {request.method} /_sandbox/{name}"}, 404)
    try:
        answer = found[1](sandbox, request, read_json_body(request))
    except (ValueError, KeyError, TypeError, IndexError, json.JSONDecodeError) as error:
        return json_response({"error": f"{type(error).__name__}: {error}"}, 400)
    except LookupError as error:
        return json_response({"error": str(error)}, 404)
    except Exception as error:  # an API fault raised by a helper (unknown order…)
        return json_response({"error": str(error)}, 400)
    if request.method == "POST":
        sandbox.persist()
    return json_response(answer)
