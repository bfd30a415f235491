"""Shared behaviour of the manual's grids: "View N per page", a Truncate button with a confirmation step."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

PER_PAGE_VAR = "per_page"
PER_PAGE_CHOICES = (20, 30, 50, 100, 200)


def per_page(request: HttpRequest, default: int) -> int:
    """The page size the merchant picked, if it is one of the offered sizes."""
    try:
        chosen = int(request.GET.get(PER_PAGE_VAR, default))
    except ValueError:
        return default
    return chosen if chosen in PER_PAGE_CHOICES else default


class GridChangeList(ChangeList):
    """Django's change list, titled like the manual's grids and paged by the ``per_page`` choice."""

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.title = getattr(self.model_admin, "menu_title", None) or str(self.opts.verbose_name_plural)

    def get_filters_params(self, params: dict[str, Any] | None = None) -> dict[str, Any]:
        lookup = super().get_filters_params(params)
        lookup.pop(PER_PAGE_VAR, None)  # a page size, not a field filter
        return lookup

    def get_results(self, request: HttpRequest) -> None:
        self.list_per_page = per_page(request, self.list_per_page)
        super().get_results(request)


class GridAdmin(admin.ModelAdmin):
    """A read-only log grid: rows are written by the connector, never edited by hand."""

    list_per_page = PER_PAGE_CHOICES[0]
    change_list_template = "admin/console/change_list.html"

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return GridChangeList

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {
            "per_page_choices": PER_PAGE_CHOICES,
            "per_page": per_page(request, self.list_per_page),
            "truncate_url": self._truncate_url() if self.has_delete_permission(request) else None,
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    # --- Truncate -------------------------------------------------------------------------------

    def truncate(self, request: HttpRequest) -> int:
        """Remove the grid's rows this user sees (``self.get_queryset(request)``, which a scoped admin
        narrows) through the app's service; returns how many went."""
        raise NotImplementedError  # each grid names its own service

    def truncate_count(self, request: HttpRequest) -> int:
        """How many rows Truncate would remove, for the confirmation page."""
        return self.get_queryset(request).count()

    def get_urls(self) -> list[URLPattern]:
        opts = self.model._meta
        truncate = path(
            "truncate/",
            self.admin_site.admin_view(self.truncate_view),
            name=f"{opts.app_label}_{opts.model_name}_truncate",
        )
        return [truncate, *super().get_urls()]

    def truncate_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_delete_permission(request):
            raise PermissionDenied
        changelist_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        if request.method == "POST":
            removed = self.truncate(request)
            self.message_user(
                request, f"{self.opts.verbose_name_plural} truncated: {removed} removed.", messages.SUCCESS
            )
            return HttpResponseRedirect(changelist_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Truncate {self.opts.verbose_name_plural}?",
            "opts": self.opts,
            "count": self.truncate_count(request),
            "changelist_url": changelist_url,
        }
        return TemplateResponse(request, "admin/console/truncate_confirmation.html", context)

    def _truncate_url(self) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_truncate")
