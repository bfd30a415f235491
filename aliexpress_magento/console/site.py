"""The admin site: titled for the product, with the manual's menu (AliExpress, Developer)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse

# The manual's top menu, in its order. A model admin joins a section by declaring
# ``menu = (section, position)`` (and ``menu_title`` to name it apart from its model); pages not built
# yet are simply not registered, so they don't appear.
SECTIONS = ("AliExpress", "Manage Orders", "Developer")

# The dashboard (admin index) shows one panel per feature app that appends its provider here:
# ``provider(request) -> (template name, context)``. The console itself knows no feature app.
DashboardPanel = Callable[[HttpRequest], tuple[str, dict[str, Any]]]
dashboard_panels: list[DashboardPanel] = []


class ConnectorAdminSite(admin.AdminSite):
    site_header = "AliExpress ⇄ Magento Connector"
    site_title = "AliExpress ⇄ Magento Connector"
    index_title = "AliExpress"
    site_url = None  # every page is the console; "View site" would lead back here
    index_template = "admin/console/index.html"

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> TemplateResponse:
        panels = [provider(request) for provider in dashboard_panels]
        return super().index(request, {"dashboard_panels": panels, **(extra_context or {})})

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
        model_admin = self._registry.get(entry["model"])
        menu = getattr(model_admin, "menu", None)
        if menu is None:
            return False
        section, position = menu
        title = getattr(model_admin, "menu_title", None)  # a grid named apart from its model
        sections[section].append((position, {**entry, "name": title} if title else entry))
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
