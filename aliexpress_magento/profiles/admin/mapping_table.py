"""The Aliexpress / Magento Attribute Mapping table of the Edit Profile page: its rows, built from the
category's parsed schema, the account's mirrored Magento attributes and the current mappings (stored, or
as posted when the save was refused), and the reading of the posted inputs back into
:class:`~aliexpress_magento.profiles.services.mappings.MappingInput`.

Inputs are named ``m-<kind>-<row>-<part>`` (the attribute's name travels in ``-attr``: names such as
"Sleeve Length(cm)" make poor input names); a value-map entry is ``-map-<Magento option id>`` and its
custom text ``-mapc-<option id>``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from aliexpress_magento.profiles.models import AttributeMapping
from aliexpress_magento.profiles.services.choices import MagentoAttribute
from aliexpress_magento.profiles.services.mappings import OTHER, Choice, MappingInput, specs

Kind = AttributeMapping.Kind


@dataclass(frozen=True)
class Row:
    prefix: str
    kind: str
    name: str
    required: bool
    multi_value: bool
    custom_value: bool  # "Other" + a custom text is accepted
    values: tuple[tuple[str, str], ...]  # the schema's allowed values (id, name); empty: free text
    current: MappingInput
    magento: tuple[MagentoAttribute, ...]  # the Magento attributes this row may take

    @property
    def is_sku(self) -> bool:
        return self.kind == Kind.SKU

    @property
    def script_data(self) -> str:
        """What the page's script needs to draw the value map (JSON, escaped by the template)."""
        return json.dumps(
            {
                "values": [{"id": i, "name": n} for i, n in self.values],
                "custom": self.custom_value,
                "other": OTHER,
                "map": {k: {"value": v.value, "custom": v.custom} for k, v in self.current.value_map.items()},
            }
        )


def rows(
    parsed: Mapping[str, Any] | None,
    current: Mapping[tuple[str, str], MappingInput],
    magento: list[MagentoAttribute],
) -> list[Row]:
    """Required attributes first (category attributes, then SKU attributes), then the optional ones."""
    selects = tuple(a for a in magento if a.is_select)
    found = []
    counters = {Kind.CATEGORY: 0, Kind.SKU: 0}
    for (kind, name), spec in specs(parsed).items():
        index = counters[Kind(kind)]
        counters[Kind(kind)] += 1
        found.append(
            Row(
                prefix=f"m-{kind}-{index}",
                kind=kind,
                name=name,
                required=bool(spec.get("required")),
                multi_value=bool(spec.get("multi_value")),
                custom_value=bool(spec.get("custom_value")),
                values=tuple((str(v["id"]), str(v["name"])) for v in spec.get("values", ())),
                current=current.get((kind, name)) or MappingInput(kind, name),
                magento=selects if kind == Kind.SKU else tuple(magento),
            )
        )
    return sorted(found, key=lambda r: not r.required)


def posted(data: QueryDict) -> list[MappingInput]:
    """The mapping inputs of a posted page (none when the page had no table)."""
    found = []
    for kind in (Kind.CATEGORY, Kind.SKU):
        index = 0
        while f"m-{kind}-{index}-attr" in data:
            found.append(_one(data, kind, f"m-{kind}-{index}"))
            index += 1
    return found


def _one(data: QueryDict, kind: str, prefix: str) -> MappingInput:
    def text(part: str) -> str:
        return str(data.get(f"{prefix}-{part}", "")).strip()

    start = f"{prefix}-map-"
    value_map = {
        key[len(start) :]: Choice(str(value).strip(), text(f"mapc-{key[len(start) :]}"))
        for key, value in data.items()
        if key.startswith(start)
    }
    return MappingInput(
        kind=kind,
        attribute=text("attr"),
        source=text("source"),
        magento_attribute=text("magento"),
        fixed=Choice(text("fixed"), text("fixed_custom")),
        value_map=value_map,
        default=Choice(text("default"), text("default_custom")),
        send_custom_names=bool(text("custom_names")),
        send_swatch_image=bool(text("swatch")),
    )


def as_dict(inputs: list[MappingInput]) -> dict[tuple[str, str], MappingInput]:
    return {(i.kind, i.attribute): i for i in inputs}
