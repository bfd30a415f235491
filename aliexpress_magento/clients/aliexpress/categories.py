"""Categories area (fact sheet §3): the seller category tree, a leaf's JSON schema, its SKU attributes,
and category suggestions for a product title."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import envelope
from .envelope import Json
from .errors import ErrorFields, TerminalError
from .gateway import Gateway
from .params import ParamValue

TREE_QUERY = "aliexpress.solution.seller.category.tree.query"
SCHEMA_GET = "aliexpress.solution.product.schema.get"
SKU_ATTRIBUTE_QUERY = "aliexpress.solution.sku.attribute.query"
CATEGORY_SUGGEST = "aliexpress.solution.product.category.suggest"


@dataclass(frozen=True)
class Category:
    category_id: int
    is_leaf: bool
    level: int
    names: Mapping[str, str]  # language → name, decoded from the JSON string the API sends

    @property
    def name(self) -> str:
        return self.names.get("en") or next(iter(self.names.values()), "")


@dataclass(frozen=True)
class SuggestedCategory:
    """One answer of ``category.suggest``: the category and its path from the root (ids and names)."""

    category_id: int
    name: str
    id_path: tuple[int, ...]
    name_path: tuple[str, ...]


@dataclass(frozen=True)
class AttributeValue:
    id: int | None
    name: str


@dataclass(frozen=True)
class SkuAttributeInfo:
    name: str
    required: bool
    support_customized_name: bool
    support_customized_picture: bool
    values: tuple[str, ...]


@dataclass(frozen=True)
class CommonAttributeInfo:
    name_id: int | None
    name: str
    required: bool
    values: tuple[AttributeValue, ...]


@dataclass(frozen=True)
class SkuAttributes:
    sku_attributes: tuple[SkuAttributeInfo, ...]
    common_attributes: tuple[CommonAttributeInfo, ...]


def _names(data: Json) -> dict[str, str]:
    decoded = envelope.json_text(data, "multi_language_names")
    if not isinstance(decoded, Mapping):
        return {}
    return {str(lang): str(name) for lang, name in decoded.items()}


def parse_category(data: Json) -> Category:
    return Category(
        category_id=envelope.integer(data, "children_category_id"),
        is_leaf=envelope.flag(data, "is_leaf_category") is True,
        level=envelope.integer(data, "level"),
        names=_names(data),
    )


def parse_tree(payload: Json) -> tuple[Category, ...]:
    rows = envelope.items(payload, "children_category_list", "category_info")
    return tuple(parse_category(row) for row in rows)


def parse_schema(payload: Json) -> Json:
    """The schema arrives as a JSON string; sample answers pair ``success:true`` with a leftover
    ``error_code``, so only an undecodable schema is an error here (``success:false`` is caught earlier)."""
    result = envelope.obj(payload, "result")
    schema = envelope.json_text(result, "schema")
    if not isinstance(schema, Mapping):
        raise TerminalError(ErrorFields(code="malformed-schema", message="schema is not a JSON object"))
    return schema


def parse_suggestion(data: Json) -> SuggestedCategory:
    id_path = (envelope.to_int(v) for v in envelope.scalars(data, "id_path"))
    return SuggestedCategory(
        category_id=envelope.integer(data, "id"),
        name=envelope.text(data, "name"),
        id_path=tuple(i for i in id_path if i is not None),
        name_path=tuple(str(n) for n in envelope.scalars(data, "name_path")),
    )


def parse_suggestions(payload: Json) -> tuple[SuggestedCategory, ...]:
    """``suggest_category_list`` in the AliExpress order (the best first). No official sample exists:
    the TOP list wrappers (``suggest_category``, ``number``, ``string``) are read wrapped or bare."""
    rows = envelope.items(payload, "suggest_category_list", "suggest_category")
    return tuple(parse_suggestion(row) for row in rows)


def _sku_attribute(data: Json) -> SkuAttributeInfo:
    values = envelope.items(data, "aliexpress_sku_value_list", "sku_value_simplified_info_dto")
    return SkuAttributeInfo(
        name=envelope.text(data, "aliexpress_sku_name"),
        required=envelope.flag(data, "required") is True,
        support_customized_name=envelope.flag(data, "support_customized_name") is True,
        support_customized_picture=envelope.flag(data, "support_customized_picture") is True,
        values=tuple(envelope.text(v, "aliexpress_sku_value_name") for v in values),
    )


def _common_attribute(data: Json) -> CommonAttributeInfo:
    values = envelope.items(data, "aliexpress_common_attribute_value_list", "common_attribute_value_info_dto")
    return CommonAttributeInfo(
        name_id=envelope.ident(data, "aliexpress_common_attribute_name_id"),
        name=envelope.text(data, "aliexpress_common_attribute_name"),
        required=envelope.flag(data, "required") is True,
        values=tuple(
            AttributeValue(
                envelope.ident(v, "aliexpress_common_attribute_value_id"),
                envelope.text(v, "aliexpress_common_attribute_value"),
            )
            for v in values
        ),
    )


def parse_sku_attributes(payload: Json) -> SkuAttributes:
    result = envelope.obj(payload, "result")
    sku = envelope.items(result, "supporting_sku_attribute_list", "supported_sku_attribute_dto")
    common = envelope.items(result, "supporting_common_attribute_list", "supported_common_attribute_dto")
    return SkuAttributes(
        sku_attributes=tuple(_sku_attribute(row) for row in sku),
        common_attributes=tuple(_common_attribute(row) for row in common),
    )


class Categories:
    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    def tree_query(self, category_id: int = 0, *, filter_no_permission: bool = True) -> tuple[Category, ...]:
        """The children of ``category_id`` (0 = the roots); the tree is read level by level."""
        params = {"category_id": category_id, "filter_no_permission": filter_no_permission}
        return parse_tree(self._gateway.call(TREE_QUERY, params))

    def schema_get(self, aliexpress_category_id: int) -> Json:
        """The leaf category's JSON Schema (draft as AliExpress publishes it), decoded."""
        payload = self._gateway.call(SCHEMA_GET, {"aliexpress_category_id": aliexpress_category_id})
        return parse_schema(payload)

    def schema_text(self, aliexpress_category_id: int) -> str:
        """The same schema as the JSON string AliExpress sent, verbatim (checked to decode): the cache
        keeps what the API said, so later validation runs on the real schema, not on a re-encoding."""
        payload = self._gateway.call(SCHEMA_GET, {"aliexpress_category_id": aliexpress_category_id})
        parse_schema(payload)
        return envelope.text(envelope.obj(payload, "result"), "schema")

    def sku_attribute_query(self, aliexpress_category_id: int) -> SkuAttributes:
        request = {"aliexpress_category_id": aliexpress_category_id}
        payload = self._gateway.call(SKU_ATTRIBUTE_QUERY, {"query_sku_attribute_info_request": request})
        return parse_sku_attributes(payload)

    def suggest(
        self, title: str, *, language: str = "en", image_url: str | None = None
    ) -> tuple[SuggestedCategory, ...]:
        """Categories AliExpress suggests for a product ``title`` (in ``language``), best first."""
        params: dict[str, ParamValue] = {"title": title, "language": language}
        if image_url:
            params["image_url"] = image_url
        return parse_suggestions(self._gateway.call(CATEGORY_SUGGEST, params))
