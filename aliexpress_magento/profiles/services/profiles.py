"""The Aliexpress Profile Listing's mass actions (manual §4.3 Delete, §4.4 Change Status), each writing
one Activity Logs entry per profile it changed."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.profiles import selectors
from aliexpress_magento.profiles.models import Profile

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class Deleted:
    profiles: int
    unassigned: int  # products that were in them: unassigned, still in the catalog mirror


@dataclass(frozen=True)
class StatusChanged:
    changed: int
    unchanged: int  # already had the status: nothing written, nothing logged


def delete_profiles(profiles: QuerySet[Profile], user: User | None = None) -> Deleted:
    """Delete ``profiles`` with their attribute mappings; their products are unassigned (the
    catalog's rows stay, ready for another profile)."""
    # By primary key: the queryset may carry the grid's counts, whose GROUP BY has no place in a DELETE.
    ids = list(profiles.values_list("pk", flat=True))
    chosen = [
        (p, selectors.item_counts(p).total)
        for p in selectors.with_item_counts(Profile.objects.filter(pk__in=ids))
    ]
    with transaction.atomic():
        for profile, products in chosen:
            record(
                Level.INFO,
                "profile",
                f"Profile {profile.name!r} ({profile.code}) deleted: {_products(products)} unassigned, "
                "they stay in the catalog.",
                sub_type="delete",
                related=profile,
                user=user,
                account_id=profile.account_id,
            )
        Profile.objects.filter(pk__in=[p.pk for p, _ in chosen]).delete()
    return Deleted(profiles=len(chosen), unassigned=sum(products for _, products in chosen))


def change_status(profiles: QuerySet[Profile], status: str, user: User | None = None) -> StatusChanged:
    """Give ``profiles`` the status ``status`` (a ``Profile.Status`` value); the ones that already have
    it are left alone."""
    new = Profile.Status(status)
    chosen = list(Profile.objects.filter(pk__in=list(profiles.values_list("pk", flat=True))))
    to_change = [p for p in chosen if p.status != new]
    with transaction.atomic():
        Profile.objects.filter(pk__in=[p.pk for p in to_change]).update(status=new, updated_at=timezone.now())
        for profile in to_change:
            record(
                Level.INFO,
                "profile",
                f"Profile {profile.name!r} ({profile.code}) status changed from "
                f"{Profile.Status(profile.status).label} to {new.label}.",
                sub_type="status",
                related=profile,
                user=user,
                account_id=profile.account_id,
            )
    return StatusChanged(changed=len(to_change), unchanged=len(chosen) - len(to_change))


def _products(count: int) -> str:
    return f"{count} product" if count == 1 else f"{count} products"
