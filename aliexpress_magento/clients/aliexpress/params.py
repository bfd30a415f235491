"""Turning typed call arguments into the exact strings sent (and signed) on the wire."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

# What a caller may pass as one API parameter. Nested values become one JSON-string form field.
ParamValue = str | int | float | Decimal | bool | None | Sequence["ParamValue"] | Mapping[str, "ParamValue"]


@dataclass(frozen=True)
class FilePart:
    """A multipart file field (e.g. photobank ``image_bytes``). Never part of the signature."""

    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


def to_json(value: object) -> str:
    """Compact JSON with nulls dropped from objects, as the official SDKs serialize nested params."""
    return json.dumps(_drop_nulls(value), separators=(",", ":"), ensure_ascii=False, default=_default)


def _drop_nulls(value: object) -> object:
    if isinstance(value, Mapping):
        return {str(k): _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_drop_nulls(v) for v in value]
    return value


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        # AliExpress types prices as strings ("9.90"); a float would lose the trailing zero or worse.
        return format(value, "f")
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def encode_value(value: ParamValue) -> str | None:
    """One parameter as sent. ``None`` means "drop it": empty values are never sent nor signed."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value or None
    if isinstance(value, int | float | Decimal):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    if isinstance(value, Mapping | list | tuple) and not value:
        return None
    return to_json(value)


def encode_params(params: Mapping[str, ParamValue]) -> dict[str, str]:
    """Drop empty parameters and stringify the rest; the result is what is both signed and sent."""
    encoded = {key: encode_value(value) for key, value in params.items()}
    return {key: value for key, value in encoded.items() if value is not None}
