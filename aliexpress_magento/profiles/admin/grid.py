"""The Aliexpress Profile Listing grid (manual §4.3, §4.4): the manual's columns with a filter under
each, Magento's massaction bar, and the mass actions Delete and Change Status, each confirmed on a page
of its own before its service runs. The counts are queryset annotations (profiles.selectors), so a page
costs a fixed number of queries whatever its size."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from aliexpress_magento.console.column_filters import Choice, Contains, NumberRange
from aliexpress_magento.console.grid import CONFIRM, GridChangeList, GridMixin, action_confirmation
from aliexpress_magento.profiles import selectors
from aliexpress_magento.profiles.models import Profile
from aliexpress_magento.profiles.services import completeness
from aliexpress_magento.profiles.services import profiles as profile_services


class ProfileChangeList(GridChangeList):
    """The grid's rows with their computed columns, and per page what each profile still lacks
    (completeness, read for the page's rows at once)."""

    _with_columns = False

    def get_queryset(self, request: HttpRequest, exclude_parameters: Any = None) -> Any:
        if not self._with_columns:  # Django asks again for an action's rows: annotate once
            self.root_queryset = selectors.with_item_counts(selectors.with_category_names(self.root_queryset))
            self._with_columns = True
        return super().get_queryset(request, exclude_parameters)

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        missing = completeness.missing_by_profile(self.result_list)
        can_change = self.model_admin.has_change_permission(request)
        for profile in self.result_list:
            row: Any = profile  # what the columns read, beside the row's own fields
            row.grid_missing = missing[profile.pk]
            row.grid_can_change = can_change


class ProfileGridMixin(GridMixin):
    change_list_template = "admin/profiles/profile/change_list.html"
    massaction_bar = True
    list_display = (
        "id",
        "name",
        "status",
        "profile_category",
        "profile_sub_category",
        "total_item",
        "uploaded",
        "not_uploaded",
        "missing_mappings",
        "row_actions",
    )
    list_display_links = None  # the Actions column's link opens a profile
    # The header's "Total N records found" is the filtered count; a second count of every row would
    # aggregate every assignment again for a number the page does not show.
    show_full_result_count = False
    column_filters = (
        NumberRange("id", "pk"),
        Contains("name"),
        Choice("status", choices=Profile.Status.choices),
        Contains("profile_category", "root_category"),
        Contains("profile_sub_category", "leaf_category"),
        NumberRange("total_item", "total_items"),
        NumberRange("uploaded", "uploaded_items"),
        NumberRange("not_uploaded", "not_uploaded_items"),
    )
    actions = ("delete_profiles", "change_status")

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return ProfileChangeList

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # ours says what happens to the products first
        return actions

    # --- Columns ----------------------------------------------------------------------------------

    @admin.display(description="Profile Category", ordering="root_category", empty_value="")
    def profile_category(self, obj: Profile) -> str:
        return obj.root_category_name

    @admin.display(description="Profile Sub Category", ordering="leaf_category", empty_value="")
    def profile_sub_category(self, obj: Profile) -> str:
        return obj.leaf_category_name

    @admin.display(description="Total Item", ordering="total_items")
    def total_item(self, obj: Profile) -> int:
        return selectors.item_counts(obj).total

    @admin.display(description="Uploaded", ordering="uploaded_items")
    def uploaded(self, obj: Profile) -> str:
        counts = selectors.item_counts(obj)
        return f"{counts.uploaded} [{counts.uploaded_percent}%]"

    @admin.display(description="Not Uploaded", ordering="not_uploaded_items")
    def not_uploaded(self, obj: Profile) -> int:
        return selectors.item_counts(obj).not_uploaded

    @admin.display(description="Missing mappings")
    def missing_mappings(self, obj: Profile) -> str:
        row: Any = obj
        problems: list[str] = row.grid_missing
        if not problems:
            return format_html('<span class="mappings-complete">{}</span>', "complete")
        items = format_html_join("", "<li>{}</li>", ((problem,) for problem in problems))
        return format_html(
            '<details class="missing-mappings"><summary title="{}">incomplete: {} missing</summary>'
            "<ul>{}</ul></details>",
            "\n".join(problems),
            len(problems),
            items,
        )

    @admin.display(description="Actions")
    def row_actions(self, obj: Profile) -> str:
        row: Any = obj
        label = "Edit Profile" if row.grid_can_change else "View Profile"
        url = reverse("admin:profiles_profile_change", args=[obj.pk])
        return format_html('<a href="{}" class="edit-profile">{}</a>', url, label)

    # --- Mass actions -----------------------------------------------------------------------------

    @admin.action(description="Delete", permissions=["delete"])
    def delete_profiles(self, request: HttpRequest, queryset: QuerySet[Profile]) -> HttpResponse | None:
        if CONFIRM not in request.POST:
            rows = list(queryset)
            return self._confirmation(
                request,
                "admin/profiles/profile/delete_profiles_confirmation.html",
                f"Delete {_count(len(rows), 'profile')}?",
                profiles=rows,
                products=sum(selectors.item_counts(p).total for p in rows),
            )
        done = profile_services.delete_profiles(queryset, request.user)
        self.message_user(
            request,
            f"{_count(done.profiles, 'profile')} deleted; {_count(done.unassigned, 'product')} unassigned "
            "(they stay in the catalog).",
            messages.SUCCESS,
        )
        return None

    @admin.action(description="Change Status", permissions=["change"])
    def change_status(self, request: HttpRequest, queryset: QuerySet[Profile]) -> HttpResponse | None:
        status = request.POST.get("status", "")
        if CONFIRM not in request.POST or status not in Profile.Status.values:
            return self._confirmation(
                request,
                "admin/profiles/profile/change_status_confirmation.html",
                "Change the status of the selected profiles",
                profiles=list(queryset),
                statuses=Profile.Status.choices,
                error="Choose a status." if CONFIRM in request.POST else "",
            )
        done = profile_services.change_status(queryset, status, request.user)
        label = Profile.Status(status).label
        note = f"{_count(done.changed, 'profile')} set to {label}."
        if done.unchanged:
            note += f" {done.unchanged} already {label}, left as they were."
        self.message_user(request, note, messages.SUCCESS)
        return None

    def _confirmation(self, request: HttpRequest, template: str, title: str, **extra: Any) -> HttpResponse:
        return action_confirmation(self, request, template, title, **extra)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
