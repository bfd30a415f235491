"""Who sees which account: the one rule every page that lists or fetches accounts, or rows filed under
an account, goes through (dashboard, Configuration, Cron Logs, Activity Logs, the OAuth flow).

Superusers see every account and the rows filed under none (system jobs such as the scheduler tick
or log retention, whose messages may speak of every account). Any other user sees the accounts
granted to them, directly or through one of their groups, and only those accounts' rows."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q, QuerySet

from .models import Account

User = AbstractBaseUser | AnonymousUser
Row = TypeVar("Row", bound=models.Model)


def visible_accounts(user: User) -> QuerySet[Account]:
    """The accounts ``user`` may see."""
    if not user.is_active:
        return Account.objects.none()
    if sees_everything(user):
        return Account.objects.all()
    # Subqueries, not joins: no duplicate rows, so no .distinct() (which would forbid .delete()).
    by_user = Account.allowed_users.through.objects.filter(user_id=user.pk).values("account_id")
    by_group = Account.allowed_groups.through.objects.filter(group__user=user.pk).values("account_id")
    return Account.objects.filter(Q(pk__in=by_user) | Q(pk__in=by_group))


def visible_rows(rows: QuerySet[Row], user: User, account_lookup: str = "account") -> QuerySet[Row]:
    """``rows`` narrowed to the ones filed under an account ``user`` may see; ``account_lookup`` leads
    from a row to its account ("pk" for accounts themselves). Rows under no account stay hidden from
    everyone but superusers."""
    if sees_everything(user):
        return rows
    return rows.filter(**{f"{account_lookup}__in": visible_accounts(user).values("pk")})


def sees_everything(user: User) -> bool:
    # is_superuser comes with PermissionsMixin, not with every user model.
    return bool(user.is_active and getattr(user, "is_superuser", False))
