"""The admin site: titled for the product, with the manual's menu (AliExpress, Developer)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

# The manual's top menu, in its order. A model admin joins a section by declaring
# ``menu = (section, position)``; pages not built yet are simply not registered, so they don't appear.
SECTIONS = ("AliExpress", "Developer")


class ConnectorAdminSite(admin.AdminSite):
    site_header = "AliExpress ⇄ Magento Connector"
    site_title = "AliExpress ⇄ Magento Connector"
    index_title = "AliExpress"
    site_url = None  # every page is the console; "View site" would lead back here

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict[str, Any]]:
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps  # an app's own index page lists that app as Django built it
        sections: dict[str, list[tuple[int, dict[str, Any]]]] = {name: [] for name in SECTIONS}
        others = []
        for app in apps:
            rest = [entry for entry in app["models"] if not self._place(entry, sections)]
            if rest:
                others.append({**app, "models": rest})
        return [self._section(name, entries) for name, entries in sections.items() if entries] + others

    def _place(self, entry: dict[str, Any], sections: dict[str, list[tuple[int, dict[str, Any]]]]) -> bool:
        menu = getattr(self._registry.get(entry["model"]), "menu", None)
        if menu is None:
            return False
        section, position = menu
        sections[section].append((position, entry))
        return True

    @staticmethod
    def _section(name: str, entries: list[tuple[int, dict[str, Any]]]) -> dict[str, Any]:
        models = [entry for _, entry in sorted(entries, key=lambda pair: pair[0])]
        return {
            "name": name,
            "app_label": name.lower(),
            "app_url": models[0]["admin_url"],
            "has_module_perms": True,
            "models": models,
        }
