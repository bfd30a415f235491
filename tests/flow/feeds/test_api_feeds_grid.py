"""Developer → Api Feeds (manual §7.1): the grid's columns and filters, search by job id, the detail
page of per-item results, Sync Feeds, Truncate (unfinished feeds kept), Delete selected, and who may
see and do what."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.feeds.models import Feed, FeedItem, FeedStatus, ItemStatus
from aliexpress_magento.feeds.services.submission import submit
from tests.support.accounts import make_account

from .conftest import QUERY, product, without_brand

GRID = reverse("admin:feeds_feed_changelist")
SYNC = reverse("admin:feeds_feed_sync")
TRUNCATE = reverse("admin:feeds_feed_truncate")
DAY = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def _feed(account: Account, job_id: int, status: str, **fields) -> Feed:  # type: ignore[no-untyped-def]
    values = {"operation_type": "PRODUCT_CREATE", "created_at": DAY, "updated_at": DAY, **fields}
    return Feed.objects.create(account=account, job_id=job_id, status=status, **values)


def _cells(html: str, field: str) -> list[str]:
    """The texts of the detail page's item table cells of ``field``, in row order."""
    return re.findall(rf'<td class="field-{field}">\s*<p>([^<]*)</p>', html)


def _ids(page) -> list[int]:  # type: ignore[no-untyped-def]
    return [feed.pk for feed in page.context["cl"].result_list]


@pytest.fixture
def feeds(account: Account) -> list[Feed]:
    """Three feeds of the account: finished, processing, failed; and one of another account."""
    other = make_account("https://ae.other.test", "https://shop.other.test", name="Other shop")
    return [
        _feed(account, 1001, FeedStatus.FINISHED, item_count=3, succeeded=2, failed=1),
        _feed(
            account,
            1002,
            FeedStatus.PROCESSING,
            operation_type="PRODUCT_FULL_UPDATE",
            item_count=5,
            created_at=DAY + timedelta(days=1),
        ),
        _feed(account, 1003, FeedStatus.FAILED, item_count=1, failed=1, created_at=DAY + timedelta(days=2)),
        _feed(other, 2001, FeedStatus.FINISHED, item_count=1, succeeded=1),
    ]


def test_the_grid_shows_the_manual_columns(merchant_client: Client, feeds: list[Feed]) -> None:
    page = merchant_client.get(GRID)
    headers = [h["text"] for h in page.context["result_headers"]][1:]
    assert headers == [
        "ID", "Job Id", "Account", "Operation Type", "Status", "Items", "Succeeded", "Failed", "Created",
        "Updated",
    ]  # fmt: skip
    assert page.context["cl"].title == "Api Feeds"
    assert _ids(page) == [feeds[2].pk, feeds[1].pk, feeds[3].pk, feeds[0].pk]  # newest first
    html = page.content.decode()
    assert '<span class="badge badge-processing">Processing</span>' in html
    limits = r"<strong>Demo shop</strong>: feeds left in the last 24 hours —\s+PRODUCT_CREATE 150 of 150, "
    assert re.search(limits + "PRODUCT_FULL_UPDATE 150 of 150", html)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"filter_id_from": "x"}, [0, 1, 2, 3]),  # not a number: ignored
        ({"filter_job_id": "100"}, [0, 1, 2]),
        ({"filter_account": "other"}, [3]),
        ({"filter_operation_type": "PRODUCT_FULL_UPDATE"}, [1]),
        ({"filter_status_badge": "failed"}, [2]),
        ({"filter_item_count_from": "3", "filter_item_count_to": "5"}, [0, 1]),
        ({"filter_succeeded_from": "1"}, [0, 3]),
        ({"filter_failed_to": "0"}, [1, 3]),
        ({"filter_created_at_from": "2026-03-11"}, [1, 2]),
        ({"filter_updated_at_to": "2026-03-10"}, [0, 1, 2, 3]),
        ({"q": "1003"}, [2]),
        ({"q": "not-a-number"}, []),
    ],
)
def test_every_column_filters_and_the_job_id_searches(
    merchant_client: Client, feeds: list[Feed], params: dict[str, str], expected: list[int]
) -> None:
    page = merchant_client.get(GRID, params)
    assert sorted(_ids(page)) == sorted(feeds[n].pk for n in expected)


def test_the_detail_page_shows_each_items_result(
    merchant_client: Client, account: Account, django_capture_on_commit_callbacks
) -> None:
    (feed,) = submit(account, "PRODUCT_CREATE", [product("GOOD"), without_brand("BAD")])
    with django_capture_on_commit_callbacks(execute=True):
        merchant_client.post(SYNC)

    page = merchant_client.get(reverse("admin:feeds_feed_change", args=[feed.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    good = FeedItem.objects.get(item_content_id="GOOD")
    assert _cells(html, "item_content_id") == ["GOOD", "BAD"]
    assert _cells(html, "status") == ["Succeeded", "Failed"]
    assert _cells(html, "aliexpress_product_id") == [str(good.aliexpress_product_id), "-"]
    assert _cells(html, "error_code") == ["-", "F00-00-10020-002"]
    assert _cells(html, "error_message") == [
        "-",
        "#/category_attributes: required key [Brand Name] not found",
    ]
    assert 'name="_save"' not in html  # read-only


def test_sync_feeds_queries_every_unfinished_feed_now(
    merchant_client: Client, account: Account, ae_calls: Counter[str], django_capture_on_commit_callbacks
) -> None:
    first = submit(account, "PRODUCT_CREATE", [product("A"), product("B")])[0]
    Account.objects.filter(pk=account.pk).update(feed_size=1)
    account.refresh_from_db()
    second = submit(account, "PRODUCT_FULL_UPDATE", [product("C")])[0]
    assert merchant_client.get(SYNC).status_code == 403  # a POST only

    with django_capture_on_commit_callbacks(execute=True) as queued:
        done = merchant_client.post(SYNC, follow=True)

    assert len(queued) == 1  # the job runs after the request's transaction
    assert done.redirect_chain == [(GRID, 302)]
    assert "Feeds sync queued for Demo shop." in [str(m) for m in done.context["messages"]]
    assert ae_calls[QUERY] == 2  # before their backoff was due
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.succeeded, second.status) == (FeedStatus.FINISHED, 2, FeedStatus.FINISHED)
    assert ActivityLog.objects.filter(log_sub_type="sync_request", account=account).count() == 1
    again = merchant_client.post(SYNC, follow=True)
    assert "No feed is awaiting results: nothing to sync." in [str(m) for m in again.context["messages"]]


def test_truncate_asks_first_and_keeps_the_unfinished_feeds(
    merchant_client: Client, feeds: list[Feed]
) -> None:
    FeedItem.objects.create(feed=feeds[0], item_content_id="A", status=ItemStatus.SUCCEEDED)
    confirm = merchant_client.get(TRUNCATE).content.decode()
    assert "This removes <strong>3</strong> api feeds for good." in confirm
    assert (
        '<p id="truncate-note">1 unfinished feeds (submitting, submitted or processing) are kept: '
        "AliExpress&#x27;s results for their items are still to come.</p>"
    ) in confirm
    assert Feed.objects.count() == 4

    done = merchant_client.post(TRUNCATE, follow=True)

    assert "Api Feeds truncated: 3 removed." in [str(m) for m in done.context["messages"]]
    assert list(Feed.objects.values_list("pk", flat=True)) == [feeds[1].pk]
    assert not FeedItem.objects.exists()
    logged = ActivityLog.objects.get(log_sub_type="truncate")
    assert logged.comment == "Api feeds truncated: 3 removed, 1 unfinished kept."


def test_delete_selected_confirms_and_refuses_unfinished_feeds(
    merchant_client: Client, feeds: list[Feed]
) -> None:
    chosen = {"action": "delete_feeds", "_selected_action": [feeds[0].pk, feeds[1].pk], "index": "0"}
    confirm = merchant_client.post(GRID, chosen).content.decode()
    assert '<p id="delete-summary">This deletes <strong>1</strong> feeds with their item results' in confirm
    assert '<p id="delete-kept">1 selected feeds are unfinished and are kept' in confirm
    assert Feed.objects.count() == 4

    done = merchant_client.post(GRID, {**chosen, "confirm": "yes"}, follow=True)

    assert [str(m) for m in done.context["messages"]] == [
        "1 feeds deleted.",
        "1 unfinished feeds were not deleted: their results are still to come.",
    ]
    assert sorted(Feed.objects.values_list("pk", flat=True)) == sorted(f.pk for f in feeds[1:])
    assert "delete_selected" not in dict(
        merchant_client.get(GRID).context["action_form"].fields["action"].choices
    )


@pytest.fixture
def agent_client(django_user_model, account: Account, feeds: list[Feed]) -> Client:  # type: ignore[no-untyped-def]
    """A staff user who may view feeds (not sync, truncate or delete them), granted Demo shop only."""
    user = django_user_model.objects.create_user("agent", password="a-long-agent-password", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_feed"))
    account.allowed_users.add(user)
    client = Client()
    client.force_login(user)
    return client


def test_a_user_sees_the_feeds_of_their_accounts_and_only_views_them(
    agent_client: Client, feeds: list[Feed]
) -> None:
    page = agent_client.get(GRID)
    assert sorted(_ids(page)) == sorted(f.pk for f in feeds[:3])
    html = page.content.decode()
    assert 'id="sync-feeds"' not in html and 'id="truncate-button"' not in html
    assert agent_client.get(reverse("admin:feeds_feed_change", args=[feeds[3].pk])).status_code == 404
    assert agent_client.get(reverse("admin:feeds_feed_change", args=[feeds[0].pk])).status_code == 200
    assert agent_client.post(SYNC).status_code == 403
    assert agent_client.post(TRUNCATE).status_code == 403
    assert Feed.objects.count() == 4


def test_the_grid_needs_a_login(client: Client, db: None) -> None:
    for url in (GRID, SYNC, TRUNCATE):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
