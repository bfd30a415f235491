"""Attribute and attribute-set routes, in the shapes 2.4.7-p7 answered (``second-store/attribute.color``,
``customers-orders/attributes.list`` and ``attribute_sets.4.attributes``): option-table selects start
with the blank placeholder ``{"label": " ", "value": ""}``; options carry string values; fields the
attribute does not set (models, ``frontend_class``, ``default_value``) are left out; one attribute read
alone carries ``extension_attributes.is_pagebuilder_enabled``; an attribute set lists the plain EAV shape
(no catalog flags, scope or ``apply_to``)."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.catalog import attributes as attrs
from aliexpress_magento.sandbox.magento2 import errors, results
from aliexpress_magento.sandbox.magento2.call import Call
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
    blank = [{"label": " ", "value": ""}] if attribute.placeholder else []
    return blank + [{"label": label, "value": str(oid)} for oid, label in attribute.options]


def eav_json(attribute: attrs.Attribute) -> JsonDict:
    """The shape every attribute shares (and all an attribute set's list gives)."""
    found: JsonDict = {
        "attribute_id": attribute.attribute_id, "attribute_code": attribute.code,
        "frontend_input": attribute.frontend_input, "entity_type_id": "4",
        "is_required": attribute.required, "options": options(attribute),
        "is_user_defined": attribute.user_defined, "default_frontend_label": attribute.label,
        "frontend_labels": [], "backend_type": attribute.backend_type,
        "backend_model": attribute.backend_model, "source_model": attribute.source_model,
        "default_value": attribute.default_value, "is_unique": "1" if attribute.code == "sku" else "0",
        "frontend_class": attribute.frontend_class, "validation_rules": [],
    }  # fmt: skip
    return {k: v for k, v in found.items() if v is not None}


def attribute_json(attribute: attrs.Attribute) -> JsonDict:
    select = attribute.frontend_input == "select"
    return {
        "is_wysiwyg_enabled": False, "is_html_allowed_on_front": False, "used_for_sort_by": False,
        "is_filterable": select and attribute.user_defined, "is_filterable_in_search": False,
        "is_used_in_grid": True, "is_visible_in_grid": False, "is_filterable_in_grid": True,
        "position": 0, "apply_to": list(attribute.apply_to), "is_searchable": "0",
        "is_visible_in_advanced_search": "0", "is_comparable": "0", "is_used_for_promo_rules": "0",
        "is_visible_on_front": "0", "used_in_product_listing": "1", "is_visible": True,
        "scope": attribute.scope, **eav_json(attribute),
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
    # unsure: recorded for color only; Page Builder adds it on every repository read
    return {"extension_attributes": {"is_pagebuilder_enabled": False}, **attribute_json(_attribute(call))}


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
    # The set's list reads the stored rows: an option-table select stores no source model (the product
    # attribute repository fills in Table when it loads one), as recorded for color.
    rows = [eav_json(a) for a in attrs.ALL]
    return [{k: v for k, v in r.items() if (k, v) != ("source_model", attrs.TABLE)} for r in rows]


ROUTES = [
    Route("GET", "/V1/products/attributes", list_attributes, ACL),
    Route("GET", "/V1/products/attributes/{attributeCode}", get_attribute, ACL),
    Route("GET", "/V1/products/attributes/{attributeCode}/options", attribute_options, ACL),
    Route("GET", "/V1/products/attribute-sets/sets/list", list_sets, SETS_ACL),
    Route("GET", "/V1/products/attribute-sets/{attributeSetId}", get_set, SETS_ACL),
    Route("GET", "/V1/products/attribute-sets/{attributeSetId}/attributes", set_attributes, SETS_ACL),
]
