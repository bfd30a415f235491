"""The dashboard's Listings panel (issue 13, item 9): per account the user may see, its products by
listing state (each count a link to Manage Products filtered to that account and state), its feeds in
progress (a link to Api Feeds filtered to the unfinished ones), and the last Price Cron and Inventory Cron
runs with the counts their first message line gives.

A fixed number of queries whatever the number of accounts: the accounts with their feed counts and the
ids of their last runs (subqueries), one grouped count of the states, one read of the runs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.selectors import visible_accounts
from aliexpress_magento.activity.models import JobRun
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.feeds.models import UNFINISHED, Feed

from .models import ListingStatus

TEMPLATE = "admin/listings/dashboard_panel.html"
# The jobs whose last run the panel shows: (job code, title, annotation on the account).
RUNS = (
    ("listings.sync_price", "Price update", "last_price_run"),
    ("listings.sync_inventory", "Inventory update", "last_inventory_run"),
)
# Api Feeds' status filter value for every unfinished status (feeds.admin.StatusFilter).
UNFINISHED_FILTER = "unfinished"


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int
    url: str  # Manage Products filtered to the account and the state; "" if the user may not open it


@dataclass(frozen=True)
class RunLine:
    code: str
    title: str
    run: JobRun | None
    summary: str  # the run's first message line ("Shop: price update: 3 done, …")


@dataclass(frozen=True)
class ListingsCard:
    account: Account
    states: list[StateCount]
    total: int
    feeds_in_progress: int
    feeds_url: str
    runs: list[RunLine]


def _last_run(code: str) -> Subquery:
    runs = JobRun.objects.filter(account=OuterRef("pk"), job_code=code).order_by("-created_at", "-id")
    return Subquery(runs.values("pk")[:1])


def _accounts(user: Any) -> QuerySet[Account]:
    """The visible accounts, each with its unfinished feed count and the ids of its last runs."""
    unfinished = (
        Feed.objects.filter(account=OuterRef("pk"), status__in=UNFINISHED)
        .order_by()
        .values("account")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        visible_accounts(user)
        .order_by("name", "pk")
        .annotate(
            feeds_in_progress=Coalesce(Subquery(unfinished, output_field=IntegerField()), Value(0)),
            **{name: _last_run(code) for code, _, name in RUNS},
        )
    )


def state_counts(account_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per account, its products in Manage Products by listing state, in one grouped query.

    Counted over the rows Manage Products shows (profiled products, with their listing if any), so a
    count is the number of rows its link opens; a product without a listing row is "not uploaded"."""
    rows = (
        CatalogProduct.objects.filter(account_id__in=account_ids, profile_link__isnull=False)
        .order_by()
        .values("account_id", "listing__status")
        .annotate(n=Count("pk"))
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        counts[row["account_id"]][row["listing__status"] or ListingStatus.NOT_UPLOADED] += row["n"]
    return counts


def _url(name: str, **params: Any) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def _first_line(run: JobRun | None) -> str:
    return run.messages.strip().splitlines()[0] if run and run.messages.strip() else ""


def panel(request: HttpRequest) -> tuple[str, dict[str, Any]]:
    user = request.user
    accounts = list(_accounts(user))
    counts = state_counts([account.pk for account in accounts])
    run_ids = [getattr(account, name) for account in accounts for _, _, name in RUNS]
    runs = JobRun.objects.in_bulk([pk for pk in run_ids if pk is not None])
    sees_products = user.has_perm("listings.view_managedproduct")
    sees_feeds = user.has_perm("feeds.view_feed")
    cards = []
    for account in accounts:
        mine = counts.get(account.pk, {})
        states = [
            StateCount(
                state,
                label,
                mine.get(state, 0),
                _url(
                    "admin:listings_managedproduct_changelist",
                    account__id__exact=account.pk,
                    filter_state=state,
                )
                if sees_products
                else "",
            )
            for state, label in ListingStatus.choices
        ]
        lines = []
        for code, title, name in RUNS:
            run = runs.get(getattr(account, name))
            lines.append(RunLine(code, title, run, _first_line(run)))
        cards.append(
            ListingsCard(
                account=account,
                states=states,
                total=sum(state.count for state in states),
                feeds_in_progress=account.feeds_in_progress,  # type: ignore[attr-defined]
                feeds_url=_url(
                    "admin:feeds_feed_changelist",
                    account__id__exact=account.pk,
                    filter_status_badge=UNFINISHED_FILTER,
                )
                if sees_feeds
                else "",
                runs=lines,
            )
        )
    return TEMPLATE, {"cards": cards}
