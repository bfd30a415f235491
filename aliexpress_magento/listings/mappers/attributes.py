"""The profile's attribute mappings applied to one product: category attributes and SKU attributes in
the schema format (``{"value": id | [ids], "customValue": text, "unit": code}``; a SKU attribute adds
``alias`` and ``sku_image_url``).

"Other" (value id 4) travels with a custom text: the one the value map gives, or else Magento's own
label of the option — the merchant mapped a value AliExpress lacks to "Other", and Magento's name is
the best text for it. Each problem names the AliExpress attribute, the Magento attribute and the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aliexpress_magento.listings.mappers.inputs import (
    AttributeMappingSnapshot,
    ChildSnapshot,
    MappedValue,
    ProductSnapshot,
)
from aliexpress_magento.profiles.mappers import AttributeSpec

OTHER = "4"  # the schema's "if value is 4 then customValue is required"
CATEGORY = "category"
SKU = "sku"
FIXED = "fixed"
# A SKU property's custom name (fact sheet §4.1 sku_attribute_value): at most 70 characters, none of these.
CUSTOM_NAME_MAX = 70
CUSTOM_NAME_FORBIDDEN = "{#:=,"


@dataclass
class Mapped:
    """One attribute's JSON value (None: nothing to send) and the problems met on the way."""

    value: dict[str, Any] | None = None
    problems: list[str] = field(default_factory=list)


def _label(product: ProductSnapshot, code: str, option: str) -> str:
    return product.option_labels.get(code, {}).get(option, option)


def _offered(spec: AttributeSpec, choice: MappedValue) -> bool:
    return not spec.values or any(v.id == choice.value for v in spec.values)


def _json(spec: AttributeSpec, choices: Sequence[MappedValue], unit: str) -> dict[str, Any]:
    ids = list(dict.fromkeys(c.value for c in choices))
    customs = [c.custom for c in choices if c.value == OTHER and c.custom]
    out: dict[str, Any] = {"value": ids if spec.multi_value else ids[0]}
    if customs:
        out["customValue"] = ", ".join(dict.fromkeys(customs))
    if unit:
        out["unit"] = unit
    return out


def category_attribute(
    spec: AttributeSpec,
    mapping: AttributeMappingSnapshot | None,
    product: ProductSnapshot,
    category_id: int,
) -> Mapped:
    name = spec.name
    if mapping is None:
        needed = f"{name}: required by AliExpress category {category_id} but not mapped."
        return Mapped(problems=[needed] if spec.required else [])
    if mapping.source == FIXED:
        return _fixed(spec, mapping, category_id)
    code = mapping.magento_attribute
    raw = [v for v in product.attributes.get(code, ()) if v != ""]
    if not raw:
        return _default(spec, mapping, f"Magento attribute {code} is empty on product {product.sku}")
    if not spec.values:  # free text: Magento's labels (or its text) as they are
        text = ", ".join(_label(product, code, v) for v in raw)
        return Mapped(_json(spec, [MappedValue(text)], mapping.unit))
    result = Mapped()
    choices = [
        c
        for v in raw
        if (c := _choice(spec, mapping, v, _label(product, code, v), category_id, result.problems))
    ]
    if choices and not result.problems:
        result.value = _json(spec, choices, mapping.unit)
    return result


def _fixed(spec: AttributeSpec, mapping: AttributeMappingSnapshot, category_id: int) -> Mapped:
    choice = MappedValue(mapping.fixed_value, mapping.fixed_custom)
    if not choice.value:
        return Mapped(problems=[f"{spec.name}: the profile's fixed value is empty."] if spec.required else [])
    if not _offered(spec, choice):
        return Mapped(
            problems=[
                f"{spec.name}: the profile's fixed value {choice.value} is not one AliExpress category "
                f"{category_id} accepts (refresh the category and map it again)."
            ]
        )
    return Mapped(_json(spec, [choice], mapping.unit))


def _default(spec: AttributeSpec, mapping: AttributeMappingSnapshot, why: str) -> Mapped:
    if mapping.default_value:
        return Mapped(_json(spec, [MappedValue(mapping.default_value, mapping.default_custom)], mapping.unit))
    if spec.required:
        return Mapped(problems=[f"{spec.name}: {why} and the mapping has no default value."])
    return Mapped()


def _choice(
    spec: AttributeSpec,
    mapping: AttributeMappingSnapshot,
    option: str,
    label: str,
    category_id: int,
    problems: list[str],
) -> MappedValue | None:
    """The AliExpress value of one Magento option (value map, else default), or None with a problem."""
    code = mapping.magento_attribute
    choice = mapping.value_map.get(option)
    if choice is None and mapping.default_value:
        choice = MappedValue(mapping.default_value, mapping.default_custom)
    if choice is None or not choice.value:
        problems.append(
            f"{spec.name}: Magento value “{label}” (option {option} of {code}) has no AliExpress value "
            "in the profile's value map, and no default is set."
        )
        return None
    if not _offered(spec, choice):
        problems.append(
            f"{spec.name}: Magento value “{label}” (option {option} of {code}) is mapped to "
            f"{choice.value}, which AliExpress category {category_id} does not accept."
        )
        return None
    if choice.value == OTHER and not choice.custom:
        return MappedValue(OTHER, label)
    return choice


def custom_name_problem(name: str, text: str, sku: str) -> str:
    """Why ``text`` cannot be a SKU property's custom name, or ""."""
    bad = sorted({c for c in text if c in CUSTOM_NAME_FORBIDDEN})
    if bad:
        shown = " ".join(bad)
        return (
            f"{name}: the Magento name “{text}” of SKU {sku} contains {shown}, not allowed in a custom name."
        )
    if len(text) > CUSTOM_NAME_MAX:
        return (
            f"{name}: the Magento name “{text}” of SKU {sku} has {len(text)} characters; "
            f"a custom name takes at most {CUSTOM_NAME_MAX}."
        )
    return ""


def sku_attribute(
    spec: AttributeSpec,
    mapping: AttributeMappingSnapshot,
    child: ChildSnapshot,
    category_id: int,
) -> Mapped:
    """One SKU property of ``child``: its axis value through the value map; Magento's label as the
    custom name (``alias``) when the mapping says so. The swatch image is the payload's to add."""
    if mapping.source == FIXED:
        return _fixed(spec, mapping, category_id)
    code = mapping.magento_attribute
    axis = next((a for a in child.axis_values if a.attribute_code == code), None)
    if axis is None:
        return Mapped(problems=[f"{spec.name}: SKU {child.sku} has no value for Magento attribute {code}."])
    result = Mapped()
    choice = _choice(spec, mapping, axis.option_id, axis.label, category_id, result.problems)
    if choice is None:
        return result
    value: dict[str, Any] = {"value": choice.value}
    if choice.value == OTHER:
        value["customValue"] = choice.custom
    if mapping.send_custom_names:
        problem = custom_name_problem(spec.name, axis.label, child.sku)
        if problem:
            return Mapped(problems=[problem])
        value["alias"] = axis.label
    result.value = value
    return result
