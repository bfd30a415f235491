"""``store.list`` (``core_store``), ``core_magento.info`` and the store argument every catalog and cart call
takes."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.catalog import views
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.sandbox.magento1.versions import version

# As recorded: ids are integers here, unlike almost every other value of the API. The second view
# (``french``, sandbox/catalog/views.py) has the same keys as a second view of a real OpenMage 20.18
# (``openmage-recorded/views/store.list``, where views come by sort order).
STORE_VIEWS: list[dict[str, Any]] = [
    {
        "store_id": v.id, "code": v.code, "website_id": 1, "group_id": 1, "name": v.name,
        "sort_order": "0", "is_active": "1",
    }
    for v in views.VIEWS
]  # fmt: skip
STORE_VIEW = STORE_VIEWS[0]
ROOT_CATEGORY_ID = 2  # the "Main Website Store" group's root category
ADMIN = "admin"


def store_code(store: object, resource: str) -> str:
    """The view a ``store`` argument names, by id or code: ``null`` the default one, ``0``/``admin`` the
    admin scope; any other answers the resource's "store not found"."""
    if store is None or store == "":
        return views.DEFAULT.code
    if str(store) in ("0", ADMIN):
        return ADMIN
    for view in STORE_VIEWS:
        if str(store) in (str(view["store_id"]), view["code"]):
            return str(view["code"])
    raise fault("store_not_exists", resource)


def store_id(store: object, resource: str) -> int:
    """``store_code``'s view id (0: the admin scope)."""
    code = store_code(store, resource)
    return 0 if code == ADMIN else views.BY_CODE[code].id


def list_stores(ctx: Call) -> list[dict[str, Any]]:
    return [dict(view) for view in STORE_VIEWS]


def info(ctx: Call, store: object = None) -> dict[str, Any]:
    code = store_code(store, "core_store")
    return dict(next((v for v in STORE_VIEWS if v["code"] == code), STORE_VIEW))


def magento_info(ctx: Call) -> dict[str, str]:
    """The versions, as recorded on OpenMage 20.18 (Magento 1.9.4 has no ``openmage_version``)."""
    return dict(version(ctx.world.knobs.emulate).info)


METHODS = {
    "core_magento.info": Method("core_magento", magento_info),
    "core_store.list": Method("core_store", list_stores),
    "core_store.info": Method("core_store", info),
}
