"""The item checked against its category's real JSON schema (the text ``product.schema.get`` gave),
each error told as a sentence a merchant understands.

The schema, not our reading of it, is the judge: it is what AliExpress's own validator runs, so a rule
the parser does not know (a ``maxLength``, an ``if``/``then``) is still enforced. The sentences name the
field as the merchant knows it: a category attribute by its AliExpress name, a SKU by its code, a title
by its locale, any other field by the schema's own title ("Handling days", "Shipping template").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jsonschema import validators
from jsonschema.exceptions import ValidationError

from aliexpress_magento.listings.mappers.payload import BuildResult
from aliexpress_magento.listings.mappers.problems import Problem, merge, pointer

Path = Sequence[str | int]
KINDS = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "yes or no",
    "object": "a group of fields",
    "array": "a list",
    "null": "nothing",
}


def check(result: BuildResult, schema: Mapping[str, Any], category_id: int) -> BuildResult:
    """``result`` with the schema's problems added, those the builder already told left out."""
    found = validate_item(result.item, schema, category_id)
    return BuildResult(result.item, merge(result.problems, found), result.skus)


def validate_item(
    item: Mapping[str, Any], schema: Mapping[str, Any], category_id: int
) -> tuple[Problem, ...]:
    validator = validators.validator_for(schema)(schema)
    return tuple(_Sentence(e, item, schema, category_id).problem() for e in validator.iter_errors(item))


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return KINDS["boolean"]
    if isinstance(value, int):
        return KINDS["integer"]
    for python_type, kind in ((float, "number"), (str, "string"), (dict, "object"), (list, "array")):
        if isinstance(value, python_type):
            return KINDS[kind]
    return KINDS["null"]


def _shown(value: Any) -> str:
    return f"“{value}”" if isinstance(value, str) else str(value)


class _Sentence:
    def __init__(
        self, error: ValidationError, item: Mapping[str, Any], schema: Mapping[str, Any], category_id: int
    ) -> None:
        self.error = error
        self.item = item
        self.schema = schema
        self.category = category_id
        self.path: Path = [*error.absolute_path, *self._missing()]

    def problem(self) -> Problem:
        phrase = PHRASES.get(str(self.error.validator))
        text = f"{self.label(self.path)}: {phrase(self) if phrase else self.error.message}."
        return Problem(pointer(*self.path), text)

    def _missing(self) -> list[str]:
        """For a missing field: its key, so the problem sits where the field would be. The schema's
        "Other needs a custom text" rule (an ``if``/``then``) stays on its attribute."""
        if self.error.validator != "required" or "then" in self.error.schema_path:
            return []
        # jsonschema yields one error per missing key, all with the whole list as validator_value.
        given: Any = self.error.validator_value
        wanted = [str(k) for k in given]
        return [k for k in wanted if self.error.message == f"{k!r} is a required property"][:1]

    # --- what the field is called --------------------------------------------------------------------

    def label(self, path: Path) -> str:
        if not path:
            return "The product"
        head = path[0]
        if head == "category_attributes":
            return str(path[1]) if len(path) > 1 else self.title(path)
        if head in ("title_multi_language_list", "description_multi_language_list") and len(path) > 1:
            word = "Title" if head == "title_multi_language_list" else "Description"
            return f"{word} ({self.at(path[:2]).get('locale', '?')})"
        if head == "sku_info_list" and len(path) > 1:
            return self.sku_label(path)
        return self.title(path[:1])

    def sku_label(self, path: Path) -> str:
        code = self.at(path[:2]).get("sku_code") or f"number {int(path[1]) + 1}"
        if len(path) > 3 and path[2] == "sku_attributes":
            return f"{path[3]} of SKU {code}"
        if len(path) > 2:
            return f"{self.title(path[:3])} of SKU {code}"
        return f"SKU {code}"

    def at(self, path: Path) -> Mapping[str, Any]:
        node: Any = self.item
        for part in path:
            node = node[part]
        return node if isinstance(node, Mapping) else {}

    def title(self, path: Path) -> str:
        """The schema's title of the field at ``path`` (list indexes step into ``items``)."""
        node: Any = self.schema
        for part in path:
            node = (
                node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
            )
        title = node.get("title") if isinstance(node, Mapping) else None
        return str(title or path[-1])

    # --- what is wrong -----------------------------------------------------------------------------------

    def required(self) -> str:
        if "then" in self.error.schema_path:  # the schema's "Other needs a custom text" rule
            return "“Other” is chosen but no custom text comes with it"
        if len(self.path) == 2 and self.path[0] == "category_attributes":
            return f"required by AliExpress category {self.category} but not mapped"
        return f"required by AliExpress category {self.category} but missing"

    def size(self) -> int:
        found: Any = self.error.instance
        return len(found)

    def one_of(self) -> str:
        return f"{_shown(self.error.instance)} is not a value AliExpress category {self.category} accepts"


PHRASES: dict[str, Callable[[_Sentence], str]] = {
    "required": _Sentence.required,
    "oneOf": _Sentence.one_of,
    "enum": _Sentence.one_of,
    "const": lambda s: f"{_shown(s.error.instance)} is not accepted, only {_shown(s.error.validator_value)}",
    "type": lambda s: (
        f"AliExpress expects {KINDS.get(str(s.error.validator_value), s.error.validator_value)}, "
        f"not {_json_kind(s.error.instance)}"
    ),
    "maxLength": lambda s: f"{s.size()} characters, AliExpress allows at most {s.error.validator_value}",
    "minLength": lambda s: f"{s.size()} characters, AliExpress needs at least {s.error.validator_value}",
    "maxItems": lambda s: f"{s.size()} given, AliExpress allows at most {s.error.validator_value}",
    "minItems": lambda s: f"{s.size()} given, AliExpress needs at least {s.error.validator_value}",
    "maximum": lambda s: f"{s.error.instance} is more than AliExpress allows ({s.error.validator_value})",
    "minimum": lambda s: f"{s.error.instance} is less than AliExpress needs ({s.error.validator_value})",
    "uniqueItems": lambda s: "the same value is given twice",
}
