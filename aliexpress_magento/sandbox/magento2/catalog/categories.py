"""Category routes: the tree, the flat list, one category and its product links.

As recorded on 2.4.7: the tree is one root object (default root: the store group's root, id 2);
``product_count`` and ``/categories/{id}/products`` count only enabled products linked directly, while a
product search by ``category_id`` includes disabled ones. ``children`` is a comma-separated id string.
"""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.catalog import demo
from aliexpress_magento.sandbox.catalog.model import ENABLED, Category
from aliexpress_magento.sandbox.catalog.state import CatalogState
from aliexpress_magento.sandbox.magento2 import errors, results
from aliexpress_magento.sandbox.magento2.call import Call
from aliexpress_magento.sandbox.magento2.routing import Route
from aliexpress_magento.sandbox.magento2.search import Engine

JsonDict = dict[str, Any]
ACL = "Magento_Catalog::categories"
STAMP = demo.stamp(0)


def _linked(store: CatalogState, category: Category) -> list[str]:
    return [p.sku for p in store.in_category(category.id) if p.status == ENABLED]


def tree_node(store: CatalogState, category: Category, depth: int | None) -> JsonDict:
    below = store.category_children(category) if depth is None or depth > 0 else []
    return {
        "id": category.id, "parent_id": category.parent_id, "name": category.name,
        "is_active": category.is_active, "position": category.position, "level": category.level,
        "product_count": len(_linked(store, category)),
        "children_data": [tree_node(store, c, None if depth is None else depth - 1) for c in below],
    }  # fmt: skip


def category_json(store: CatalogState, category: Category) -> JsonDict:
    return {
        "id": category.id, "parent_id": category.parent_id, "name": category.name,
        "is_active": category.is_active, "position": category.position, "level": category.level,
        "children": ",".join(str(c.id) for c in store.category_children(category)),
        "created_at": STAMP, "updated_at": STAMP, "path": category.path,
        "include_in_menu": category.include_in_menu,
        "custom_attributes": [
            {"attribute_code": "url_key", "value": category.name.lower().replace(" ", "-")}
        ],
    }  # fmt: skip


def _category(call: Call, name: str = "categoryId") -> Category:
    raw = call.params.get(name, "")
    found = call.world.catalog.category_by_id.get(int(raw)) if raw.isdigit() else None
    if found is None:
        raise errors.no_such_entity("id", int(raw) if raw.isdigit() else raw)
    return found


def tree(call: Call) -> object:
    store = call.world.catalog
    root_id = call.request.args.get("rootCategoryId", str(demo.DEFAULT_ROOT_ID))
    depth = call.request.args.get("depth")
    root = store.category_by_id.get(int(root_id)) if root_id.isdigit() else None
    if root is None:
        raise errors.no_such_entity("id", int(root_id) if root_id.isdigit() else root_id)
    return tree_node(store, root, int(depth) if depth and depth.isdigit() else None)


def list_categories(call: Call) -> object:
    store = call.world.catalog
    rows = [category_json(store, c) for c in store.categories]
    return results.search(rows, call.criteria(), Engine(results.dict_field), dict)


def get_category(call: Call) -> object:
    return category_json(call.world.catalog, _category(call))


def category_products(call: Call) -> object:
    category = _category(call)
    skus = _linked(call.world.catalog, category)
    return [{"sku": sku, "position": 0, "category_id": str(category.id)} for sku in skus]


ROUTES = [
    Route("GET", "/V1/categories", tree, ACL),
    Route("GET", "/V1/categories/list", list_categories, ACL),
    Route("GET", "/V1/categories/{categoryId}", get_category, ACL),
    Route("GET", "/V1/categories/{categoryId}/products", category_products, ACL),
]
