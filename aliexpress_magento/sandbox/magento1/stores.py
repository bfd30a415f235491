"""``store.list`` (``core_store``), ``core_magento.info`` and the store argument every catalog and cart call
takes."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.sandbox.magento1.versions import version

# As recorded: ids are integers here, unlike almost every other value of the API.
STORE_VIEW: dict[str, Any] = {
    "store_id": 1, "code": "default", "website_id": 1, "group_id": 1, "name": "Default Store View",
    "sort_order": "0", "is_active": "1",
}  # fmt: skip
ROOT_CATEGORY_ID = 2  # the "Main Website Store" group's root category


def store_id(store: object, resource: str) -> int:
    """``null``, ``0``/``admin``, ``1``/``default``: the others answer the resource's "store not found"."""
    if store is None or store == "":
        return 1
    if str(store) in ("0", "admin"):
        return 0
    if str(store) in ("1", "default"):
        return 1
    raise fault("store_not_exists", resource)


def list_stores(ctx: Call) -> list[dict[str, Any]]:
    return [dict(STORE_VIEW)]


def info(ctx: Call, store: object = None) -> dict[str, Any]:
    store_id(store, "core_store")
    return dict(STORE_VIEW)


def magento_info(ctx: Call) -> dict[str, str]:
    """The versions, as recorded on OpenMage 20.18 (Magento 1.9.4 has no ``openmage_version``)."""
    return dict(version(ctx.world.knobs.emulate).info)


METHODS = {
    "core_magento.info": Method("core_magento", magento_info),
    "core_store.list": Method("core_store", list_stores),
    "core_store.info": Method("core_store", info),
}
