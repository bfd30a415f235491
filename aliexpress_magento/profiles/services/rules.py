"""Auto-assignment rules (beyond the manual; M2E Pro's "auto add"): an active profile takes the newly
mirrored products of chosen Magento categories and/or attribute sets, on each catalog refresh.

"Newly" is ``first_mirrored_at >= rules_since``: the products that were already in the mirror when the
rule was saved are the merchant's to assign by filter; a rule never sweeps the whole catalog by surprise.
A profile with rules but no ``rules_since`` counts from its creation.

Only products in no profile are taken, so a rule never moves a product the merchant placed. A product
that matches the rules of several profiles goes to the one with the **lowest id** (the oldest profile):
the profiles are served in id order, each with one ``INSERT … SELECT … ON CONFLICT DO NOTHING``, so an
earlier profile's statement has taken the product before a later one's runs.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.profiles.models import Profile, ProfileProduct
from aliexpress_magento.profiles.product_selectors import account_products, category_names, in_categories
from aliexpress_magento.profiles.services.assignment import LOG_TYPE, insert_assignments


def apply_rules(account: Account) -> dict[Profile, int]:
    """Assign the account's new unassigned products to the active profiles whose rules they match;
    returns how many joined each profile that gained any (one Activity Logs entry for each of those)."""
    joined: dict[Profile, int] = {}
    now = timezone.now()
    with transaction.atomic():
        for profile in ruled_profiles(account):
            count = insert_assignments(
                profile, matching(profile), origin=ProfileProduct.Origin.RULE, on_conflict="skip", now=now
            )
            if count:
                joined[profile] = count
                _log(profile, count)
    return joined


def ruled_profiles(account: Account) -> list[Profile]:
    """The account's active profiles that have a rule, lowest id first (the tie-break between them).
    An account has a handful of profiles: the rule lists are tested here rather than as JSON in SQL."""
    active = Profile.objects.filter(account=account, status=Profile.Status.ACTIVE).order_by("id")
    return [p for p in active if p.rule_category_ids or p.rule_attribute_set_ids]


def matching(profile: Profile) -> QuerySet[CatalogProduct]:
    """The listable products in no profile, first mirrored since the profile's rules, in one of its rule
    categories or attribute sets."""
    rule = Q(pk__in=[])  # matches nothing: a profile without rules takes nothing
    if profile.rule_category_ids:
        rule |= in_categories(int(c) for c in profile.rule_category_ids)
    if profile.rule_attribute_set_ids:
        rule |= Q(attribute_set_id__in=[int(s) for s in profile.rule_attribute_set_ids])
    since = profile.rules_since or profile.created_at
    fresh = account_products(profile.account_id).filter(first_mirrored_at__gte=since)
    return fresh.filter(profile_link__isnull=True).filter(rule)


def describe_rule(profile: Profile) -> str:
    """The rule in words, with the Magento category names where the mirror has them."""
    parts = []
    if profile.rule_category_ids:
        ids = [int(c) for c in profile.rule_category_ids]
        names = category_names(profile.account_id, ids)
        parts.append("categories " + ", ".join(names.get(i, f"#{i}") for i in ids))
    if profile.rule_attribute_set_ids:
        parts.append("attribute sets " + ", ".join(str(s) for s in profile.rule_attribute_set_ids))
    return "; ".join(parts)


def summary(joined: dict[Profile, int]) -> str:
    """One line for the catalog refresh's run."""
    if not joined:
        return "Auto-assignment: no new product matched a profile's rules."
    each = ", ".join(f"{count} to {profile.name}" for profile, count in joined.items())
    return f"Auto-assignment: {_products(sum(joined.values()))} joined profiles ({each})."


def _products(count: int) -> str:
    return f"{count} product" if count == 1 else f"{count} products"


def _log(profile: Profile, count: int) -> None:
    record(
        Level.SUCCESS,
        LOG_TYPE,
        f"Auto-assignment: {_products(count)} joined profile {profile.name} "
        f"(rule: {describe_rule(profile)}).",
        sub_type="auto_assign",
        related=profile,
        account_id=profile.account_id,
    )
