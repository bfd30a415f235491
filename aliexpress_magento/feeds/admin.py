"""Developer → Api Feeds (manual §7.1): the feeds submitted to AliExpress with their counts, a filter
under every column, a read-only page of each feed's per-item results, **Sync Feeds** (queries every
unfinished feed now, through the job), **Truncate** and Delete selected (finished feeds only: one still
awaiting results keeps its rows). Each user sees the feeds of the accounts they may see."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from aliexpress_magento.accounts import selectors as account_selectors
from aliexpress_magento.accounts.access import AccountScopedAdmin, VisibleAccountFilter
from aliexpress_magento.clients.aliexpress.feeds import FEEDS_PER_DAY
from aliexpress_magento.console.column_filters import Choice, Contains, DateRange, NumberRange
from aliexpress_magento.console.grid import CONFIRM, GridAdmin, action_confirmation
from aliexpress_magento.feeds import selectors
from aliexpress_magento.feeds.models import UNFINISHED, Feed, FeedItem, FeedStatus
from aliexpress_magento.feeds.services import housekeeping, submission

# Who may press Sync Feeds: it spends the account's AliExpress call budget.
SYNC_PERMISSION = "feeds.change_feed"
# The operation types the listing engine sends as feeds (price and stock go through the batch calls).
SHOWN_LIMITS = ("PRODUCT_CREATE", "PRODUCT_FULL_UPDATE")
OPERATION_TYPES = (
    ("PRODUCT_CREATE", "PRODUCT_CREATE"),
    ("PRODUCT_FULL_UPDATE", "PRODUCT_FULL_UPDATE"),
    ("PRODUCT_STOCKS_UPDATE", "PRODUCT_STOCKS_UPDATE"),
    ("PRODUCT_PRICES_UPDATE", "PRODUCT_PRICES_UPDATE"),
)

# "In progress" (every unfinished status at once) is where the dashboard's feeds count leads.
UNFINISHED_CHOICE = "unfinished"
STATUS_CHOICES = (*FeedStatus.choices, (UNFINISHED_CHOICE, "In progress (unfinished)"))


class StatusFilter(Choice):
    """The feed status; "In progress" takes every unfinished status."""

    def apply(self, rows: QuerySet[Any], params: Any) -> QuerySet[Any]:
        if params.get(self.param, "") == UNFINISHED_CHOICE:
            return rows.filter(status__in=UNFINISHED)
        return super().apply(rows, params)


class FeedItemInline(admin.TabularInline):
    """The feed's items with their results, read-only."""

    model = FeedItem
    fields = readonly_fields = (
        "item_content_id",
        "status",
        "aliexpress_product_id",
        "error_code",
        "error_message",
        "result_at",
    )
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("feeds.view_feed")  # whoever sees the feed sees its items


@admin.register(Feed)
class FeedAdmin(AccountScopedAdmin, GridAdmin):
    menu = ("Developer", 10)
    change_list_template = "admin/feeds/feed/change_list.html"
    massaction_bar = True
    list_display = (
        "id",
        "job_id",
        "account",
        "operation_type",
        "status_badge",
        "item_count",
        "succeeded",
        "failed",
        "created_at",
        "updated_at",
    )
    list_display_links = ("id",)
    list_select_related = ("account",)
    list_filter = (("account", VisibleAccountFilter),)
    column_filters = (
        NumberRange("id", "pk"),
        Contains("job_id"),
        Contains("account", "account__name"),
        Choice("operation_type", choices=OPERATION_TYPES),
        StatusFilter("status_badge", "status", choices=STATUS_CHOICES),
        NumberRange("item_count"),
        NumberRange("succeeded"),
        NumberRange("failed"),
        DateRange("created_at"),
        DateRange("updated_at"),
    )
    search_fields = ("=job_id",)
    search_help_text = "Search by AliExpress job id."
    show_full_result_count = False
    actions = ("delete_feeds",)
    inlines = (FeedItemInline,)
    readonly_fields = fields = (
        "account",
        "job_id",
        "operation_type",
        "status",
        "item_count",
        "succeeded",
        "failed",
        "error",
        "created_at",
        "updated_at",
        "finished_at",
        "next_query_at",
        "query_attempts",
    )

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj: Feed) -> str:
        return format_html('<span class="badge badge-{}">{}</span>', obj.status, obj.get_status_display())

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # ours keeps the unfinished feeds and says so
        return actions

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {
            "sync_url": reverse("admin:feeds_feed_sync") if request.user.has_perm(SYNC_PERMISSION) else None,
            "feed_limits": self._limits(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    def _limits(self, request: HttpRequest) -> list[dict[str, Any]]:
        """Per visible account, the feeds left today of each operation type the listings send."""
        return [
            {
                "account": account,
                "left": [(op, submission.feeds_left_today(account, op)) for op in SHOWN_LIMITS],
                "per_day": FEEDS_PER_DAY,
            }
            for account in account_selectors.visible_accounts(request.user).order_by("name")
        ]

    # --- Sync Feeds -------------------------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        sync = path("sync/", self.admin_site.admin_view(self.sync_view), name="feeds_feed_sync")
        return [sync, *super().get_urls()]

    def sync_view(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or not request.user.has_perm(SYNC_PERMISSION):
            raise PermissionDenied
        accounts = account_selectors.visible_accounts(request.user)
        queued = housekeeping.request_sync(accounts, user=request.user)
        if queued:
            names = ", ".join(account.name for account in queued)
            self.message_user(request, f"Feeds sync queued for {names}.", messages.SUCCESS)
        else:
            self.message_user(request, "No feed is awaiting results: nothing to sync.", messages.INFO)
        return HttpResponseRedirect(reverse("admin:feeds_feed_changelist"))

    # --- Truncate and Delete selected ---------------------------------------------------------------

    def truncate(self, request: HttpRequest) -> int:
        return housekeeping.truncate(self.get_queryset(request), user=request.user).removed

    def truncate_count(self, request: HttpRequest) -> int:
        return selectors.finished(self.get_queryset(request)).count()

    def truncate_note(self, request: HttpRequest) -> str:
        kept = self.get_queryset(request).filter(status__in=UNFINISHED).count()
        return (
            f"{kept} unfinished feeds (submitting, submitted or processing) are kept: AliExpress's "
            "results for their items are still to come."
        )

    @admin.action(description="Delete selected", permissions=["delete"])
    def delete_feeds(self, request: HttpRequest, queryset: QuerySet[Feed]) -> HttpResponse | None:
        if CONFIRM not in request.POST:
            return self._delete_confirmation(request, queryset)
        done = housekeeping.delete(queryset, user=request.user)
        self.message_user(request, f"{done.removed} feeds deleted.", messages.SUCCESS)
        if done.kept:
            self.message_user(
                request,
                f"{done.kept} unfinished feeds were not deleted: their results are still to come.",
                messages.WARNING,
            )
        return None

    def _delete_confirmation(self, request: HttpRequest, queryset: QuerySet[Feed]) -> HttpResponse:
        return action_confirmation(
            self,
            request,
            "admin/feeds/feed/delete_confirmation.html",
            "Delete the selected feeds?",
            removable=selectors.finished(queryset).count(),
            kept=queryset.filter(status__in=UNFINISHED).count(),
        )
