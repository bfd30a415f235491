"""Products into and out of a profile, set-based: "assign every product matching the filter" is one
``INSERT … SELECT … ON CONFLICT`` statement built from the filter's own queryset, plus a few aggregate
counts, whatever the number of products (issue 12: 100,000 products, never one query per product).

The product is ``ProfileProduct``'s primary key, so the database keeps a product in one profile at most:
``ON CONFLICT (product_id) DO NOTHING`` skips the products that are in another profile, ``DO UPDATE``
moves them. Both SQLite (≥ 3.24) and PostgreSQL run that statement as written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connections, transaction
from django.db.models import CharField, Count, DateTimeField, IntegerField, Q, QuerySet, Value
from django.utils import timezone

from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.profiles.models import Profile, ProfileProduct
from aliexpress_magento.profiles.product_selectors import listable

LOG_TYPE = "profile"
User = AbstractBaseUser | AnonymousUser
OnConflict = Literal["skip", "move"]


@dataclass(frozen=True)
class AssignResult:
    assigned: int  # products that were in no profile and now are in this one
    moved: int  # products taken from another profile (``move=True`` only)
    skipped_in_other_profiles: int  # products left in another profile (``move=False``)
    skipped_children: int  # configurables' children: they follow their parent, never alone
    skipped_removed: int = 0  # products gone from Magento
    already_here: int = 0

    def summary(self) -> str:
        parts = [f"{self.assigned} assigned"]
        if self.moved:
            parts.append(f"{self.moved} moved here from other profiles")
        if self.skipped_in_other_profiles:
            parts.append(f"{self.skipped_in_other_profiles} skipped (in another profile)")
        if self.already_here:
            parts.append(f"{self.already_here} already in it")
        if self.skipped_children:
            parts.append(f"{self.skipped_children} children skipped (they follow their configurable)")
        if self.skipped_removed:
            parts.append(f"{self.skipped_removed} removed from Magento skipped")
        return ", ".join(parts)


def assign(
    profile: Profile, products: QuerySet[CatalogProduct], *, move: bool, user: User | None = None
) -> AssignResult:
    """Put the listable products of ``products`` (any filtered queryset of the profile's account) in
    ``profile``: one aggregate query for the counts, one ``INSERT … SELECT`` for the rows, one activity
    log entry. ``move`` takes the products that are in another profile; without it they stay there."""
    chosen = _of_account(profile, products)
    with transaction.atomic(using=chosen.db):
        counts = _counts(profile, chosen)
        candidates = listable(chosen).exclude(profile_link__profile=profile)
        if not move:
            candidates = candidates.filter(profile_link__isnull=True)
        insert_assignments(
            profile, candidates, origin=ProfileProduct.Origin.MANUAL, on_conflict="move" if move else "skip"
        )
        result = AssignResult(
            assigned=counts["free"],
            moved=counts["other"] if move else 0,
            skipped_in_other_profiles=0 if move else counts["other"],
            skipped_children=counts["children"],
            skipped_removed=counts["removed"],
            already_here=counts["here"],
        )
        record(
            Level.SUCCESS,
            LOG_TYPE,
            f"Products assigned to profile {profile.name}: {result.summary()}.",
            sub_type="assign",
            related=profile,
            user=user,
            account_id=profile.account_id,
        )
    return result


def conflicts(profile: Profile, products: QuerySet[CatalogProduct]) -> list[tuple[Profile, int]]:
    """The other profiles that hold some of the listable products of ``products``, with how many each,
    most first: what the page says before moving them (one GROUP BY query)."""
    chosen = listable(_of_account(profile, products))
    holders = (
        Profile.objects.filter(account_id=profile.account_id, assignments__product__in=chosen.values("pk"))
        .exclude(pk=profile.pk)
        .annotate(held=Count("assignments"))
        .order_by("-held", "name")
    )
    return [(holder, holder.held) for holder in holders]


def unassign(profile: Profile, products: QuerySet[CatalogProduct], user: User | None = None) -> int:
    """Take the products of ``products`` out of ``profile`` (one DELETE); returns how many left it."""
    chosen = _of_account(profile, products)
    with transaction.atomic(using=chosen.db):
        removed, _ = ProfileProduct.objects.filter(profile=profile, product__in=chosen.values("pk")).delete()
        record(
            Level.SUCCESS,
            LOG_TYPE,
            f"Products removed from profile {profile.name}: {removed}.",
            sub_type="unassign",
            related=profile,
            user=user,
            account_id=profile.account_id,
        )
    return removed


def insert_assignments(
    profile: Profile,
    candidates: QuerySet[CatalogProduct],
    *,
    origin: str,
    on_conflict: OnConflict,
    now: datetime | None = None,
) -> int:
    """``INSERT INTO profile product (…) SELECT … ON CONFLICT (product_id) …``: every product of
    ``candidates`` joins ``profile`` in one statement; returns the rows the database wrote.

    The SELECT is the queryset's own SQL with its parameters, wrapped as a derived table: SQLite's parser
    cannot tell an upsert's ``ON`` from a join's after a bare ``SELECT … FROM``, and requires a WHERE
    clause there (``WHERE true``), which the wrapper gives whatever the queryset's shape."""
    now = now or timezone.now()
    rows = (
        candidates.order_by()
        .distinct()
        .annotate(
            _profile=Value(profile.pk, output_field=IntegerField()),
            _origin=Value(origin, output_field=CharField()),
            _at=Value(now, output_field=DateTimeField()),
        )
    )
    select_sql, params = rows.values_list("pk", "_profile", "_origin", "_at").query.sql_with_params()
    connection = connections[candidates.db]
    quote = connection.ops.quote_name
    column_of = {f.name: str(f.column) for f in ProfileProduct._meta.concrete_fields}
    columns = [quote(column_of[name]) for name in _COLUMNS]
    # Only quoted identifiers and Django's own compiled SELECT are formatted in; every value is a parameter.
    target = f"{quote(ProfileProduct._meta.db_table)} ({', '.join(columns)})"
    source = f"SELECT * FROM ({select_sql}) AS chosen WHERE true"  # noqa: S608 - see above
    sql = f"INSERT INTO {target} {source} ON CONFLICT ({columns[0]}) {_conflict_clause(columns, on_conflict)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


_COLUMNS = ("product", "profile", "assigned_by", "assigned_at")


def _conflict_clause(columns: list[str], on_conflict: OnConflict) -> str:
    if on_conflict == "skip":
        return "DO NOTHING"
    return "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in columns[1:])


def _of_account(profile: Profile, products: QuerySet[CatalogProduct]) -> QuerySet[CatalogProduct]:
    """``products`` narrowed to the profile's account: another account's products never come in.

    The queryset is filtered as it is, not wrapped as ``pk IN (its ids)``: on PostgreSQL, rows bulk
    written just before and not yet analyzed made the planner join such a self-semi-join as a nested
    loop over both sides (100,000 by 100,000 comparisons, minutes). A filter that joins a many-valued
    relation may repeat a product; the counts and the insert are DISTINCT for that."""
    return products.order_by().filter(account_id=profile.account_id)


def _counts(profile: Profile, chosen: QuerySet[CatalogProduct]) -> dict[str, int]:
    """How the chosen products split, in one aggregate query."""
    live_parent = Q(parent__isnull=True, removed_at__isnull=True)
    here = Q(profile_link__profile=profile)

    def count(condition: Q) -> Count:
        return Count("pk", filter=condition, distinct=True)

    counts: dict[str, int] = chosen.aggregate(
        children=count(Q(parent__isnull=False)),
        removed=count(Q(parent__isnull=True, removed_at__isnull=False)),
        here=count(live_parent & here),
        other=count(live_parent & Q(profile_link__isnull=False) & ~here),
        free=count(live_parent & Q(profile_link__isnull=True)),
    )
    return counts
