"""Category tree, product schema and SKU attribute methods."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress.call import Call, JsonDict
from aliexpress_magento.sandbox.aliexpress.errors import invalid_parameter
from aliexpress_magento.sandbox.aliexpress.schemas import family, schema_for

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World

NOT_LEAF = "GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY"


def tree_query(world: World, call: Call) -> JsonDict:
    parent = call.integer("category_id")
    found = seed.categories()
    if parent != 0 and parent not in found:
        raise invalid_parameter(f"category_id {parent} does not exist")
    children = [c for c in found.values() if c.parent_id == parent and (parent != 0 or c.level == 1)]
    rows = [
        {
            "children_category_id": c.id,
            "is_leaf_category": c.is_leaf,
            "level": c.level,
            "multi_language_names": json.dumps(c.names, ensure_ascii=False),
        }
        for c in children
    ]
    return {"children_category_list": {"category_info": rows}, "is_success": True}


def _leaf(category_id: int) -> seed.Category | None:
    category = seed.categories().get(category_id)
    return category if category is not None and category.is_leaf else None


def schema_get(world: World, call: Call) -> JsonDict:
    category_id = call.integer("aliexpress_category_id")
    if _leaf(category_id) is None:
        return {
            "result": {
                "success": False,
                "error_code": NOT_LEAF,
                "error_message": f"category {category_id} is not a leaf category",
                "schema": "{}",
            }
        }
    schema = json.dumps(schema_for(category_id), ensure_ascii=False)
    return {"result": {"success": True, "error_code": "", "error_message": "", "schema": schema}}


def _sku_row(attribute: seed.Attribute) -> JsonDict:
    values = [{"aliexpress_sku_value_name": v.name} for v in attribute.values]
    return {
        "aliexpress_sku_name": attribute.name,
        "required": attribute.required,
        "aliexpress_sku_value_list": {"sku_value_simplified_info_dto": values},
        "support_customized_name": True,
        "support_customized_picture": attribute.name == "Color",
    }


def _common_row(attribute: seed.Attribute) -> JsonDict:
    values = [
        {"aliexpress_common_attribute_value_id": v.id, "aliexpress_common_attribute_value": v.name}
        for v in attribute.values
    ]
    return {
        "aliexpress_common_attribute_name_id": attribute.id,
        "aliexpress_common_attribute_name": attribute.name,
        "required": attribute.required,
        "aliexpress_common_attribute_value_list": {"common_attribute_value_info_dto": values},
    }


def sku_attribute_query(world: World, call: Call) -> JsonDict:
    request = call.json_object("query_sku_attribute_info_request")
    category = _leaf(int(request.get("aliexpress_category_id") or 0))
    if category is None:
        raise invalid_parameter("aliexpress_category_id must be a leaf category")
    common, sku = family(category)
    known = seed.attributes()
    return {
        "result": {
            "supporting_sku_attribute_list": {
                "supported_sku_attribute_dto": [_sku_row(known[n]) for n in sku]
            },
            "supporting_common_attribute_list": {
                "supported_common_attribute_dto": [_common_row(known[n]) for n in common]
            },
        }
    }


SUGGEST_LIMIT = 5  # unsure: how many suggestions the real API gives is not documented
_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    """A crude singular ("dresses" → "dress", "shirts" → "shirt"), so a title's word meets a name's."""
    if word.endswith("es") and word[:-2].endswith(("ss", "x", "sh", "ch")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if len(w) > 1}


def _path(category: seed.Category) -> list[seed.Category]:
    found = seed.categories()
    path = [category]
    while path[0].parent_id in found:
        path.insert(0, found[path[0].parent_id])
    return path


def _score(title: set[str], path: list[seed.Category]) -> int:
    """Two points per title word that is the leaf's own (in its name, not in an ancestor's: "Men's" says
    nothing about a leaf under Men's Clothing), one per word shared with its ancestors' names; a leaf
    with no own word in the title is not suggested."""
    above = set().union(*(_words(c.names.get("en", "")) for c in path[:-1]))
    own = len(title & (_words(path[-1].names.get("en", "")) - above))
    if not own:
        return 0
    return 2 * own + len(title & above)


def _name(category: seed.Category, language: str) -> str:
    names = category.names
    return names.get(language) or names.get(language.split("_")[0]) or names.get("en", "")


def category_suggest(world: World, call: Call) -> JsonDict:
    """A deterministic stand-in for AliExpress's own model: leaves ranked by the words the title shares
    with their names (then the shallower, then the smaller id); an image is accepted and ignored."""
    title = _words(call.required("title"))
    language = call.required("language")
    scored = []
    for category in seed.categories().values():
        if category.is_leaf:
            path = _path(category)
            score = _score(title, path)
            if score:
                scored.append((-score, category.level, category.id, path))
    rows = [
        {
            "id": path[-1].id,
            "name": _name(path[-1], language),
            "id_path": {"number": [c.id for c in path]},
            "name_path": {"string": [_name(c, language) for c in path]},
        }
        for *_, path in sorted(scored, key=lambda row: row[:3])[:SUGGEST_LIMIT]
    ]
    return {"suggest_category_list": {"suggest_category": rows}}


METHODS = {
    "aliexpress.solution.seller.category.tree.query": tree_query,
    "aliexpress.solution.product.schema.get": schema_get,
    "aliexpress.solution.sku.attribute.query": sku_attribute_query,
    "aliexpress.solution.product.category.suggest": category_suggest,
}
