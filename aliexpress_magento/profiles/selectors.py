"""Read-only questions about profiles: the grid's computed columns as queryset annotations, so the
Aliexpress Profile Listing filters, sorts and counts them in SQL (no query per row), and "Select All"
with a filter on a count takes exactly the rows shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, F, Func, Q, QuerySet, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce

from aliexpress_magento.listings.models import ListingStatus
from aliexpress_magento.profiles.models import Profile

# A product is "uploaded" while AliExpress holds it: live, or taken offline (it comes back online without
# a new upload). Anything else — never sent, invalid, on its way, refused, deleted — is "not uploaded".
UPLOADED = (ListingStatus.LIVE, ListingStatus.OFFLINE)


class _LeafCategoryName(Func):
    """The last name of a category path of two names or more, "" otherwise: the SQL form of
    ``Profile.leaf_category_name`` (a root category alone has no sub category). SQLite and PostgreSQL,
    the two databases the project runs on, each say "the last element of a JSON array" their own way."""

    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = (
            "CASE WHEN json_array_length(%(expressions)s) > 1 "
            "THEN json_extract(%(expressions)s, '$[#-1]') ELSE '' END"
        )
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = (
            "CASE WHEN jsonb_array_length(%(expressions)s) > 1 THEN (%(expressions)s ->> -1) ELSE '' END"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


def with_category_names(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """``root_category`` and ``leaf_category``: the grid's Profile Category and Profile Sub Category."""
    return profiles.annotate(
        root_category=Coalesce(KeyTextTransform("0", "category_path"), Value(""), output_field=CharField()),
        leaf_category=_LeafCategoryName(F("category_path")),
    )


def with_item_counts(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """``total_items`` (the products assigned), ``uploaded_items`` (those AliExpress holds: ``UPLOADED``)
    and ``not_uploaded_items``, by each assigned product's listing (one per product: the join adds no
    rows)."""
    return profiles.annotate(
        total_items=Count("assignments"),
        uploaded_items=Count("assignments", filter=Q(assignments__product__listing__status__in=UPLOADED)),
        not_uploaded_items=F("total_items") - F("uploaded_items"),
    )


@dataclass(frozen=True)
class ItemCounts:
    total: int
    uploaded: int
    not_uploaded: int

    @property
    def uploaded_percent(self) -> int:
        """The ``P`` of the grid's ``N [P%]``: whole percent, rounded down (100 only when all are up)."""
        return self.uploaded * 100 // self.total if self.total else 0


def item_counts(profile: Profile) -> ItemCounts:
    """The counts ``with_item_counts`` put on a profile of its queryset."""
    row: Any = profile  # the annotations are attributes the model does not declare
    return ItemCounts(row.total_items, row.uploaded_items, row.not_uploaded_items)


def upload_counts(profile_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """``{profile id: (uploaded, not uploaded)}`` for the given profiles, in one query (``with_item_counts``'s
    rule)."""
    profiles = with_item_counts(Profile.objects.filter(pk__in=list(profile_ids)))
    return {p.pk: (item_counts(p).uploaded, item_counts(p).not_uploaded) for p in profiles}
