"""Manage Orders (manual §6): **View Aliexpress Orders** (the Aliexpress Order Details grid, with the
Fetch latest Aliexpress Orders button and its progress, Fetch one order by id and the back-fill window)
and **View Aliexpress Failed Orders** (Retry now, Mark handled, Delete). Both grids show the accounts the
user may see; a user without the change permission sees them read-only (any POST: 403). Every button and
action goes through ``services`` and writes the Activity Log; the buttons only queue jobs."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from aliexpress_magento.accounts import selectors as account_selectors
from aliexpress_magento.accounts.access import AccountScopedAdmin, VisibleAccountFilter
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.aliexpress.orders import parse_detail
from aliexpress_magento.console.column_filters import Choice, Contains, DateRange, NumberRange
from aliexpress_magento.console.grid import CONFIRM, GridMixin, action_confirmation
from aliexpress_magento.orders import selectors
from aliexpress_magento.orders.links import magento_order_url
from aliexpress_magento.orders.models import (
    AliExpressOrder,
    FailedOrder,
    ImportStatus,
    OrderAttempt,
    OrderShipment,
)
from aliexpress_magento.orders.services import actions as order_actions
from aliexpress_magento.orders.services import manual

YES_NO = (("1", "Yes"), ("0", "No"))
MAX_BACKFILL_DAYS = 90  # order.get reads at most this far back in one window (unsure: no documented cap)


class FetchOneForm(forms.Form):
    order_id = forms.IntegerField(label="AliExpress order id", min_value=1, max_value=2**63 - 1)


class BackfillForm(forms.Form):
    backfill_days = forms.IntegerField(
        label="Back-fill window (days)", min_value=1, max_value=MAX_BACKFILL_DAYS
    )


class FlagFilter(Choice):
    """A yes / no column (the totals-mismatch flag)."""

    def apply(self, rows: QuerySet[Any], params: Any) -> QuerySet[Any]:
        chosen = params.get(self.param, "")
        return rows.filter(**{self.target: chosen == "1"}) if chosen in ("0", "1") else rows


class OrderGrid(AccountScopedAdmin, GridMixin):
    """What both grids share: read-only rows (the connector writes them), the detail page with the raw
    payloads and the attempts, POSTs refused to view-only users."""

    change_form_template = "admin/orders/detail.html"
    massaction_bar = True
    list_select_related = ("account",)
    list_filter = (("account", VisibleAccountFilter),)
    search_fields = ("=aliexpress_order_id", "magento_order_number", "buyer_login_id", "buyer_name")
    search_help_text = "Search by AliExpress order id, Magento order number or buyer."
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied  # view-only: the grid is read, never acted on
        return super().changelist_view(request, extra_context)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        if not self.has_change_permission(request):
            return {}
        actions_ = super().get_actions(request)
        actions_.pop("delete_selected", None)
        return actions_

    # --- Columns ----------------------------------------------------------------------------------

    @admin.display(description="Magento Order #", ordering="magento_order_number")
    def magento_order(self, obj: AliExpressOrder) -> str:
        url = magento_order_url(obj.account.platform, obj.account.magento_base_url, obj.magento_order_id)
        if not url or not obj.magento_order_number:
            return obj.magento_order_number
        return format_html(
            '<a href="{}" target="_blank" rel="noopener" title="{}">{}</a>',
            url,
            "The store's admin page (a best guess: the admin path is configurable in Magento)",
            obj.magento_order_number,
        )

    @admin.display(description="Buyer", ordering="buyer_name")
    def buyer(self, obj: AliExpressOrder) -> str:
        if obj.buyer_name and obj.buyer_login_id:
            return f"{obj.buyer_name} ({obj.buyer_login_id})"
        return obj.buyer_name or obj.buyer_login_id

    @admin.display(description="Items")
    def items(self, obj: AliExpressOrder) -> str:
        if not obj.detail_payload:
            return ""
        lines = parse_detail({"result": {"data": obj.detail_payload}}).child_orders
        return "; ".join(f"{line.product_count} x {line.sku_code or line.product_id}" for line in lines)

    @admin.display(description="Total", ordering="aliexpress_total")
    def total(self, obj: AliExpressOrder) -> str:
        return f"{obj.aliexpress_total} {obj.aliexpress_currency}" if obj.aliexpress_total is not None else ""

    @admin.display(description="Shipment sent", ordering="shipment_sent_at")
    def shipment(self, obj: AliExpressOrder) -> str:
        """What was sent to AliExpress and when ("all, 2026-12-05 10:12"), or the problem, whole on hover."""
        if obj.shipment_error:
            return format_html('<span class="shipment-problem" title="{}">Problem</span>', obj.shipment_error)
        if not obj.shipment_state:
            return ""
        when = f", {obj.shipment_sent_at:%Y-%m-%d %H:%M}" if obj.shipment_sent_at else ""
        return f"{obj.get_shipment_state_display()}{when}"

    @admin.display(description="Needs attention")
    def attention(self, obj: AliExpressOrder) -> str:
        """The status sync's flag (a cancel request on a shipped order, a cancel Magento refused)."""
        if not obj.status_alert:
            return ""
        return format_html('<span class="status-alert" title="{}">Yes</span>', obj.status_alert)

    @admin.display(description="Action")
    def view(self, obj: AliExpressOrder) -> str:
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        return format_html('<a href="{}" class="view-order">View</a>', url)

    # --- Detail page ------------------------------------------------------------------------------

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "POST" or not self.has_view_permission(request):
            raise PermissionDenied  # the page only shows; its actions are the grid's
        order = self.get_object(request, object_id)
        payloads = [
            ("order.get (list row)", order.list_payload),
            ("order.info.get (detail)", order.detail_payload),
            ("order.receiptinfo.get (address)", order.receipt_payload),
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"AliExpress order {order.aliexpress_order_id}",
            "opts": self.opts,
            "order": order,
            "magento_url": magento_order_url(
                order.account.platform, order.account.magento_base_url, order.magento_order_id
            ),
            # Escaped by the template: a buyer's name is not markup.
            "payloads": [(title, json.dumps(data, indent=2, ensure_ascii=False)) for title, data in payloads],
            "attempts": OrderAttempt.objects.filter(order=order).order_by("started_at", "id"),
            "shipments": OrderShipment.objects.filter(order=order).order_by("shipped_at", "id"),
            "changelist_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"),
        }
        return TemplateResponse(request, self.change_form_template, context)

    # --- Retry now (both grids) ---------------------------------------------------------------------

    @admin.action(description="Retry now", permissions=["change"])
    def retry_now(self, request: HttpRequest, queryset: QuerySet[AliExpressOrder]) -> None:
        # Read before the retry: the failed grid's selection is empty once its rows are due again.
        retryable = queryset.filter(status__in=order_actions.RETRYABLE).order_by()
        account_ids = set(retryable.values_list("account_id", flat=True).distinct())
        count = order_actions.retry_now(queryset, user=request.user)
        if not count:
            self.message_user(
                request, "None of the selected orders is failed or handled: nothing to retry.", messages.INFO
            )
            return
        for account in Account.objects.filter(pk__in=account_ids).order_by("name"):
            manual.request_import(account, user=request.user)
        said = "1 order is due again; its" if count == 1 else f"{count} orders are due again; their"
        self.message_user(request, f"{said} import is queued.", messages.SUCCESS)


@admin.register(AliExpressOrder)
class AliExpressOrderAdmin(OrderGrid):
    menu = ("Manage Orders", 10)
    menu_title = "View Aliexpress Orders"
    grid_title = "Aliexpress Order Details"
    change_list_template = "admin/orders/aliexpressorder/change_list.html"
    list_display = (
        "aliexpress_order_id",
        "magento_order",
        "aliexpress_status",
        "magento_status",
        "buyer",
        "items",
        "total",
        "aliexpress_created_at",
        "imported_at",
        "totals_mismatch",
        "status",
        "shipment",
        "attention",
        "account",
        "view",
    )
    list_display_links = None
    column_filters = (
        Contains("aliexpress_order_id"),
        Contains("magento_order", "magento_order_number"),
        Contains("aliexpress_status"),
        Contains("magento_status"),
        Contains("buyer", "buyer_name"),
        NumberRange("total", "aliexpress_total"),
        DateRange("aliexpress_created_at"),
        DateRange("imported_at"),
        FlagFilter("totals_mismatch", choices=YES_NO),
        Choice("status", choices=ImportStatus.choices),
        Contains("account", "account__name"),
    )
    actions = ("retry_now",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deleting is the failed grid's action, with its confirmation

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        may_fetch = self.has_change_permission(request)
        panels = [
            self._panel(account)
            for account in account_selectors.visible_accounts(request.user).order_by("name")
        ]
        context = {"fetch_panels": panels, "may_fetch": may_fetch, **(extra_context or {})}
        return super().changelist_view(request, context)

    @staticmethod
    def _panel(account: Account) -> dict[str, Any]:
        return {
            "account": account,
            "status": selectors.fetch_status(account),
            "fetch_url": reverse("admin:orders_fetch", args=[account.pk]),
            "fetch_one_url": reverse("admin:orders_fetch_one", args=[account.pk]),
            "backfill_url": reverse("admin:orders_backfill", args=[account.pk]),
            "progress_url": reverse("admin:orders_progress", args=[account.pk]),
        }

    # --- Buttons ----------------------------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        own = [
            path("fetch/<int:account_id>/", self._wrap(self.fetch_view), name="orders_fetch"),
            path("fetch-one/<int:account_id>/", self._wrap(self.fetch_one_view), name="orders_fetch_one"),
            path("backfill/<int:account_id>/", self._wrap(self.backfill_view), name="orders_backfill"),
            path("fetch/<int:account_id>/progress/", self._wrap(self.progress_view), name="orders_progress"),
        ]
        return own + super().get_urls()

    def _wrap(self, view: Any) -> Any:
        return self.admin_site.admin_view(view)

    def _account(self, request: HttpRequest, account_id: int, *, acting: bool) -> Account:
        """An account the user may see (another is "not found"); ``acting``: a POST by a user who may
        change orders, else 403."""
        if acting and (request.method != "POST" or not self.has_change_permission(request)):
            raise PermissionDenied
        if not acting and not self.has_view_permission(request):
            raise PermissionDenied
        account = account_selectors.visible_accounts(request.user).filter(pk=account_id).first()
        if account is None:
            raise Http404(f"No account {account_id} among the ones you may see.")
        return account

    def _answer(self, request: HttpRequest, outcome: manual.Requested) -> HttpResponse:
        """JSON for the page's script (it stays on the page and polls), else a redirect with a message."""
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"queued": outcome.queued, "message": outcome.message})
        self.message_user(request, outcome.message, messages.SUCCESS if outcome.queued else messages.WARNING)
        return HttpResponseRedirect(reverse("admin:orders_aliexpressorder_changelist"))

    def fetch_view(self, request: HttpRequest, account_id: int) -> HttpResponse:
        account = self._account(request, account_id, acting=True)
        return self._answer(request, manual.request_fetch(account, user=request.user))

    def fetch_one_view(self, request: HttpRequest, account_id: int) -> HttpResponse:
        account = self._account(request, account_id, acting=True)
        form = FetchOneForm(request.POST)
        if not form.is_valid():
            return self._answer(
                request, manual.Requested(False, "Enter an AliExpress order id: its digits only.")
            )
        order_id = form.cleaned_data["order_id"]
        return self._answer(request, manual.request_fetch_one(account, order_id, user=request.user))

    def backfill_view(self, request: HttpRequest, account_id: int) -> HttpResponse:
        account = self._account(request, account_id, acting=True)
        form = BackfillForm(request.POST)
        if not form.is_valid():
            message = f"The back-fill window is a whole number of days from 1 to {MAX_BACKFILL_DAYS}."
            return self._answer(request, manual.Requested(False, message))
        days = form.cleaned_data["backfill_days"]
        manual.set_backfill_days(account, days, user=request.user)
        return self._answer(
            request, manual.Requested(True, f"Back-fill window of {account.name}: {days} days.")
        )

    def progress_view(self, request: HttpRequest, account_id: int) -> HttpResponse:
        status = selectors.fetch_status(self._account(request, account_id, acting=False))
        return JsonResponse(
            {
                "phase": status.phase,
                "done": status.done,
                "total": status.total,
                "queued": status.queued,
                "running": status.running,
                "busy": status.busy,
                "text": status.text,
            }
        )


@admin.register(FailedOrder)
class FailedOrderAdmin(OrderGrid):
    menu = ("Manage Orders", 20)
    menu_title = "View Aliexpress Failed Orders"
    grid_title = "Aliexpress failed Order Details"
    list_display = (
        "aliexpress_order_id",
        "buyer",
        "total",
        "reason",
        "attempts",
        "next_retry_at",
        "aliexpress_created_at",
        "account",
        "view",
    )
    list_display_links = None
    column_filters = (
        Contains("aliexpress_order_id"),
        Contains("buyer", "buyer_name"),
        NumberRange("total", "aliexpress_total"),
        Contains("reason", "failure_reason"),
        NumberRange("attempts"),
        DateRange("next_retry_at"),
        DateRange("aliexpress_created_at"),
        Contains("account", "account__name"),
    )
    actions = ("retry_now", "mark_handled", "delete_orders")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return selectors.failed(super().get_queryset(request))

    @admin.display(description="Reason", ordering="failure_reason")
    def reason(self, obj: AliExpressOrder) -> str:
        return obj.failure_reason

    @admin.action(description="Mark handled", permissions=["change"])
    def mark_handled(self, request: HttpRequest, queryset: QuerySet[AliExpressOrder]) -> None:
        done = order_actions.mark_handled(queryset, user=request.user)
        self.message_user(
            request,
            f"{done.count} orders marked handled: they are not retried any more "
            "(View Aliexpress Orders lists them as Handled by hand).",
            messages.SUCCESS,
        )
        self._busy(request, done)

    @admin.action(description="Delete", permissions=["delete"])
    def delete_orders(self, request: HttpRequest, queryset: QuerySet[AliExpressOrder]) -> HttpResponse | None:
        if CONFIRM not in request.POST:
            return action_confirmation(
                self,
                request,
                "admin/orders/delete_confirmation.html",
                "Delete the selected failed orders?",
                orders=list(queryset.order_by("pk")[:50]),
                count=queryset.count(),
            )
        done = order_actions.delete(queryset, user=request.user)
        self.message_user(request, f"{done.count} failed orders deleted.", messages.SUCCESS)
        self._busy(request, done)
        return None

    def _busy(self, request: HttpRequest, done: order_actions.Done) -> None:
        if done.busy:
            self.message_user(
                request,
                f"Nothing done for {', '.join(done.busy)}: an order run is under way; "
                "try again once it ends.",
                messages.WARNING,
            )
