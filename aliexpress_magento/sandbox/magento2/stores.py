"""Websites, store groups, store views and store configs of a one-website install (admin ids 0 included
in the first three, as the OCA recordings show) with two store views, ``default`` and ``french``
(``sandbox/catalog/views.py``). A second view's place in the list and its config are as recorded on a
2.4.7-p7 with a second view (``views-rates/store.storeViews``: the default view, the admin entry, then the
others; ``store.storeConfigs.fr``: the same keys, its own locale). URLs are built from the address the
caller used, so ``base_media_url`` points at this sandbox."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.catalog import views as store_views
from aliexpress_magento.sandbox.magento2.call import Call
from aliexpress_magento.sandbox.magento2.routing import Route

JsonDict = dict[str, Any]
ACL = "Magento_Backend::stores"
STORE_CODES = tuple(v.code for v in store_views.VIEWS)
WEBSITES = [
    {"id": 1, "code": "base", "name": "Main Website", "default_group_id": 1},
    {"id": 0, "code": "admin", "name": "Admin", "default_group_id": 0},
]
GROUPS = [
    {"id": 1, "website_id": 1, "root_category_id": 2, "default_store_id": 1, "name": "Main Website Store",
     "code": "main_website_store"},
    {"id": 0, "website_id": 0, "root_category_id": 0, "default_store_id": 0, "name": "Default",
     "code": "default"},
]  # fmt: skip
_ROWS = [
    {"id": v.id, "code": v.code, "name": v.name, "website_id": 1, "store_group_id": 1, "is_active": 1}
    for v in store_views.VIEWS
]  # fmt: skip
VIEWS = [  # the default view, then the admin entry, then the other views (recorded order)
    _ROWS[0],
    {"id": 0, "code": "admin", "name": "Admin", "website_id": 0, "store_group_id": 0, "is_active": 1},
    *_ROWS[1:],
]


def store_config(base_url: str, view: store_views.View = store_views.DEFAULT) -> JsonDict:
    return {
        "id": view.id, "code": view.code, "website_id": 1, "locale": view.locale, "base_currency_code": "USD",
        "default_display_currency_code": "USD", "timezone": "UTC", "weight_unit": "lbs",
        "base_url": base_url, "base_link_url": f"{base_url}index.php/",
        "base_static_url": f"{base_url}static/version1/", "base_media_url": f"{base_url}media/",
        "secure_base_url": base_url, "secure_base_link_url": f"{base_url}index.php/",
        "secure_base_static_url": f"{base_url}static/version1/", "secure_base_media_url": f"{base_url}media/",
    }  # fmt: skip


def websites(call: Call) -> object:
    return WEBSITES


def groups(call: Call) -> object:
    return GROUPS


def views(call: Call) -> object:
    return VIEWS


def configs(call: Call) -> object:
    wanted = call.request.args.getlist("storeCodes[]") or [
        v for k, v in call.request.args.items(multi=True) if k.startswith("storeCodes[")
    ]
    return [store_config(call.base_url, v) for v in store_views.VIEWS if not wanted or v.code in wanted]


def currency(call: Call) -> object:
    """Magento's ``CurrencyInformationAcquirer``: every allowed currency, the base first, with the base
    currency's rate to it; a currency allowed without a rate answers ``"rate": 0`` (recorded on 2.4.7-p7:
    ``views-rates/currency.default_view``). One set of rates for every view here, where a real store
    answers each view's own allowed and display currencies (``currency.fr_view.display_eur``)."""
    rates = {"USD": 1.0, **call.world.currency_rates}
    return {
        "base_currency_code": "USD", "base_currency_symbol": "$", "default_display_currency_code": "USD",
        "default_display_currency_symbol": "$", "available_currency_codes": list(rates),
        "exchange_rates": [{"currency_to": code, "rate": rate} for code, rate in rates.items()],
    }  # fmt: skip


ROUTES = [
    Route("GET", "/V1/store/websites", websites, ACL),
    Route("GET", "/V1/store/storeGroups", groups, ACL),
    Route("GET", "/V1/store/storeViews", views, ACL),
    Route("GET", "/V1/store/storeConfigs", configs, ACL),
    Route("GET", "/V1/directory/currency", currency, None),  # anonymous in Magento_Directory's webapi.xml
]
