"""AliExpress → Magento Catalog: the mirrored products, read-only, with the Refresh catalog buttons and
their progress panel (per account the user may see; the buttons for users who may change accounts)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from aliexpress_magento.accounts import selectors as account_selectors
from aliexpress_magento.accounts.access import AccountScopedAdmin, VisibleAccountFilter
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog import selectors
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.catalog.services import manual
from aliexpress_magento.console.grid import GridAdmin

# Magento's visibility values, as its admin names them.
VISIBILITY = {1: "Not Visible Individually", 2: "Catalog", 3: "Search", 4: "Catalog, Search"}
# Who may start a refresh: the people who may change the account (a refresh writes nothing in Magento,
# but it costs the store's API budget).
REFRESH_PERMISSION = "accounts.change_account"


class RemovedFilter(admin.SimpleListFilter):
    title = "removed from Magento"
    parameter_name = "removed"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("no", "No (live)"), ("yes", "Yes")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in ("no", "yes"):
            return queryset.filter(removed_at__isnull=self.value() == "no")
        return queryset


class VisibilityFilter(admin.SimpleListFilter):
    title = "visibility"
    parameter_name = "visibility"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(str(value), label) for value, label in VISIBILITY.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset.filter(visibility=int(value)) if value in ("1", "2", "3", "4") else queryset


@admin.register(CatalogProduct)
class CatalogProductAdmin(AccountScopedAdmin, GridAdmin):
    menu = ("AliExpress", 40)
    menu_title = "Magento Catalog"
    change_list_template = "admin/catalog/catalogproduct/change_list.html"
    list_display = (
        "thumbnail",
        "name",
        "sku",
        "type",
        "status",
        "visibility_label",
        "price",
        "salable_qty",
        "removed",
        "account",
    )
    list_display_links = ("name",)
    list_select_related = ("account",)
    list_filter = (
        ("account", VisibleAccountFilter),
        "type",
        "enabled",
        VisibilityFilter,
        "is_salable",
        RemovedFilter,
        "attribute_set_id",
    )
    search_fields = ("sku", "name")
    ordering = ("sku", "pk")
    readonly_fields = (
        "account", "entity_id", "sku", "type", "attribute_set_id", "name", "enabled", "visibility", "price",
        "special_price", "special_price_from", "special_price_to", "weight", "attributes", "images",
        "category_ids", "parent", "axes", "axis_values", "unavailable_reason", "salable_qty", "is_salable",
        "limited", "updated_at", "first_mirrored_at", "mirrored_at", "stock_read_at", "removed_at",
    )  # fmt: skip

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the refresh owns these rows (a product gone from Magento is marked, not deleted)

    @admin.display(description="Thumbnail")
    def thumbnail(self, obj: CatalogProduct) -> str:
        if not obj.images:
            return ""
        return format_html('<img src="{}" alt="" class="catalog-thumb" loading="lazy">', obj.images[0]["url"])

    @admin.display(description="Status", ordering="enabled")
    def status(self, obj: CatalogProduct) -> str:
        return "Enabled" if obj.enabled else "Disabled"

    @admin.display(description="Visibility", ordering="visibility")
    def visibility_label(self, obj: CatalogProduct) -> str:
        return VISIBILITY.get(obj.visibility, str(obj.visibility))

    @admin.display(description="Removed", ordering="removed_at")
    def removed(self, obj: CatalogProduct) -> str:
        """When the product went from Magento (a full read no longer found it); empty while live."""
        return f"{obj.removed_at:%Y-%m-%d %H:%M}" if obj.removed_at else ""

    # --- Refresh catalog --------------------------------------------------------------------------

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        may_refresh = request.user.has_perm(REFRESH_PERMISSION)
        panels = [
            {
                "account": account,
                "status": selectors.refresh_status(account),
                "refresh_url": reverse("admin:catalog_catalogproduct_refresh", args=[account.pk]),
                "progress_url": reverse("admin:catalog_catalogproduct_progress", args=[account.pk]),
            }
            for account in account_selectors.visible_accounts(request.user).order_by("name")
        ]
        context = {"refresh_panels": panels, "may_refresh": may_refresh, **(extra_context or {})}
        return super().changelist_view(request, context)

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "refresh/<int:account_id>/",
                self.admin_site.admin_view(self.refresh_view),
                name="catalog_catalogproduct_refresh",
            ),
            path(
                "refresh/<int:account_id>/progress/",
                self.admin_site.admin_view(self.progress_view),
                name="catalog_catalogproduct_progress",
            ),
        ]
        return own + super().get_urls()

    def _account(self, request: HttpRequest, account_id: int) -> Account:
        """An account the user may see; another is "not found", like a missing one."""
        account = account_selectors.visible_accounts(request.user).filter(pk=account_id).first()
        if account is None:
            raise Http404(f"No account {account_id} among the ones you may see.")
        return account

    def refresh_view(self, request: HttpRequest, account_id: int) -> HttpResponse:
        if request.method != "POST" or not request.user.has_perm(REFRESH_PERMISSION):
            raise PermissionDenied
        account = self._account(request, account_id)
        outcome = manual.request_refresh(account, full=request.POST.get("full") == "1", user=request.user)
        self.message_user(request, outcome.message, messages.SUCCESS if outcome.queued else messages.WARNING)
        return HttpResponseRedirect(reverse("admin:catalog_catalogproduct_changelist"))

    def progress_view(self, request: HttpRequest, account_id: int) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        status = selectors.refresh_status(self._account(request, account_id))
        return JsonResponse(
            {
                "phase": status.phase,
                "done": status.done,
                "total": status.total,
                "started": status.started_at.isoformat() if status.started_at else None,
                "finished": status.finished_at.isoformat() if status.finished_at else None,
                "message": status.message,
                "queued": status.queued,
                "running": status.running,
                "busy": status.busy,
                "text": status.text,
            }
        )
