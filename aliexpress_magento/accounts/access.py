"""The admin side of account visibility (selectors.visible_accounts): a mixin that narrows a model
admin's rows, and so its change list, change view, mass actions and filters, to the accounts the user
may see, and the account filter that offers only those accounts. Declare, don't filter by hand:

    class JobRunAdmin(AccountScopedAdmin, GridAdmin):
        list_filter = (("account", VisibleAccountFilter), ...)
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from . import selectors


class AccountScopedAdmin(admin.ModelAdmin):
    # The lookup from a row to its account: "account" for rows filed under one, "pk" for accounts.
    account_lookup = "account"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return selectors.visible_rows(super().get_queryset(request), request.user, self.account_lookup)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        """A row of an account the user may not see is "not found", exactly like a missing one: its
        URL says nothing, not even that it exists."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} {object_id!r} among the ones you may see.")
        return obj


class VisibleAccountFilter(admin.RelatedFieldListFilter):
    """A grid's Account filter that offers only the accounts the user may see."""

    def __init__(self, field: Any, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.sees_everything = selectors.sees_everything(request.user)
        super().__init__(field, request, *args, **kwargs)

    @property
    def include_empty_choice(self) -> bool:
        # Rows filed under no account (system jobs) are the superusers' only.
        return self.sees_everything and bool(super().include_empty_choice)

    def field_choices(self, field: Any, request: HttpRequest, model_admin: admin.ModelAdmin[Model]) -> Any:
        visible = selectors.visible_accounts(request.user).values("pk")
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(include_blank=False, ordering=ordering, limit_choices_to={"pk__in": visible})
