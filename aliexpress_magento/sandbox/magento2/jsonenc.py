"""JSON as Magento's REST renderer writes it: PHP ``json_encode`` defaults (``\\/``, ``\\uXXXX``, and a
whole float written as an integer: without ``JSON_PRESERVE_ZERO_FRACTION`` PHP writes ``25.0`` as ``25``,
which is why every recorded price and quantity with a whole value is a JSON integer)."""

from __future__ import annotations

import json

from werkzeug.wrappers import Response


def encode(body: object) -> str:
    # A "/" can only occur inside JSON strings, so a plain replace escapes exactly what PHP escapes.
    return json.dumps(php_numbers(body), ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")


def php_numbers(value: object) -> object:
    """Whole floats as ints, at any depth: what ``json_encode`` does to a PHP float such as ``100.0``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: php_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [php_numbers(v) for v in value]
    return value


def magento_response(body: object, status: int = 200) -> Response:
    return Response(encode(body), status=status, content_type="application/json; charset=utf-8")


def without_nulls(record: dict[str, object], keep: tuple[str, ...] = ()) -> dict[str, object]:
    """Non-required null fields are left out of Magento's answers; ``keep`` names the ones it emits."""
    return {k: v for k, v in record.items() if v is not None or k in keep}
