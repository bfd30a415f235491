"""Attribute and attribute-set routes. Select options start with the blank placeholder
``{"label": " ", "value": ""}`` and carry string values, as 2.4.7 answers (``attribute.size.options``)."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.magento2 import errors, results
from aliexpress_magento.sandbox.magento2.call import Call
from aliexpress_magento.sandbox.magento2.catalog import attributes as attrs
from aliexpress_magento.sandbox.magento2.routing import Route

JsonDict = dict[str, Any]
ACL = "Magento_Catalog::attributes_attributes"
SETS_ACL = "Magento_Catalog::sets"
DEFAULT_SET: JsonDict = {
    "attribute_set_id": attrs.DEFAULT_SET, "attribute_set_name": "Default", "sort_order": 2,
    "entity_type_id": 4,
}  # fmt: skip


def options(attribute: attrs.Attribute) -> list[JsonDict]:
    if attribute.frontend_input not in ("select", "multiselect"):
        return []
    return [{"label": " ", "value": ""}] + [
        {"label": label, "value": str(oid)} for oid, label in attribute.options
    ]


def attribute_json(attribute: attrs.Attribute) -> JsonDict:
    select = attribute.frontend_input == "select"
    return {
        "is_wysiwyg_enabled": False, "is_html_allowed_on_front": False, "used_for_sort_by": False,
        "is_filterable": select and attribute.user_defined, "is_filterable_in_search": False,
        "is_used_in_grid": True, "is_visible_in_grid": False, "is_filterable_in_grid": True,
        "position": 0, "apply_to": [], "is_searchable": "0", "is_visible_in_advanced_search": "0",
        "is_comparable": "0", "is_used_for_promo_rules": "0", "is_visible_on_front": "0",
        "used_in_product_listing": "1", "is_visible": True, "scope": attribute.scope,
        "attribute_id": attribute.attribute_id, "attribute_code": attribute.code,
        "frontend_input": attribute.frontend_input, "entity_type_id": "4",
        "is_required": attribute.required, "options": options(attribute),
        "is_user_defined": attribute.user_defined, "default_frontend_label": attribute.label,
        "frontend_labels": [], "backend_type": attribute.backend_type, "is_unique": "0",
        "validation_rules": [],
    }  # fmt: skip


def _attribute(call: Call) -> attrs.Attribute:
    code = call.params["attributeCode"]
    found = attrs.BY_CODE.get(code) or (attrs.BY_ID.get(int(code)) if code.isdigit() else None)
    if found is None:
        raise errors.no_such_entity("attributeCode", code)  # unsure: the real message
    return found


def list_attributes(call: Call) -> object:
    rows = [attribute_json(a) for a in attrs.ALL]
    return results.search(rows, call.criteria(), results.DICTS, dict)


def get_attribute(call: Call) -> object:
    return attribute_json(_attribute(call))


def attribute_options(call: Call) -> object:
    return options(_attribute(call))


def list_sets(call: Call) -> object:
    return results.search([DEFAULT_SET], call.criteria(), results.DICTS, dict)


def _set(call: Call) -> JsonDict:
    if call.params["attributeSetId"] != str(attrs.DEFAULT_SET):
        raise errors.no_such_entity("id", call.params["attributeSetId"])  # unsure: the real message
    return DEFAULT_SET


def get_set(call: Call) -> object:
    return _set(call)


def set_attributes(call: Call) -> object:
    _set(call)
    return [attribute_json(a) for a in attrs.ALL]


ROUTES = [
    Route("GET", "/V1/products/attributes", list_attributes, ACL),
    Route("GET", "/V1/products/attributes/{attributeCode}", get_attribute, ACL),
    Route("GET", "/V1/products/attributes/{attributeCode}/options", attribute_options, ACL),
    Route("GET", "/V1/products/attribute-sets/sets/list", list_sets, SETS_ACL),
    Route("GET", "/V1/products/attribute-sets/{attributeSetId}", get_set, SETS_ACL),
    Route("GET", "/V1/products/attribute-sets/{attributeSetId}/attributes", set_attributes, SETS_ACL),
]
