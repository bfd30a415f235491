"""Attributes, their options, attribute sets and the category tree (``catalog_product_attribute``,
``catalog_product_attribute_set``, ``catalog_category``)."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.catalog.model import Category
from aliexpress_magento.sandbox.catalog.state import CatalogState
from aliexpress_magento.sandbox.magento1 import attributes as attrs
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.sandbox.magento1.stores import ROOT_CATEGORY_ID, store_id

JsonDict = dict[str, Any]
ATTRIBUTE = "catalog_product_attribute"
CATEGORY = "catalog_category"
TREE_ROOT_ID = 1  # Mage_Catalog_Model_Category::TREE_ROOT_ID


def attribute_list(ctx: Call, set_id: object) -> list[JsonDict]:
    if str(set_id) != str(attrs.DEFAULT_SET[0]):
        return []  # an unknown set has no attributes: an empty list, no fault
    return [
        {
            "attribute_id": a.attribute_id,
            "code": a.code,
            "type": a.type,
            "required": a.required,
            "scope": a.scope,
        }
        for a in attrs.ALL
    ]


def attribute_options(ctx: Call, attribute_id: object, store: object = None) -> list[dict[str, object]]:
    store_id(store, ATTRIBUTE)
    attribute = attrs.find(attribute_id)
    if attribute is None:
        raise fault("not_exists", ATTRIBUTE)
    return attrs.options(attribute)


def attribute_sets(ctx: Call) -> list[JsonDict]:
    set_id, name = attrs.DEFAULT_SET
    return [{"set_id": str(set_id), "name": name}]


def tree(ctx: Call, parent_id: object = None, store: object = None) -> JsonDict:
    """From ``parent_id``; without it, from the store's root category, or from the tree root (1)."""
    if parent_id is None:
        parent_id = TREE_ROOT_ID if store is None else _root_of(store)
    catalog = ctx.world.catalog
    node = catalog.category_by_id.get(int(str(parent_id))) if str(parent_id).isdigit() else None
    if node is None:
        raise fault("not_exists", CATEGORY)
    return _node(catalog, node)


def _root_of(store: object) -> int:
    store_id(store, CATEGORY)
    return ROOT_CATEGORY_ID


def _node(catalog: CatalogState, category: Category) -> JsonDict:
    # Values read from the EAV tables come as strings (inferred: no recording of this call).
    return {
        "category_id": str(category.id), "parent_id": str(category.parent_id), "name": category.name,
        "is_active": "1" if category.is_active else "0", "position": str(category.position),
        "level": str(category.level),
        "children": [_node(catalog, c) for c in catalog.category_children(category)],
    }  # fmt: skip


METHODS = {
    "catalog_product_attribute.list": Method(ATTRIBUTE, attribute_list),
    "catalog_product_attribute.options": Method(ATTRIBUTE, attribute_options),
    "catalog_product_attribute_set.list": Method("catalog_product_attribute_set", attribute_sets),
    "catalog_category.tree": Method(CATEGORY, tree),
}
