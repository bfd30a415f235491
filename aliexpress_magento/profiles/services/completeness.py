"""What a profile still lacks before its products can be uploaded: a leaf category, its schema, and a
usable mapping for every attribute the schema requires. A profile may be saved incomplete (work in
progress); the grid, its page and the listing engine read this one answer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from aliexpress_magento.profiles.models import AttributeMapping, CategorySchema, Profile

NO_CATEGORY = "No AliExpress category chosen."
NO_SCHEMA = "The category's attribute schema has not been fetched: open Aliexpress Category Mapping."


def missing_mappings(profile: Profile) -> list[str]:
    """The problems of one profile, in the schema's order; empty when it is complete."""
    return missing_by_profile([profile])[profile.pk]


def missing_by_profile(profiles: Iterable[Profile]) -> dict[int, list[str]]:
    """The problems of each profile, reading the schemas and mappings of all of them in two queries
    (a grid page asks for its rows at once)."""
    profiles = list(profiles)
    schemas = _schemas(profiles)
    mappings: dict[int, dict[tuple[str, str], AttributeMapping]] = {p.pk: {} for p in profiles}
    for mapping in AttributeMapping.objects.filter(profile__in=[p.pk for p in profiles]):
        mappings[mapping.profile_id][(mapping.kind, mapping.aliexpress_attribute)] = mapping
    return {p.pk: _problems(p, schemas.get((p.account_id, p.category_id)), mappings[p.pk]) for p in profiles}


def _schemas(profiles: list[Profile]) -> dict[tuple[int, int | None], Mapping[str, Any]]:
    wanted = {p.category_id for p in profiles if p.category_id is not None}
    accounts = {p.account_id for p in profiles}
    found = CategorySchema.objects.filter(account__in=accounts, category_id__in=wanted)
    return {(s.account_id, s.category_id): s.parsed for s in found.only("account", "category_id", "parsed")}


def _problems(
    profile: Profile,
    parsed: Mapping[str, Any] | None,
    mappings: Mapping[tuple[str, str], AttributeMapping],
) -> list[str]:
    if profile.category_id is None:
        return [NO_CATEGORY]
    if parsed is None:
        return [NO_SCHEMA]
    problems = []
    for kind, key in (
        (AttributeMapping.Kind.CATEGORY, "attributes"),
        (AttributeMapping.Kind.SKU, "sku_attributes"),
    ):
        for spec in parsed.get(key, ()):
            if spec.get("required"):
                problem = _problem(spec, mappings.get((kind, spec["name"])))
                if problem:
                    problems.append(f"{spec['name']} (required): {problem}")
    return problems


def _problem(spec: Mapping[str, Any], mapping: AttributeMapping | None) -> str:
    if mapping is None:
        return "not mapped."
    if mapping.source == AttributeMapping.Source.FIXED:
        return "" if mapping.fixed_value else "no fixed value chosen."
    if not mapping.magento_attribute:
        return "no Magento attribute chosen."
    if spec.get("values") and not mapping.value_map and not mapping.default_value:
        # A closed list of AliExpress values: Magento's options must be translated, or a default given.
        return f"Magento attribute {mapping.magento_attribute} has no value map and no default value."
    return ""
