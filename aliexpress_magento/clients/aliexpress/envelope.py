"""Decoding AliExpress bodies, once, in one place (fact sheet §1.5; official-samples INDEX.md).

- JSON is decoded with exact integers: Python ints never round, so 17-18 digit order and job ids such as
  200000000060024475 survive (a float or JavaScript parser would not). Fractions stay plain floats so a
  decoded body (a schema, an order's raw payload) can be stored as JSON again; money arrives as strings
  and is read with :func:`decimal`.
- Lists arrive wrapped in an object named after the item type (``{"order_dto": [...]}``), sometimes with
  a ``global_`` prefix or an odd spelling; with ``simplify=true`` they arrive bare; a single item may
  arrive as an object instead of a one-item array **(uncertain; handled)**. :func:`items` accepts all.
- Ids arrive as numbers or as digit strings (sometimes with embedded quotes); :func:`ident` accepts both.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation

from . import pacific

Json = Mapping[str, object]
EMPTY: Json = {}

# Order and feed times are US Pacific wall-clock strings (fact sheet §6.1), converted by .pacific.
_TIME_FORMATS = (pacific.WALL_CLOCK_FORMAT, "%Y-%m-%d %H:%M", "%Y%m%d%H%M%S")


class MalformedBody(ValueError):
    """The body is not the JSON object the API promises (truncated, HTML error page, ...)."""


def decode_json(content: bytes | str) -> Json:
    try:
        value = json.loads(content)
    except ValueError as exc:
        raise MalformedBody(f"not JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise MalformedBody(f"expected a JSON object, got {type(value).__name__}")
    return value


def response_key(method: str) -> str:
    return method.replace(".", "_") + "_response"


def unwrap(method: str, body: Json) -> Json:
    """The payload under ``<method_with_underscores>_response``; a simplified body is its own payload."""
    return obj(body, response_key(method)) if response_key(method) in body else body


def obj(data: Json, key: str) -> Json:
    value = data.get(key)
    if isinstance(value, str) and value.strip().startswith("{"):
        value = _loads_or_none(value)  # JSON-in-a-string fields (schema, multi_language_names, ...)
    return value if isinstance(value, Mapping) else EMPTY


def items(data: Json, key: str, item_key: str | None = None) -> list[Json]:
    """The objects of list field ``key``, whatever of the wrapped / bare / single-object shapes it has."""
    value = data.get(key)
    if isinstance(value, Mapping):
        value = _unwrap_list(value, item_key)
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list):
        return [entry for entry in value if isinstance(entry, Mapping)]
    return []


def _unwrap_list(wrapper: Json, item_key: str | None) -> object:
    if item_key is not None and item_key in wrapper:
        return wrapper[item_key]
    # The item key varies (``global_`` prefix, ``aeopfreighttemplatedtolist``): a one-key object
    # holding an array is a wrapper whatever its key is called.
    if len(wrapper) == 1:
        (inner,) = wrapper.values()
        if isinstance(inner, list):
            return inner
    return wrapper


def scalars(data: Json, key: str, item_key: str | None = None) -> list[object]:
    """A list of plain values (``{"number": [...]}``); nested lists are flattened (``[[1, 2]]`` quirk)."""
    value = data.get(key)
    if isinstance(value, Mapping):
        value = _unwrap_list(value, item_key)
    if not isinstance(value, list):
        return [] if value is None else [value]
    flat: list[object] = []
    for entry in value:
        flat.extend(entry if isinstance(entry, list) else [entry])
    return flat


def text(data: Json, key: str, default: str = "") -> str:
    value = data.get(key)
    if value is None:
        return default
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def opt_text(data: Json, key: str) -> str | None:
    return text(data, key) if data.get(key) is not None else None


def ident(data: Json, key: str) -> int | None:
    """An id given as a number or as digit text (``"\\"123\\""`` quirk); big ids stay exact."""
    return to_int(data.get(key))


def to_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, str):
        stripped = value.strip().strip('"')
        if stripped.lstrip("-").isdigit():
            return int(stripped)
    return None


def integer(data: Json, key: str, default: int = 0) -> int:
    number = to_int(data.get(key))
    return default if number is None else number


def decimal(data: Json, key: str) -> Decimal | None:
    value = data.get(key)
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def flag(data: Json, key: str) -> bool | None:
    """Booleans as JSON ``true``/``false`` or as the strings ``"true"``/``"false"``."""
    value = data.get(key)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def json_text(data: Json, key: str) -> object:
    """A field whose value is a JSON document encoded as a string (``item_execution_result``, ...)."""
    value = data.get(key)
    return _loads_or_none(value) if isinstance(value, str) else value


def _loads_or_none(raw: str) -> object:
    try:
        return json.loads(raw)
    except ValueError:
        return None


def pacific_time(data: Json, key: str) -> datetime | None:
    """A US-Pacific ``yyyy-MM-dd HH:mm:ss`` string as an aware UTC datetime; unparsable → None."""
    return pacific.parse(text(data, key), _TIME_FORMATS)


# The inverse edge conversion, for query windows: aware datetime → Pacific wall-clock text.
to_pacific_text = pacific.to_wall_clock
