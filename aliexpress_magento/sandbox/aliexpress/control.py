"""``/_sandbox/…`` control endpoints (JSON in, JSON out). Only mounted by the sandbox itself.

GET/POST ``/_sandbox/knobs`` · POST ``/_sandbox/orders`` ``{"n", "status"?, "buyer_login_id"?,
"sku_codes"?}`` (with ``sku_codes``: one unit of each of those SKUs per order) · GET ``/_sandbox/orders/<id>``
(the order: status, lines, shipments with their tracking numbers) · GET ``/_sandbox/products`` (each
product's id, status, title and SKUs with price and inventory) ·
POST ``/_sandbox/orders/<id>/finish`` · POST ``/_sandbox/orders/<id>/cancel`` ·
POST ``/_sandbox/tick`` · POST ``/_sandbox/reset`` ·
POST ``/_sandbox/authorize`` ``{"redirect_uri", "state", "seller_id"?}`` · GET ``/_sandbox/state``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from aliexpress_magento.sandbox.core.http import JsonDict, json_response, read_json_body

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.sandbox import AliExpressSandbox

Action = Callable[["AliExpressSandbox", Request, JsonDict], JsonDict]


def knobs(sandbox: AliExpressSandbox, request: Request, body: JsonDict) -> JsonDict:
    if request.method == "POST":
        sandbox.knobs.update(body)
    return sandbox.knobs.as_json()


def orders(sandbox: AliExpressSandbox, request: Request, body: JsonDict) -> JsonDict:
    codes = body.get("sku_codes")
    placed = sandbox.place_orders(
        int(body.get("n", 1)),
        status=str(body.get("status", "PLACE_ORDER_SUCCESS")),
        buyer_login_id=str(body.get("buyer_login_id", "")),
        sku_codes=[str(c) for c in codes] if codes else None,
    )
    return {"order_ids": placed}


def order(sandbox: AliExpressSandbox, request: Request, body: JsonDict, order_id: int = 0) -> JsonDict:
    found = sandbox.world.orders.orders.get(order_id)
    if found is None:
        raise LookupError(f"no order {order_id}")
    return dataclasses.asdict(found)


def products(sandbox: AliExpressSandbox, request: Request, body: JsonDict) -> JsonDict:
    return {
        "products": [
            {
                "product_id": p.product_id,
                "status": p.status,
                "subject": p.subject(),
                "skus": [
                    {"sku_code": s.get("sku_code"), "price": s.get("price"), "inventory": s.get("inventory")}
                    for s in p.skus
                ],
            }
            for p in sandbox.world.products.products.values()
        ]
    }


def finish(sandbox: AliExpressSandbox, request: Request, body: JsonDict, order_id: int = 0) -> JsonDict:
    return {"order_id": order_id, "order_status": sandbox.finish_order(order_id)}


def cancel(sandbox: AliExpressSandbox, request: Request, body: JsonDict, order_id: int = 0) -> JsonDict:
    return {"order_id": order_id, "order_status": sandbox.cancel_order(order_id)}


def tick(sandbox: AliExpressSandbox, request: Request, body: JsonDict) -> JsonDict:
    sandbox.tick()
    return {"ok": True}


def reset(sandbox: AliExpressSandbox, request: Request, body: JsonDict) -> JsonDict:
    sandbox.reset()
    return {"ok": True}


def authorize(sandbox: AliExpressSandbox, request: Request, body: JsonDict) -> JsonDict:
    code = sandbox.grant_code(
        str(body["redirect_uri"]), str(body.get("state", "")), seller_id=str(body.get("seller_id", ""))
    )
    return {"code": code}


def state(sandbox: AliExpressSandbox, request: Request, body: JsonDict) -> JsonDict:
    world = sandbox.world
    statuses: dict[str, int] = {}
    for order in world.orders.orders.values():
        statuses[order.status] = statuses.get(order.status, 0) + 1
    return {
        "products": len(world.products.products),
        "feeds": len(world.feeds.jobs),
        "orders": statuses,
        "tokens": len(world.tokens.tokens),
    }


ACTIONS: dict[str, Callable[..., JsonDict]] = {
    "knobs": knobs,
    "orders": orders,
    "order": order,
    "products": products,
    "finish": finish,
    "cancel": cancel,
    "tick": tick,
    "reset": reset,
    "authorize": authorize,
    "state": state,
}


def rules() -> list[Rule]:
    """Fresh rule objects per app: a Werkzeug rule binds to one map only."""
    return [
        Rule("/_sandbox/knobs", endpoint="control:knobs", methods=["GET", "POST"]),
        Rule("/_sandbox/orders", endpoint="control:orders", methods=["POST"]),
        Rule("/_sandbox/orders/<int:order_id>", endpoint="control:order", methods=["GET"]),
        Rule("/_sandbox/products", endpoint="control:products", methods=["GET"]),
        Rule("/_sandbox/orders/<int:order_id>/finish", endpoint="control:finish", methods=["POST"]),
        Rule("/_sandbox/orders/<int:order_id>/cancel", endpoint="control:cancel", methods=["POST"]),
        Rule("/_sandbox/tick", endpoint="control:tick", methods=["POST"]),
        Rule("/_sandbox/reset", endpoint="control:reset", methods=["POST"]),
        Rule("/_sandbox/authorize", endpoint="control:authorize", methods=["POST"]),
        Rule("/_sandbox/state", endpoint="control:state", methods=["GET"]),
    ]


def endpoint(sandbox: AliExpressSandbox, name: str) -> Callable[..., Response]:
    def run(request: Request, **arguments: int) -> Response:
        try:
            body = read_json_body(request)
            answer = ACTIONS[name](sandbox, request, body, **arguments)
            if request.method == "POST":
                sandbox.persist()
            return json_response(answer)
        except (ValueError, KeyError, TypeError, json.JSONDecodeError) as error:
            return json_response({"error": f"{type(error).__name__}: {error}"}, 400)
        except LookupError as error:
            return json_response({"error": str(error)}, 404)

    return run
