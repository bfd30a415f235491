"""Check Magento 2 REST exchanges against Adobe's official 2.4.8 schema (the extract in
tests/fixtures/magento2/), allowing exactly the departures a real 2.4.7-p3 store shows — listed once, here.

The one helper of both suites: the sandbox's own tests (tests/sandbox/magento2/) validate its answers with
:func:`validate`; the wire check of the client and the Store (tests/clients/magento2/wire.py) validates
every request body with :func:`validate_request` and every answer with :func:`validate`.

Sources of the departures ("recordings" = ../shared/data/magento2-recorded/, whose README.md is copied in
tests/fixtures/magento2-recorded/):

1. ``custom_attributes[].value`` is an array of strings for ``category_ids`` (schema: string) — recordings
   README, "Where real responses depart from Adobe's official schema", first item; product.simple.json.
2. Fields the schema types as string or number answered as ``null`` (:data:`PLACEHOLDER`) — the same list,
   second item.
3. New ids answered as numeric strings (schema: integer) (:data:`STRING_ID_ROUTES`) — ``POST /V1/carts/``
   and ``/ship``: the same list, third item (cart.create.json answers ``"4"``); ``/invoice`` and
   ``/billing-address``: FINDINGS.md, "Bare scalar answers": ``order.invoice`` ``"5"`` (str) and
   ``cart.billing_address_use_for_shipping`` ``"42"`` (str). ``PUT /V1/carts/{id}/order`` stays an integer
   (cart.place_order.json).
4. Error ``parameters`` are a list of scalars for ``%1``-style messages and an object for ``%name``-style
   ones, where the schema knows a list of objects — FINDINGS.md, "Errors", last item ("error bodies seen
   have key sets …"); e.g. ``search.unknown_field`` ``["no_such_field"]``, ``error.cart_not_found``
   ``{"fieldName": "cartId", "fieldValue": 987654321}``.
5. A partial ``POST /V1/orders`` ``{"entity": {"entity_id", "increment_id", "ext_order_id"}}`` is accepted
   without the entity's schema-required totals, and its answer echoes ``null`` for those not sent —
   recordings README, "Behaviour verified on this real store", last item (also the fact sheet
   docs/magento2-rest.md §5.1 B: "The response echoes the partial object with nulls").
6. A guest cart's ``customer`` answers ``{"email": null, "firstname": null, "lastname": null}`` where the
   schema requires the three as strings — not in the recordings (no guest cart was read back there); a real
   answer is quoted in magento/magento2#6303 ("Calling REST /V1/carts/mine does not contain items").
   Allowed only on a cart whose ``customer_is_guest`` is true.
7. A new order posted (``POST /V1/orders``, the direct method) is stored as sent: sent without totals it
   answers ``grand_total`` / ``base_grand_total`` ``null`` (schema: number, required), its payment
   ``account_status`` / ``cc_last4`` ``null`` without the amounts a cart order's payment has, and the POST's
   own answer echoes the shipping assignment's ``items`` as ``null`` (schema: array), and read back, its
   ``shipping.total`` without any amount is ``[]`` (PHP's empty array; schema: object) — second-store
   ``order.direct_minimal*`` and ``order.direct_with_store*`` (recordings README, "Added from a second real
   Magento 2.4.7-p7 store"). Allowed on an order entity (a record with ``protect_code``) only.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

SUBSET = Path(__file__).resolve().parents[1] / "fixtures" / "magento2" / "admin-schema-2.4.8.subset.json"

# Departure 2: the schema's type for each field that real stores answer as null.
PLACEHOLDER = {
    "low_stock_date": "",
    "account_status": "",
    "cc_last4": "",
    "description": "",
    "qty": 0,
    "weight": 0,
    "weee_tax_applied_amount": 0,
    "weee_tax_applied": "",
    "grand_total": 0,  # departure 7
    "base_grand_total": 0,
    "items": [],
}
# Departure 3.
STRING_ID_ROUTES = {
    ("POST", "/V1/carts/"),
    ("POST", "/V1/order/{orderId}/ship"),
    ("POST", "/V1/order/{orderId}/invoice"),
    ("POST", "/V1/carts/{cartId}/billing-address"),
}
# Departure 6: a guest cart's customer, required strings answered as null.
GUEST_CUSTOMER_NULLS = ("email", "firstname", "lastname")
# Departure 5: the order entity's required fields, neither demanded nor typed when absent or echoed null.
ORDER = "sales-data-order-interface"
ORDER_REQUIRED = {"base_grand_total", "customer_email", "grand_total", "items"}


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SUBSET.read_text())
    return loaded


def operations() -> dict[str, Any]:
    paths: dict[str, Any] = _schema()["paths"]
    return paths


def definitions(*, partial_order: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = _schema()["definitions"]
    if partial_order:
        return {**found, ORDER: {**found[ORDER], "required": []}}
    return found


def response_schema(
    method: str, path: str, status: int = 200, *, partial_order: bool = False
) -> dict[str, Any]:
    operation = operations()[path][method.lower()]
    key = str(status) if str(status) in operation["responses"] else "default"
    return {"definitions": definitions(partial_order=partial_order), **operation["responses"][key]["schema"]}


@lru_cache(maxsize=1)
def _templates() -> list[tuple[re.Pattern[str], str, int]]:
    found = []
    for template in operations():
        pattern = re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
        pattern = re.sub(r"\{\w+\}", r"[^/]+", pattern)
        found.append((re.compile(f"^{pattern}$"), template, template.count("{")))
    return found


def template_of(method: str, path: str) -> str:
    """The schema path of a request path (``/V1/...``): literal segments beat placeholders."""
    matches = [
        (holes, template)
        for pattern, template, holes in _templates()
        if pattern.match(path) and method.lower() in operations()[template]
    ]
    if not matches:
        raise AssertionError(f"{method} {path} is not an operation of the official schema")
    return min(matches)[1]


def is_partial_order_update(method: str, template: str, sent: Any) -> bool:
    """Departure 5: ``POST /V1/orders`` naming an existing order's ``entity_id``."""
    entity = sent.get("entity") if isinstance(sent, dict) else None
    return (
        method == "POST" and template == "/V1/orders" and isinstance(entity, dict) and "entity_id" in entity
    )


def validate_request(method: str, template: str, body: Any) -> None:
    """The operation's ``in: body`` parameter; no unknown top-level keys (Magento answers 400
    ``"%fieldName" is not supported``, which the schema's open objects do not say)."""
    operation = operations()[template][method.lower()]
    params = [p for p in operation.get("parameters", []) if p.get("in") == "body"]
    if not params:
        assert body in (None, {}), f"{method} {template} takes no body, got {body!r}"
        return
    partial = is_partial_order_update(method, template, body)
    validator = {"definitions": definitions(partial_order=partial), **params[0]["schema"]}
    jsonschema.Draft4Validator(validator).validate(body)
    allowed = set(params[0]["schema"].get("properties", {}))
    assert set(body) <= allowed, f"{method} {template}: unknown arguments {set(body) - allowed}"


def allow_departures(node: Any) -> Any:
    """Departures 1, 2, 6 and 7, anywhere in an answer."""
    if isinstance(node, list):
        return [allow_departures(v) for v in node]
    if not isinstance(node, dict):
        return node
    record = {k: allow_departures(v) for k, v in node.items()}
    if record.get("attribute_code") == "category_ids" and isinstance(record.get("value"), list):
        record["value"] = ",".join(record["value"])
    if "stock_id" in record and "item_id" in record:
        _drop_null(record, "low_stock_date")
    if "method" in record and ("amount_ordered" in record or "cc_last4" in record):  # 2, 7
        _drop_null(record, "account_status", "cc_last4")
    if "protect_code" in record and "increment_id" in record:  # departure 7
        _drop_null(record, "grand_total", "base_grand_total")
        for assignment in (record.get("extension_attributes") or {}).get("shipping_assignments") or []:
            _drop_null(assignment, "items")
            if (assignment.get("shipping") or {}).get("total") == []:
                assignment["shipping"]["total"] = {}
    if "track_number" in record:
        _drop_null(record, "description", "qty", "weight")
    if "total_segments" in record:
        _drop_null(record, "weee_tax_applied_amount")
    if "row_total_with_discount" in record:
        _drop_null(record, "weee_tax_applied", "weee_tax_applied_amount")
    if record.get("customer_is_guest") is True and isinstance(record.get("customer"), dict):
        customer = record["customer"]
        for name in GUEST_CUSTOMER_NULLS:  # departure 6
            if name in customer and customer[name] is None:
                customer[name] = ""
    return record


def _drop_null(record: dict[str, Any], *names: str) -> None:
    """A recorded null stands in for a value of the schema's type: check the rest of the record."""
    for name in names:
        if name in record and record[name] is None:
            record[name] = PLACEHOLDER[name]


def validate(method: str, path: str, body: Any, status: int = 200, *, sent: Any = None) -> None:
    """An answer of ``method path`` (a schema path), allowing departures 1 to 7; ``sent`` is the request
    body, which tells a partial order update (5) apart."""
    instance = allow_departures(copy.deepcopy(body))
    if (method, path) in STRING_ID_ROUTES and isinstance(instance, str) and re.fullmatch(r"\d+", instance):
        instance = int(instance)
    if status >= 400 and isinstance(instance, dict) and isinstance(instance.get("parameters"), dict | list):
        parameters = instance.pop("parameters")
        values = parameters.values() if isinstance(parameters, dict) else parameters
        assert all(isinstance(v, str | int | float) for v in values), f"error parameters {parameters!r}"
    partial = status == 200 and is_partial_order_update(method, path, sent)
    if partial and isinstance(instance, dict):
        instance = {k: v for k, v in instance.items() if not (v is None and k in ORDER_REQUIRED)}
    jsonschema.Draft4Validator(response_schema(method, path, status, partial_order=partial)).validate(
        instance
    )
