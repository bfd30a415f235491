"""The product schema of a leaf category (``aliexpress.solution.product.schema.get``) as typed data.

Pure: no Django. The schema is JSON Schema draft 07 as AliExpress publishes it (fact sheet §(c)):
category attributes under ``properties.category_attributes.properties``, keyed by the attribute's
name, each an object whose ``value`` is a string or an array (multi value), with ``oneOf`` of
``{const: "<value id>", title: "<name>"}`` when the values are a closed list; ``customValue`` is there
when "Other" (id 4) takes a custom text; some carry a ``unit`` with its own ``oneOf``. SKU attributes
have the same shape under ``properties.sku_info_list.items.properties.sku_attributes``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Json = Mapping[str, Any]
EMPTY: Json = {}


@dataclass(frozen=True)
class AllowedValue:
    id: str  # the schema's const: a value id ("200001208") or a code ("kg")
    name: str


@dataclass(frozen=True)
class AttributeSpec:
    name: str  # the property key, which the product JSON repeats
    required: bool
    multi_value: bool
    values: tuple[AllowedValue, ...]  # empty: free text
    custom_value: bool  # "Other" + a custom text is accepted
    units: tuple[AllowedValue, ...]


@dataclass(frozen=True)
class SchemaDescription:
    category_id: int | None
    product_units: tuple[AllowedValue, ...]
    attributes: tuple[AttributeSpec, ...]
    sku_attributes: tuple[AttributeSpec, ...]

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _obj(data: Json, *path: str) -> Json:
    for key in path:
        value = data.get(key)
        data = value if isinstance(value, Mapping) else EMPTY
    return data


def _one_of(data: Json) -> tuple[AllowedValue, ...]:
    options = data.get("oneOf")
    if not isinstance(options, list):
        return ()
    return tuple(
        AllowedValue(str(o["const"]), str(o.get("title", o["const"])))
        for o in options
        if isinstance(o, Mapping) and "const" in o
    )


def _attribute(name: str, data: Json, required: bool) -> AttributeSpec:
    props = _obj(data, "properties")
    value = _obj(props, "value")
    multi = value.get("type") == "array"
    return AttributeSpec(
        name=name,
        required=required,
        multi_value=multi,
        values=_one_of(_obj(value, "items") if multi else value),
        custom_value="customValue" in props,
        units=_one_of(_obj(props, "unit")),
    )


def _block(block: Json) -> tuple[AttributeSpec, ...]:
    required = block.get("required")
    needed = set(required) if isinstance(required, list) else set()
    return tuple(
        _attribute(str(name), data, name in needed)
        for name, data in _obj(block, "properties").items()
        if isinstance(data, Mapping)
    )


def parse_schema(schema: Json) -> SchemaDescription:
    """An empty or partial schema gives an empty description, never an error: the sample answers
    carry ``"schema": "{}"``, and the Profiles page says so rather than crash."""
    props = _obj(schema, "properties")
    category_id = _obj(props, "category_id").get("const")
    return SchemaDescription(
        category_id=category_id if isinstance(category_id, int) else None,
        product_units=_one_of(_obj(props, "product_units_type")),
        attributes=_block(_obj(props, "category_attributes")),
        sku_attributes=_block(_obj(props, "sku_info_list", "items", "properties", "sku_attributes")),
    )
