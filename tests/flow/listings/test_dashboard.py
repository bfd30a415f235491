"""The dashboard's Listings panel: per account the user may see, its products by listing state (each
count a link to Manage Products showing exactly those rows), its feeds in progress (a link to Api Feeds
showing them) and the last price and inventory runs with their counts — in a fixed number of queries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.feeds.models import Feed, FeedStatus
from aliexpress_magento.listings import dashboard
from aliexpress_magento.listings.models import Listing, ListingStatus
from tests.flow.accounts.conftest import AE_URL, M2_URL
from tests.support import catalog_rows
from tests.support.accounts import make_account

INDEX = reverse("admin:index")
PRODUCTS = reverse("admin:listings_managedproduct_changelist")
FEEDS = reverse("admin:feeds_feed_changelist")
AGENT_PERMISSIONS = ("view_account", "view_managedproduct", "view_feed")


@dataclass(frozen=True)
class Shops:
    a: Account
    b: Account


def _listed(account: Account, *states: ListingStatus | None) -> None:
    """One profiled product per state (None: no listing row yet, as after the assignment)."""
    profile = catalog_rows.profile(account, f"p{account.pk}")
    for state in states:
        row = catalog_rows.product(account)
        catalog_rows.put(profile, row)
        if state is not None:
            Listing.objects.create(account=account, product=row, profile=profile, status=state)


def _shop(name: str) -> Account:
    account = make_account(AE_URL, M2_URL, name=name)
    _listed(account, ListingStatus.LIVE, ListingStatus.ERROR)
    return account


@pytest.fixture
def shops(db) -> Shops:  # type: ignore[no-untyped-def]
    a = make_account(AE_URL, M2_URL, name="Shop A")
    _listed(a, ListingStatus.LIVE, ListingStatus.LIVE, ListingStatus.ERROR, ListingStatus.NOT_UPLOADED, None)
    unprofiled = catalog_rows.product(a)  # listed once, then taken out of its profile: not in the grid
    Listing.objects.create(account=a, product=unprofiled, status=ListingStatus.LIVE)
    for status in (FeedStatus.SUBMITTED, FeedStatus.PROCESSING, FeedStatus.FINISHED, FeedStatus.EXPIRED):
        Feed.objects.create(account=a, operation_type="PRODUCT_CREATE", status=status)
    earlier = timezone.now() - timedelta(hours=1)
    JobRun.objects.create(
        job_code="listings.sync_price", account=a, status=JobStatus.ERROR, created_at=earlier,
        messages="Shop A: price update: 0 done, 0 skipped, 2 failed.",
    )  # fmt: skip
    JobRun.objects.create(
        job_code="listings.sync_price", account=a, status=JobStatus.SUCCESS,
        messages="Shop A: price update: 3 done, 1 skipped, 0 failed.\nSKU-1: skipped, unchanged",
    )  # fmt: skip

    b = make_account(AE_URL, M2_URL, name="Shop B")
    _listed(b, ListingStatus.LIVE, ListingStatus.LIVE, ListingStatus.LIVE, ListingStatus.INVALID)
    Feed.objects.create(account=b, operation_type="PRODUCT_CREATE", status=FeedStatus.SUBMITTING)
    JobRun.objects.create(
        job_code="listings.sync_inventory", account=b, status=JobStatus.SUCCESS,
        messages="Shop B: inventory update: 7 done, 0 skipped, 0 failed.",
    )  # fmt: skip
    return Shops(a, b)


@pytest.fixture
def agent_client(django_user_model, shops: Shops) -> Client:  # type: ignore[no-untyped-def]
    """A staff user who may view the grids, granted Shop A only."""
    user = django_user_model.objects.create_user("agent", password="a-long-agent-password", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=AGENT_PERMISSIONS))
    shops.a.allowed_users.add(user)
    client = Client()
    client.force_login(user)
    return client


def _card(html: str, account: Account) -> str | None:
    match = re.search(
        rf'<div class="module listings-card" id="listings-{account.pk}">(.*?)</div>', html, re.S
    )
    return re.sub(r"\s+", " ", match.group(1)) if match else None


def _state_links(card: str) -> dict[str, tuple[str, str]]:
    """state -> (link, text) of each count."""
    found = re.findall(r'data-state="(\w+)"><a href="([^"]+)">([^<]+)</a>', card)
    return {state: (unescape(href), text) for state, href, text in found}


def test_the_panel_shows_the_visible_account_by_state_with_links(agent_client: Client, shops: Shops) -> None:
    html = agent_client.get(INDEX).content.decode()
    assert _card(html, shops.b) is None
    card = _card(html, shops.a)
    assert card is not None and "Listings — Shop A" in card
    links = _state_links(card)
    assert {state: text for state, (_, text) in links.items()} == {
        "not_uploaded": "Not uploaded: 2",  # the listing row in that state and the product without one
        "invalid": "Invalid: 0",
        "queued": "Queued: 0",
        "uploading": "Uploading: 0",
        "live": "Live: 2",  # the listing whose product left its profile is not in the grid
        "error": "Error: 1",
        "offline": "Offline: 0",
        "deleted": "Deleted: 0",
    }
    assert links["live"][0] == f"{PRODUCTS}?account__id__exact={shops.a.pk}&filter_state=live"
    for state, count in (("live", 2), ("error", 1), ("not_uploaded", 2), ("invalid", 0)):
        grid = agent_client.get(links[state][0])
        assert grid.status_code == 200
        assert grid.context["cl"].result_count == count, state


def test_the_feeds_count_links_to_the_unfinished_feeds(agent_client: Client, shops: Shops) -> None:
    card = _card(agent_client.get(INDEX).content.decode(), shops.a)
    assert card is not None
    href, count = re.search(r'<td class="listing-feeds"><a href="([^"]+)">(\d+)</a>', card).groups()
    assert count == "2"
    assert unescape(href) == f"{FEEDS}?account__id__exact={shops.a.pk}&filter_status_badge=unfinished"
    grid = agent_client.get(unescape(href))
    assert sorted(feed.status for feed in grid.context["cl"].result_list) == ["processing", "submitted"]


def test_the_last_runs_show_their_status_and_first_line(agent_client: Client, shops: Shops) -> None:
    card = _card(agent_client.get(INDEX).content.decode(), shops.a)
    assert card is not None
    price = re.search(r'<tr class="run-listingssync_price">(.*?)</tr>', card).group(1)
    assert "Success" in price
    assert '<td class="run-summary">Shop A: price update: 3 done, 1 skipped, 0 failed.</td>' in price
    assert "SKU-1" not in price
    inventory = re.search(r'<tr class="run-listingssync_inventory">(.*?)</tr>', card).group(1)
    assert "<td>never</td>" in inventory


def test_without_the_grids_permission_the_counts_are_not_links(django_user_model, shops: Shops) -> None:  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_user("viewer", password="a-long-viewer-password", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename="view_account"))
    shops.a.allowed_users.add(user)
    client = Client()
    client.force_login(user)
    card = _card(client.get(INDEX).content.decode(), shops.a)
    assert card is not None
    assert "<a " not in card
    assert '<span class="listing-state-count" data-state="live">Live: 2</span>' in card
    assert '<td class="listing-feeds">2</td>' in card


def _panel_queries(user) -> int:  # type: ignore[no-untyped-def]
    request = RequestFactory().get(INDEX)
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        template, context = dashboard.panel(request)
        render_to_string(template, {"panel": context})
    return len(queries)


def test_the_queries_do_not_grow_with_the_accounts(admin_user, shops: Shops) -> None:  # type: ignore[no-untyped-def]
    Account.objects.exclude(pk=shops.a.pk).delete()
    one = _panel_queries(admin_user)
    _shop("Shop C")
    _shop("Shop D")
    assert Account.objects.count() == 3
    three = _panel_queries(admin_user)
    assert one == three == 3
