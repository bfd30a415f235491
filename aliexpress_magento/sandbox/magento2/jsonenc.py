"""JSON as Magento's REST renderer writes it: PHP ``json_encode`` defaults (``\\/``, ``\\uXXXX``)."""

from __future__ import annotations

import json

from werkzeug.wrappers import Response


def encode(body: object) -> str:
    # A "/" can only occur inside JSON strings, so a plain replace escapes exactly what PHP escapes.
    return json.dumps(body, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")


def magento_response(body: object, status: int = 200) -> Response:
    return Response(encode(body), status=status, content_type="application/json; charset=utf-8")


def without_nulls(record: dict[str, object], keep: tuple[str, ...] = ()) -> dict[str, object]:
    """Non-required null fields are left out of Magento's answers; ``keep`` names the ones it emits."""
    return {k: v for k, v in record.items() if v is not None or k in keep}
