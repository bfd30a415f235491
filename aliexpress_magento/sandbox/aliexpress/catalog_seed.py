"""Typed view of the seed files in ``seed/`` (real AliExpress ids; synthesized ones are marked there)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SEED_DIR = Path(__file__).resolve().parent / "seed"
OTHER_VALUE_ID = 4  # "Other": needs a custom text (customValue in the schema format)


@dataclass(frozen=True)
class Category:
    id: int
    names: dict[str, str]
    level: int
    parent_id: int
    is_leaf: bool
    root_id: int


@dataclass(frozen=True)
class AttributeValue:
    id: int
    name: str


@dataclass(frozen=True)
class Attribute:
    id: int
    name: str
    sku: bool
    multi: bool
    free_text: bool
    required: bool
    values: tuple[AttributeValue, ...]


@dataclass(frozen=True)
class LogisticsService:
    service_name: str
    display_name: str
    logistics_company: str
    tracking_no_regex: str
    min_process_day: int
    max_process_day: int
    recommend_order: int


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    singular: str


def load_json(name: str) -> Any:
    return json.loads((SEED_DIR / name).read_text(encoding="utf-8"))


@cache
def categories() -> dict[int, Category]:
    raw = load_json("categories.json")
    found: dict[int, Category] = {}
    for node in raw["categories"]:
        _walk(node, node["id"], found)
    for orphan in raw["orphans_parent_unknown"]:
        found[orphan["id"]] = Category(orphan["id"], orphan["names"], 1, 0, True, orphan["id"])
    return found


def _walk(node: dict[str, Any], root_id: int, found: dict[int, Category]) -> None:
    found[node["id"]] = Category(
        node["id"], node["names"], node["level"], node["parent_id"], node["is_leaf"], root_id
    )
    for child in node.get("children", []):
        _walk(child, root_id, found)


@cache
def attributes() -> dict[str, Attribute]:
    raw = load_json("attributes.json")
    return {a.name: a for a in map(_attribute, raw["attributes"] + raw["apparel_attributes"])}


def _attribute(raw: dict[str, Any]) -> Attribute:
    values = tuple(
        AttributeValue(int(v["id"]), v["names"]["en"])
        for v in raw.get("values", [])
        if v.get("id") is not None
    )
    multi = bool(raw.get("multi_select")) or raw.get("schema_value_type") == "array"
    free_text = raw.get("show_type") == "input" or "free text" in str(raw.get("schema_value_type", ""))
    return Attribute(
        int(raw["id"]),
        raw["names"]["en"],
        bool(raw.get("sku")),
        multi,
        free_text,
        bool(raw.get("required")),
        values,
    )


@cache
def logistics_services() -> tuple[LogisticsService, ...]:
    services = load_json("logistics-services.json")["services"]
    fields = LogisticsService.__dataclass_fields__
    return tuple(LogisticsService(**{k: s[k] for k in fields}) for s in services)


@cache
def units() -> tuple[Unit, ...]:
    return tuple(Unit(u["id"], u["name"], u["singular"]) for u in load_json("product-units.json")["units"])


@cache
def shop() -> dict[str, Any]:
    loaded: dict[str, Any] = load_json("shop.json")
    return loaded
