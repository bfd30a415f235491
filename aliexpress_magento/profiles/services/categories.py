"""AliExpress's seller category tree, cached per account and fetched lazily, one level at a time
(``category.tree.query`` answers the children of one category; the fact sheet advises rebuilding the
tree every 1-3 months, hence :func:`refresh_tree`)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.aliexpress.categories import Category
from aliexpress_magento.profiles.models import AliExpressCategory
from aliexpress_magento.profiles.services import remote

LOG_TYPE = "category"
SEARCH_LIMIT = 50
_UPDATED = ["parent_id", "name", "names", "level", "is_leaf", "fetched_at"]


def children(account: Account, parent_id: int = 0, *, refresh: bool = False) -> list[AliExpressCategory]:
    """The children of ``parent_id`` (0 = the roots), from the cache once fetched. A level that came
    back empty is asked again next time (nothing marks it fetched); a cached leaf has none to ask for."""
    cached = _level(account, parent_id)
    if not refresh and (cached or _is_cached_leaf(account, parent_id)):
        return cached
    where = _label(account, parent_id)
    fetched = remote.fetch(
        account, f"the categories under {where}", LOG_TYPE, lambda c: c.categories.tree_query(parent_id)
    )
    _store(account, parent_id, fetched)
    record(
        Level.INFO,
        LOG_TYPE,
        f"Fetched {len(fetched)} AliExpress categories under {where}.",
        sub_type="fetch",
        account_id=account.pk,
    )
    return _level(account, parent_id)


def search(account: Account, text: str) -> list[AliExpressCategory]:
    """Cached categories whose name contains ``text`` (any case), the first ``SEARCH_LIMIT``: only the
    levels fetched so far are searched."""
    text = text.strip()
    if not text:
        return []
    found = AliExpressCategory.objects.filter(account=account, name__icontains=text)
    return list(found.order_by("level", "name", "category_id")[:SEARCH_LIMIT])


def refresh_tree(account: Account) -> int:
    """Drop the account's cached tree; levels are fetched again as they are opened. Returns the count."""
    dropped, _ = AliExpressCategory.objects.filter(account=account).delete()
    record(
        Level.INFO,
        LOG_TYPE,
        f"AliExpress category tree cleared ({dropped} cached categories): "
        "it is fetched again level by level.",
        sub_type="refresh",
        account_id=account.pk,
    )
    return dropped


def _level(account: Account, parent_id: int) -> list[AliExpressCategory]:
    rows = AliExpressCategory.objects.filter(account=account, parent_id=parent_id)
    return list(rows.order_by("name", "category_id"))


def _is_cached_leaf(account: Account, category_id: int) -> bool:
    return AliExpressCategory.objects.filter(account=account, category_id=category_id, is_leaf=True).exists()


def _label(account: Account, parent_id: int) -> str:
    if parent_id == 0:
        return "the root"
    parent = AliExpressCategory.objects.filter(account=account, category_id=parent_id).first()
    return str(parent) if parent is not None else f"category {parent_id}"


def _store(account: Account, parent_id: int, fetched: tuple[Category, ...]) -> None:
    """Replace the level in one transaction: upsert what came, drop what AliExpress no longer lists."""
    now = timezone.now()
    rows = [
        AliExpressCategory(
            account=account,
            category_id=c.category_id,
            parent_id=parent_id,
            name=c.name[:255],
            names=dict(c.names),
            level=c.level,
            is_leaf=c.is_leaf,
            fetched_at=now,
        )
        for c in fetched
    ]
    with transaction.atomic():
        gone = AliExpressCategory.objects.filter(account=account, parent_id=parent_id)
        gone.exclude(category_id__in=[c.category_id for c in fetched]).delete()
        AliExpressCategory.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["account", "category_id"], update_fields=_UPDATED
        )
