"""Saving a profile from its Add/Edit page: Profile Info, the auto-assignment rules and the AliExpress
category. Every change is written to the Activity Logs (type ``profile``) with the user who made it.

A profile may be saved incomplete (work in progress): a missing mapping never blocks saving; what it
lacks is shown by :mod:`.completeness`. The category's schema is fetched once the category is saved,
and a fetch that fails leaves the profile saved with a message, never an error page."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.profiles.models import AliExpressCategory, AttributeMapping, CategorySchema, Profile
from aliexpress_magento.profiles.services import categories, schemas
from aliexpress_magento.profiles.services.remote import FetchError

LOG_TYPE = "profile"
User = AbstractBaseUser | AnonymousUser
RULE_FIELDS = ("rule_category_ids", "rule_attribute_set_ids")
_LABELS = {
    "code": "Profile Code",
    "name": "Profile Name",
    "status": "Status",
    "title_template": "Title template",
    "auto_upload_new_products": "Upload new products automatically",
    "auto_upload_new_children": "Send new children automatically",
}


class CategoryError(ValueError):
    """The chosen category cannot be a profile's: ``str(exc)`` says why and what to do."""


def clashes(account_id: int, code: str, name: str, exclude_pk: int | None = None) -> dict[str, str]:
    """Field → message for a code or a name another profile of the account already uses (both are
    unique per account; the database refuses them too, this says it in words)."""
    others = Profile.objects.filter(account_id=account_id)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    found = {}
    taken = others.filter(code=code).first()
    if code and taken is not None:
        found["code"] = f"Profile Code “{code}” is already used by profile “{taken.name}” of this account."
    taken = others.filter(name=name).first()
    if name and taken is not None:
        found["name"] = f"Profile Name “{name}” is already used by another profile of this account."
    return found


def category_path(account: Account, category_id: int, id_path: Sequence[int] = ()) -> list[str]:
    """The names from the root down to leaf ``category_id``, from the cached tree. A category not
    cached yet (a suggestion) is looked for by opening the levels of ``id_path`` (its ids from the root),
    which checks that AliExpress lists it for this account. Raises :class:`CategoryError` or FetchError."""
    node = _node(account, category_id)
    if node is None and id_path:
        for level in (0, *id_path[:-1]):
            categories.children(account, level)
        node = _node(account, category_id)
    if node is None:
        raise CategoryError(
            f"Category {category_id} is not in this account's AliExpress category tree: "
            "pick it from the tree."
        )
    if not node.is_leaf:
        raise CategoryError(f"{node.name} is not a leaf category: choose one of its subcategories.")
    return names_path(account, node)


def names_path(account: Account, node: AliExpressCategory) -> list[str]:
    """The names from the root down to ``node``, as far as the cache knows its ancestors."""
    path = [node.name]
    parent = _node(account, node.parent_id) if node.parent_id else None
    while parent is not None:
        path.insert(0, parent.name)
        parent = _node(account, parent.parent_id) if parent.parent_id else None
    return path


@dataclass(frozen=True)
class Saved:
    created: bool
    changed: tuple[str, ...]  # the labels of the changed Profile Info fields
    category_changed: bool
    mappings_dropped: int


def save_profile(
    profile: Profile, *, created: bool, changed: Collection[str], before: Profile | None, user: User
) -> Saved:
    """Save ``profile`` as the form left it. ``changed`` names the form fields that changed, ``before``
    is the stored row (None when ``created``). Rules that changed restart ``rules_since``: only products
    mirrored from now on are taken by them. A new category drops the mappings of the old one."""
    rules_changed = (created and _has_rules(profile)) or any(
        before is not None and sorted(getattr(before, f)) != sorted(getattr(profile, f)) for f in RULE_FIELDS
    )
    if rules_changed:
        profile.rules_since = timezone.now()
    category_changed = (before.category_id if before else None) != profile.category_id
    with transaction.atomic():
        profile.save()
        dropped = 0
        if category_changed and not created:
            dropped, _ = AttributeMapping.objects.filter(profile=profile).delete()
    labels = tuple(_LABELS[f] for f in _LABELS if f in changed)
    if rules_changed and not created:
        labels = (*labels, "Auto-assignment rules")
    saved = Saved(created, labels, category_changed, dropped)
    _log(profile, saved, user)
    return saved


def load_schema(profile: Profile, *, refresh: bool = False) -> str:
    """Fetch (or refresh) the schema of the profile's category; "" when done, else the message to show
    (already in the Activity Logs: the schema service logs its failures)."""
    if profile.category_id is None:
        return "Choose an AliExpress category first."
    try:
        schemas.schema(profile.account, profile.category_id, refresh=refresh)
    except (FetchError, schemas.NotLeafError) as exc:
        return str(exc)
    return ""


def cached_schema(profile: Profile) -> dict[str, Any] | None:
    """The parsed schema of the profile's category (``SchemaDescription`` as JSON), if fetched."""
    if profile.category_id is None:
        return None
    found = CategorySchema.objects.filter(account_id=profile.account_id, category_id=profile.category_id)
    row = found.only("parsed").first()
    return dict(row.parsed) if row is not None else None


def _has_rules(profile: Profile) -> bool:
    return bool(profile.rule_category_ids or profile.rule_attribute_set_ids)


def _node(account: Account, category_id: int) -> AliExpressCategory | None:
    return AliExpressCategory.objects.filter(account=account, category_id=category_id).first()


def _log(profile: Profile, saved: Saved, user: User) -> None:
    who = f"“{profile.name}” ({profile.code})"
    entries: list[tuple[str, str]] = []
    if saved.created:
        entries.append(("create", f"Profile {who} created, {profile.get_status_display().lower()}."))
    elif saved.changed:
        entries.append(("edit", f"Profile {who} changed: {', '.join(saved.changed)}."))
    if saved.category_changed:
        where = " > ".join(profile.category_path) if profile.category_id else "none"
        message = f"Profile {who}: AliExpress category set to {where}"
        message += f" ({profile.category_id})." if profile.category_id else "."
        if saved.mappings_dropped:
            message += f" {saved.mappings_dropped} attribute mappings of the previous category removed."
        entries.append(("category", message))
    for sub_type, comment in entries:
        record(
            Level.INFO,
            LOG_TYPE,
            comment,
            sub_type=sub_type,
            related=profile,
            user=user,
            account_id=profile.account_id,
        )
