"""``/_sandbox/…`` control endpoints of the Magento 2 sandbox (JSON in, JSON out).

GET/POST ``/_sandbox/knobs`` · POST ``/_sandbox/reset`` · GET ``/_sandbox/state`` ·
POST ``/_sandbox/source-items`` ``{"sku", "quantity", "status"?}`` ·
POST ``/_sandbox/products`` ``{"sku", "price"?, "special_price"?, "status"?}`` (bumps ``updated_at``) ·
POST ``/_sandbox/admin-token`` → ``{"token"}`` (an admin token without the password round trip).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request, Response

from aliexpress_magento.sandbox.core.http import JsonDict, json_response, read_json_body

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.magento2.sandbox import Magento2Sandbox

Action = Callable[["Magento2Sandbox", Request, JsonDict], Any]


def knobs(sandbox: Magento2Sandbox, request: Request, body: JsonDict) -> Any:
    if request.method == "POST":
        sandbox.knobs.update(body)
    return sandbox.knobs.as_json()


def reset(sandbox: Magento2Sandbox, request: Request, body: JsonDict) -> Any:
    sandbox.reset()
    return {"ok": True}


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
    changes = {k: body[k] for k in ("price", "special_price", "status", "name") if k in body}
    sandbox.update_product(str(body["sku"]), **changes)
    return {"sku": body["sku"], "updated": sorted(changes)}


def admin_token(sandbox: Magento2Sandbox, request: Request, body: JsonDict) -> Any:
    return {"token": sandbox.admin_token()}


ACTIONS: dict[str, tuple[tuple[str, ...], Action]] = {
    "knobs": (("GET", "POST"), knobs),
    "reset": (("POST",), reset),
    "state": (("GET",), state),
    "source-items": (("POST",), source_items),
    "products": (("POST",), products),
    "admin-token": (("POST",), admin_token),
}


def handle(sandbox: Magento2Sandbox, request: Request, name: str) -> Response:
    found = ACTIONS.get(name)
    if found is None or request.method not in found[0]:
        return json_response({"error": f"no control endpoint {request.method} /_sandbox/{name}"}, 404)
    try:
        answer = found[1](sandbox, request, read_json_body(request))
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as error:
        return json_response({"error": f"{type(error).__name__}: {error}"}, 400)
    except LookupError as error:
        return json_response({"error": str(error)}, 404)
    if request.method == "POST":
        sandbox.persist()
    return json_response(answer)
