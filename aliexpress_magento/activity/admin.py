"""Developer → Cron Logs and Activity Logs grids (manual §7.2, §7.3). Each user sees the rows of the
accounts they may see (accounts.selectors); Truncate removes those rows only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from aliexpress_magento.accounts.access import AccountScopedAdmin, VisibleAccountFilter
from aliexpress_magento.activity import selectors, services
from aliexpress_magento.activity.models import ActivityLog, JobRun
from aliexpress_magento.console.grid import GridAdmin


@admin.register(JobRun)
class JobRunAdmin(AccountScopedAdmin, GridAdmin):
    menu = ("Developer", 20)
    list_display = (
        "id",
        "job_code",
        "account",
        "status_badge",
        "short_messages",
        "created_at",
        "scheduled_at",
        "executed_at",
        "finished_at",
    )
    list_display_links = ("id",)
    list_select_related = ("account",)
    list_filter = (
        ("account", VisibleAccountFilter),
        "job_code",
        "status",
        "created_at",
        "executed_at",
        "finished_at",
    )
    search_fields = ("job_code", "messages")
    date_hierarchy = "created_at"
    readonly_fields = (
        "job_code",
        "account",
        "status",
        "messages",
        "task_id",
        "created_at",
        "scheduled_at",
        "executed_at",
        "finished_at",
    )

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj: JobRun) -> str:
        return format_html('<span class="badge badge-{}">{}</span>', obj.status, obj.get_status_display())

    @admin.display(description="Messages")
    def short_messages(self, obj: JobRun) -> str:
        return obj.messages if len(obj.messages) <= 300 else obj.messages[:300] + " …"

    def truncate(self, request: HttpRequest) -> int:
        return services.truncate_cron_logs(self.get_queryset(request), user=request.user)

    def truncate_count(self, request: HttpRequest) -> int:
        return selectors.finished_runs(self.get_queryset(request)).count()


@admin.register(ActivityLog)
class ActivityLogAdmin(AccountScopedAdmin, GridAdmin):
    menu = ("Developer", 30)
    list_display = (
        "id",
        "level_badge",
        "account",
        "log_type",
        "log_sub_type",
        "log_date",
        "comment",
        "related_repr",
    )
    list_display_links = ("id",)
    list_select_related = ("account",)
    list_filter = (("account", VisibleAccountFilter), "level", "log_type", "log_sub_type", "log_date")
    search_fields = ("comment", "log_sub_type", "related_repr")
    date_hierarchy = "log_date"
    readonly_fields = (
        "level",
        "account",
        "log_type",
        "log_sub_type",
        "log_date",
        "comment",
        "user",
        "related_type",
        "related_id",
        "related_repr",
    )

    @admin.display(description="Level", ordering="level")
    def level_badge(self, obj: ActivityLog) -> str:
        return format_html('<span class="badge badge-{}">{}</span>', obj.level, obj.get_level_display())

    def truncate(self, request: HttpRequest) -> int:
        return services.truncate_activity_logs(self.get_queryset(request), user=request.user)
