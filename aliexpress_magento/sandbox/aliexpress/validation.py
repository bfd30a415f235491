"""Schema validation with the messages AliExpress's validator (everit-json-schema) produces.

Real messages seen: ``#/title_multi_language_list/0/title: expected maxLength: 128, actual: 130`` and
``#/category_attributes/Brand Name/value: #: 0 subschemas matched instead of one``; the other formats
below are everit's standard wording. Messages are joined with newlines, as in real feed results.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

from aliexpress_magento.sandbox.aliexpress.schemas import schema_for

MAX_MESSAGES = 10
TYPE_NAMES = {
    "string": "String",
    "integer": "Integer",
    "number": "Number",
    "boolean": "Boolean",
    "object": "JSONObject",
    "array": "JSONArray",
    "null": "Null",
}


@cache
def validator_for(category_id: int) -> Draft7Validator:
    return Draft7Validator(schema_for(category_id))


def schema_errors(category_id: int, instance: Any) -> list[str]:
    errors = sorted(validator_for(category_id).iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [everit_message(e) for e in errors[:MAX_MESSAGES]]


def pointer(error: ValidationError) -> str:
    return "#" + "".join(f"/{part}" for part in error.absolute_path)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Number"
    for python_type, name in ((str, "String"), (dict, "JSONObject"), (list, "JSONArray")):
        if isinstance(value, python_type):
            return name
    return "Null"


def _expected(e: ValidationError) -> Any:
    return e.validator_value


def _size(e: ValidationError) -> int:
    found: Any = e.instance
    return len(found)


def _required(e: ValidationError) -> str:
    wanted: list[str] = _expected(e)
    missing = [k for k in wanted if isinstance(e.instance, dict) and k not in e.instance]
    return f"required key [{missing[0] if missing else wanted}] not found"


def _type(e: ValidationError) -> str:
    expected = _expected(e) if isinstance(_expected(e), str) else _expected(e)[0]
    return f"expected type: {TYPE_NAMES.get(expected, expected)}, found: {_json_type(e.instance)}"


FORMATS: dict[str, Callable[[ValidationError], str]] = {
    "required": _required,
    "type": _type,
    "maxLength": lambda e: f"expected maxLength: {_expected(e)}, actual: {_size(e)}",
    "minLength": lambda e: f"expected minLength: {_expected(e)}, actual: {_size(e)}",
    "maxItems": lambda e: f"expected maximum item count: {_expected(e)}, found: {_size(e)}",
    "minItems": lambda e: f"expected minimum item count: {_expected(e)}, found: {_size(e)}",
    "maximum": lambda e: f"{e.instance} is not less or equal to {e.validator_value}",
    "minimum": lambda e: f"{e.instance} is not greater or equal to {e.validator_value}",
    "oneOf": lambda e: "#: 0 subschemas matched instead of one",
    "const": lambda e: f"#: only {e.validator_value} is accepted",
    "uniqueItems": lambda e: "array items are not unique",
}


def everit_message(error: ValidationError) -> str:
    format_ = FORMATS.get(str(error.validator))
    return f"{pointer(error)}: {format_(error) if format_ else error.message}"
