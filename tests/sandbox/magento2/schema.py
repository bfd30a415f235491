"""Validate sandbox answers against Adobe's official 2.4.8 schema (extract in tests/fixtures/magento2/),
allowing exactly the departures real 2.4.7-p3 answers show (tests/fixtures/magento2-recorded/README.md)."""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

SUBSET = Path(__file__).resolve().parents[2] / "fixtures" / "magento2" / "admin-schema-2.4.8.subset.json"
STRING_ID_ROUTES = {("POST", "/V1/carts/"), ("POST", "/V1/order/{orderId}/ship")}


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SUBSET.read_text())
    return loaded


def response_schema(method: str, path: str, status: int = 200) -> dict[str, Any]:
    operation = _schema()["paths"][path][method.lower()]
    key = str(status) if str(status) in operation["responses"] else "default"
    return {"definitions": _schema()["definitions"], **operation["responses"][key]["schema"]}


# The schema's type for each field that real stores answer as null (README of the recordings).
PLACEHOLDER = {
    "low_stock_date": "",
    "account_status": "",
    "cc_last4": "",
    "description": "",
    "qty": 0,
    "weight": 0,
    "weee_tax_applied_amount": 0,
    "weee_tax_applied": "",
}


def _drop_null(record: dict[str, Any], *names: str) -> None:
    """A recorded null stands in for a value of the schema's type: check the rest of the record."""
    for name in names:
        if name in record and record[name] is None:
            record[name] = PLACEHOLDER[name]


def allow_departures(node: Any) -> Any:
    """The listed departures only: category_ids arrays, and the nulls named in the README."""
    if isinstance(node, list):
        return [allow_departures(v) for v in node]
    if not isinstance(node, dict):
        return node
    record = {k: allow_departures(v) for k, v in node.items()}
    if record.get("attribute_code") == "category_ids" and isinstance(record.get("value"), list):
        record["value"] = ",".join(record["value"])
    if "stock_id" in record and "item_id" in record:
        _drop_null(record, "low_stock_date")
    if "method" in record and "amount_ordered" in record:
        _drop_null(record, "account_status", "cc_last4")
    if "track_number" in record:
        _drop_null(record, "description", "qty", "weight")
    if "total_segments" in record:
        _drop_null(record, "weee_tax_applied_amount")
    if "row_total_with_discount" in record:
        _drop_null(record, "weee_tax_applied", "weee_tax_applied_amount")
    return record


def validate(method: str, path: str, body: Any, status: int = 200) -> None:
    instance = allow_departures(copy.deepcopy(body))
    if (method, path) in STRING_ID_ROUTES and isinstance(instance, str) and re.fullmatch(r"\d+", instance):
        instance = int(instance)
    jsonschema.Draft4Validator(response_schema(method, path, status)).validate(instance)
