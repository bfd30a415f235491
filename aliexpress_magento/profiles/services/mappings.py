"""The profile's Aliexpress / Magento Attribute Mapping, checked against the category's schema and
written as ``AttributeMapping`` rows.

What is refused (the whole save, with one message per problem, so nothing half-valid is stored): an
attribute the schema does not have, a Magento attribute the mirror does not know, a Magento option that
is not the attribute's, an AliExpress value outside the schema's allowed values, a custom text where
the schema takes none or beside a value other than "Other", and "Other" without its text. What is not
refused: a required attribute left unmapped — the profile is work in progress until
:mod:`.completeness` finds nothing missing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.models import CatalogAttribute
from aliexpress_magento.profiles.models import AttributeMapping, Profile
from aliexpress_magento.profiles.services.editing import LOG_TYPE, cached_schema

# The schema's own rule: ``"if": {"properties": {"value": {"const": "4"}}}, "then": {"required":
# ["customValue"]}`` — the value "4" ("Other") is the one that carries a custom text.
OTHER = "4"
User = AbstractBaseUser | AnonymousUser
Kind = AttributeMapping.Kind
Source = AttributeMapping.Source
_SCHEMA_KEYS = {Kind.CATEGORY: "attributes", Kind.SKU: "sku_attributes"}


class MappingError(ValueError):
    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Choice:
    """An AliExpress value: a value id of the schema (or text, for a free-text attribute), and the
    custom text sent with "Other"."""

    value: str = ""
    custom: str = ""


@dataclass(frozen=True)
class MappingInput:
    kind: str
    attribute: str  # the schema's property name
    source: str = ""  # "" = not mapped; else a Source
    magento_attribute: str = ""
    fixed: Choice = Choice()
    value_map: Mapping[str, Choice] = field(default_factory=dict)  # Magento option id → value
    default: Choice = Choice()
    send_custom_names: bool = False
    send_swatch_image: bool = False


def specs(parsed: Mapping[str, Any] | None) -> dict[tuple[str, str], Mapping[str, Any]]:
    """(kind, attribute name) → the schema's attribute description, category attributes first."""
    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    for kind, key in _SCHEMA_KEYS.items():
        for spec in (parsed or {}).get(key, ()):
            found[(kind, spec["name"])] = spec
    return found


def current(profile: Profile) -> dict[tuple[str, str], MappingInput]:
    """The stored mappings of the profile, in the shape the page edits."""
    return {
        (m.kind, m.aliexpress_attribute): from_row(m)
        for m in AttributeMapping.objects.filter(profile=profile)
    }


def from_row(row: AttributeMapping) -> MappingInput:
    return MappingInput(
        kind=row.kind,
        attribute=row.aliexpress_attribute,
        source=row.source,
        magento_attribute=row.magento_attribute,
        fixed=Choice(row.fixed_value, row.fixed_custom),
        value_map={
            str(k): Choice(str(v.get("value", "")), str(v.get("custom", "")))
            for k, v in (row.value_map or {}).items()
            if isinstance(v, Mapping)
        },
        default=Choice(row.default_value, row.default_custom),
        send_custom_names=row.send_custom_names,
        send_swatch_image=row.send_swatch_image,
    )


def validate(profile: Profile, inputs: Iterable[MappingInput]) -> list[str]:
    """Every problem of ``inputs`` against the profile's cached schema and the account's mirror."""
    known = specs(cached_schema(profile))
    if not known:
        return ["The category's attribute schema has not been fetched: refresh it before mapping."]
    options = _magento_options(profile.account_id)
    problems: list[str] = []
    for item in inputs:
        spec = known.get((item.kind, item.attribute))
        if spec is None:
            problems.append(f"{item.attribute}: not an attribute of the category's schema.")
        else:
            problems.extend(f"{item.attribute}: {p}" for p in _problems(item, spec, options))
    return problems


def save(profile: Profile, inputs: Iterable[MappingInput], *, user: User) -> int:
    """Check and write the mappings (an input with no source removes its row; rows of attributes the
    schema no longer has go too). Returns how many rows changed; logs when any did. Raises MappingError."""
    inputs = list(inputs)
    problems = validate(profile, inputs)
    if problems:
        raise MappingError(problems)
    known = specs(cached_schema(profile))
    before = current(profile)
    wanted = {(i.kind, i.attribute): _clean(i) for i in inputs if i.source}
    unmapped = {(i.kind, i.attribute) for i in inputs if not i.source}
    gone = [key for key in before if key in unmapped or key not in known]
    changed = [key for key, item in wanted.items() if before.get(key) != item]
    with transaction.atomic():
        for kind, attribute in gone:
            AttributeMapping.objects.filter(
                profile=profile, kind=kind, aliexpress_attribute=attribute
            ).delete()
        for key in changed:
            _write(profile, wanted[key])
    if gone or changed:
        _log(profile, [k[1] for k in changed], [k[1] for k in gone], user)
    return len(gone) + len(changed)


def _magento_options(account_id: int) -> dict[str, set[str]]:
    rows = CatalogAttribute.objects.filter(account_id=account_id).values_list("code", "options")
    return {code: {str(o.get("id")) for o in opts or () if isinstance(o, dict)} for code, opts in rows}


def _problems(item: MappingInput, spec: Mapping[str, Any], options: Mapping[str, set[str]]) -> list[str]:
    if item.source == "":
        return []
    if item.source == Source.FIXED:
        return _choice_problems(item.fixed, spec, "the fixed value")
    if item.source != Source.MAGENTO:
        return [f"unknown source “{item.source}”."]
    if not item.magento_attribute:
        return []  # work in progress: completeness says what is missing
    if item.magento_attribute not in options:
        return [f"Magento attribute “{item.magento_attribute}” is not one of the account's attributes."]
    own = options[item.magento_attribute]
    if item.kind == Kind.SKU and not own:
        return [
            f"Magento attribute “{item.magento_attribute}” has no options: a SKU attribute maps to a select "
            "attribute (a configurable's axis)."
        ]
    problems = [
        f"option {k} is not an option of {item.magento_attribute}." for k in item.value_map if k not in own
    ]
    for option, choice in item.value_map.items():
        problems.extend(_choice_problems(choice, spec, f"the value for option {option}"))
    problems.extend(_choice_problems(item.default, spec, "the default value"))
    return problems


def _choice_problems(choice: Choice, spec: Mapping[str, Any], what: str) -> list[str]:
    allowed = {str(v["id"]): str(v["name"]) for v in spec.get("values", ())}
    takes_custom = bool(spec.get("custom_value"))
    if allowed and choice.value and choice.value not in allowed:
        return [f"{what} “{choice.value}” is not one of AliExpress's values for this attribute."]
    if choice.custom and not (takes_custom and choice.value == OTHER):
        if not takes_custom:
            return [f"{what}: AliExpress takes no custom text for this attribute."]
        return [f"{what}: a custom text goes with “Other” only."]
    if takes_custom and allowed and choice.value == OTHER and not choice.custom.strip():
        return [f"{what}: “Other” needs its custom text."]
    return []


def _clean(item: MappingInput) -> MappingInput:
    """The row as stored: the unused side of the source emptied, empty value-map entries left out
    (they fall back to the default), the SKU-only flags off for category attributes."""
    sku = item.kind == Kind.SKU
    if item.source == Source.FIXED:
        return MappingInput(item.kind, item.attribute, item.source, fixed=item.fixed)
    value_map = {k: v for k, v in item.value_map.items() if v.value}
    return MappingInput(
        kind=item.kind,
        attribute=item.attribute,
        source=item.source,
        magento_attribute=item.magento_attribute,
        value_map=value_map,
        default=item.default,
        send_custom_names=sku and item.send_custom_names,
        send_swatch_image=sku and item.send_swatch_image,
    )


def _write(profile: Profile, item: MappingInput) -> None:
    AttributeMapping.objects.update_or_create(
        profile=profile,
        kind=item.kind,
        aliexpress_attribute=item.attribute,
        defaults={
            "source": item.source,
            "magento_attribute": item.magento_attribute,
            "fixed_value": item.fixed.value,
            "fixed_custom": item.fixed.custom,
            "value_map": {k: {"value": v.value, "custom": v.custom} for k, v in item.value_map.items()},
            "default_value": item.default.value,
            "default_custom": item.default.custom,
            "send_custom_names": item.send_custom_names,
            "send_swatch_image": item.send_swatch_image,
        },
    )


def _log(profile: Profile, changed: list[str], removed: list[str], user: User) -> None:
    parts = []
    if changed:
        parts.append(f"mapped {', '.join(changed)}")
    if removed:
        parts.append(f"unmapped {', '.join(removed)}")
    record(
        Level.INFO,
        LOG_TYPE,
        f"Profile “{profile.name}” ({profile.code}) attribute mapping saved: {'; '.join(parts)}.",
        sub_type="mapping",
        related=profile,
        user=user,
        account_id=profile.account_id,
    )
