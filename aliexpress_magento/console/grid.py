"""Shared behaviour of the manual's grids: "View N per page", the filter row under the column headers,
Magento's massaction bar (Select All / Visible, the count of selected rows, Actions + Submit), and for the
log grids a Truncate button with a confirmation step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from aliexpress_magento.console import column_filters
from aliexpress_magento.console.column_filters import Cell, ColumnFilter

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
    """Django's change list, titled like the manual's grids, paged by the ``per_page`` choice and
    narrowed by the admin's ``column_filters`` (after Django's own filters, so ``select_across`` and the
    counts see the same rows)."""

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        # A grid may be titled apart from its menu entry (the manual's "Manage Profiles" opens the
        # "Aliexpress Profile Listing"), and a menu entry apart from its model.
        admin_ = self.model_admin
        self.title = (
            getattr(admin_, "grid_title", None)
            or getattr(admin_, "menu_title", None)
            or str(self.opts.verbose_name_plural)
        )
        self.filter_cells = self._filter_cells()
        # What Search and Reset Filter carry over: the page size, the sort, Django's own filters.
        self.kept_params = [
            (key, value) for key, value in self.params.items() if not column_filters.is_filter_param(key)
        ]
        self.reset_filter_url = self.get_query_string(remove=[column_filters.PARAM_PREFIX])

    @property
    def column_filters(self) -> Sequence[ColumnFilter]:
        return tuple(getattr(self.model_admin, "column_filters", ()))

    def get_filters_params(self, params: dict[str, Any] | None = None) -> dict[str, Any]:
        lookup = super().get_filters_params(params)
        lookup.pop(PER_PAGE_VAR, None)  # a page size, not a field filter
        for name in list(lookup):
            if column_filters.is_filter_param(name):
                del lookup[name]  # the filter row's own, applied in get_queryset
        return lookup

    def get_queryset(self, request: HttpRequest, exclude_parameters: Any = None) -> Any:
        rows = super().get_queryset(request, exclude_parameters)
        return column_filters.apply_all(self.column_filters, rows, self.params)

    def get_results(self, request: HttpRequest) -> None:
        self.list_per_page = per_page(request, self.list_per_page)
        super().get_results(request)

    def _filter_cells(self) -> list[Cell | None]:
        """One entry per displayed column (the checkbox column included), None where no filter sits."""
        if not self.column_filters:
            return []
        by_column = {f.column: f for f in self.column_filters}
        return [
            by_column[name].cell(self.params) if name in by_column else None for name in self.list_display
        ]


class GridMixin(admin.ModelAdmin):
    """The manual's grid page (title, ``Page X of Y pages | View N per page | Total N records found``,
    filter row, massaction bar) for any model admin; it adds no permission rule of its own.

    ``massaction_bar = True`` draws Magento's bar (``admin/console/massaction_bar.html``, driven by
    ``console/grid.js``) instead of Django's actions row, and the filter row of ``column_filters``."""

    list_per_page = PER_PAGE_CHOICES[0]
    change_list_template = "admin/console/change_list.html"
    column_filters: Sequence[ColumnFilter] = ()
    massaction_bar = False

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return GridChangeList

    @property
    def media(self) -> forms.Media:
        media = super().media
        if not self.massaction_bar:
            return media
        # Django's actions.js drives Django's actions row, which the massaction bar replaces (both at
        # once would fight over the checkboxes). Media offers no public list of its scripts.
        scripts = [js for js in media._js if not str(js).endswith("admin/js/actions.js")]  # type: ignore[attr-defined]
        return forms.Media(css=media._css, js=[*scripts, "console/grid.js"])  # type: ignore[attr-defined]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {
            "per_page_choices": PER_PAGE_CHOICES,
            "per_page": per_page(request, self.list_per_page),
            "massaction_bar": self.massaction_bar,
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)


class GridAdmin(GridMixin):
    """A read-only log grid: rows are written by the connector, never edited by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {
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

    def truncate_note(self, request: HttpRequest) -> str:
        """A sentence for the confirmation page about the rows Truncate keeps (none by default)."""
        return ""

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
            "note": self.truncate_note(request),
            "changelist_url": changelist_url,
        }
        return TemplateResponse(request, "admin/console/truncate_confirmation.html", context)

    def _truncate_url(self) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_truncate")


# --- Mass actions that ask first ------------------------------------------------------------------

CONFIRM = "confirm"  # the confirmation pages' submit button: present once the merchant said yes


def action_confirmation(
    model_admin: admin.ModelAdmin[Any], request: HttpRequest, template: str, title: str, **extra: Any
) -> HttpResponse:
    """A mass action's confirmation page that posts the same selection back to the grid (same filters,
    same "all pages") with the merchant's answer (``CONFIRM`` in the POST). The template includes
    ``admin/console/action_selection.html`` for the selection's fields."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.opts,
        "action": request.POST.get("action", ""),
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across") == "1",
        "changelist_url": request.get_full_path(),
        "confirm": CONFIRM,
        **extra,
    }
    return TemplateResponse(request, template, context)
