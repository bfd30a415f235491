"""AliExpress → Manage Products (issue 13, item 3) on the Magento 2 sandbox and the AliExpress sandbox,
with the complete Shirts profile of test_upload: the grid, its filters, a Select All mass action queued
as one BulkAction in a fixed number of queries, the job's chunks and counts, the detail page's Preview,
and a view-only user."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aliexpress_magento.activity.models import ActivityLog, JobRun
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.feeds.models import Feed
from aliexpress_magento.listings.models import BulkAction, Listing, ListingStatus
from aliexpress_magento.listings.services import bulk
from aliexpress_magento.profiles.services import assignment
from tests.flow.listings import test_upload
from tests.flow.listings.test_upload import World

world = test_upload.world  # the complete Shirts profile with its three products
GRID = reverse("admin:listings_managedproduct_changelist")


def _skus(response) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(row.sku for row in response.context["cl"].result_list)


def _select_all(action: str, some_pk: int) -> dict[str, object]:
    return {"action": action, "select_across": "1", "_selected_action": [some_pk], "index": "0"}


def _assign_more(world: World, count: int) -> list[int]:
    """``count`` more simples of the mirror assigned to the Shirts profile."""
    taken = CatalogProduct.objects.filter(profile_link__isnull=False).values("pk")
    free = (
        CatalogProduct.objects.filter(account=world.account, type="simple", parent__isnull=True)
        .exclude(pk__in=taken)
        .order_by("pk")[:count]
    )
    ids = list(free.values_list("pk", flat=True))
    assert len(ids) == count
    assignment.assign(world.profile, CatalogProduct.objects.filter(pk__in=ids), move=False)
    return ids


def test_the_grid_lists_the_profiled_products_with_price_after_the_rule_and_state(
    merchant_client: Client, world: World
) -> None:
    world.account.price_rule = "increase_percent"
    world.account.price_percentage = Decimal("10")
    world.account.save()
    Listing.objects.create(
        account=world.account,
        product=world.invalid,
        profile=world.profile,
        status=ListingStatus.INVALID,
        errors=[{"attribute": "Sleeve Length(cm)", "magento": "material", "message": "Map it."}],
    )

    response = merchant_client.get(GRID)

    assert response.status_code == 200
    assert _skus(response) == sorted([world.simple.sku, world.configurable.sku, world.invalid.sku])
    html = response.content.decode()
    assert html.count('data-state="none">Not uploaded</span>') == 2
    assert 'data-state="invalid" title="Sleeve Length(cm) / material: Map it.">Invalid (1)</span>' in html
    simple_price = world.simple.price
    assert simple_price is not None
    expected = (simple_price * Decimal("1.10")).quantize(Decimal("0.01"))
    assert f'<td class="field-aliexpress_price">{expected}</td>' in html
    # A configurable's: the range of its children's prices after the rule, not its own (0 in Magento).
    children = CatalogProduct.objects.filter(parent=world.configurable, enabled=True, removed_at__isnull=True)
    sent = sorted((c.price * Decimal("1.10")).quantize(Decimal("0.01")) for c in children if c.price)
    assert sent[0] < sent[-1]
    assert f'<td class="field-aliexpress_price">{sent[0]} - {sent[-1]}</td>' in html
    # Magento's price in cents, and a configurable's price range and salable quantity are its SKUs'.
    assert f'<td class="field-magento_price">{simple_price.quantize(Decimal("0.01"))}</td>' in html
    own = sorted(c.price.quantize(Decimal("0.01")) for c in children if c.price)
    assert f'<td class="field-magento_price">{own[0]} - {own[-1]}</td>' in html
    stock = sum(c.salable_qty for c in children if c.salable_qty is not None)
    assert stock > 0
    assert f'<td class="field-salable">{int(stock)}</td>' in html
    assert [a[0] for a in response.context["action_form"].fields["action"].choices] == [
        "",
        "upload_images",
        "validate_upload",
        "update_selected",
        "price_update",
        "inventory_update",
        "delete_selected",
        "validate_only",
    ]


def test_the_column_filters_and_search_narrow_the_grid(merchant_client: Client, world: World) -> None:
    Listing.objects.create(
        account=world.account, product=world.invalid, profile=world.profile, status=ListingStatus.INVALID
    )

    assert _skus(merchant_client.get(GRID, {"filter_type": "configurable"})) == [world.configurable.sku]
    assert _skus(merchant_client.get(GRID, {"filter_state": "invalid"})) == [world.invalid.sku]
    assert _skus(merchant_client.get(GRID, {"filter_state": "not_uploaded"})) == sorted(
        [world.simple.sku, world.configurable.sku]
    )
    assert _skus(merchant_client.get(GRID, {"filter_sku": world.simple.sku})) == [world.simple.sku]
    assert _skus(merchant_client.get(GRID, {"q": world.configurable.sku})) == [world.configurable.sku]
    assert _skus(merchant_client.get(GRID, {"filter_profile": "nothing-like-it"})) == []


def test_select_all_queues_one_bulk_action_with_every_matching_id_in_fixed_queries(
    merchant_client: Client, world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    def queue(filters: str) -> tuple[BulkAction, int]:
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as queued:
            merchant_client.post(f"{GRID}?{filters}", _select_all("validate_only", world.simple.pk))
        assert len(queued) == 1  # the job, queued once the request commits (not run here)
        return BulkAction.objects.order_by("-pk").first(), len(queries)  # type: ignore[return-value]

    few, few_queries = queue("filter_type=configurable")
    more = _assign_more(world, 40)
    many, many_queries = queue("filter_type=simple")

    assert (few.action, few.product_ids, few.total, few.status) == (
        "validate_only",
        [world.configurable.pk],
        1,
        "queued",
    )
    assert sorted(many.product_ids) == sorted([world.simple.pk, world.invalid.pk, *more])
    assert many_queries == few_queries


def test_the_job_processes_the_selection_in_chunks_and_records_the_counts(
    merchant_client: Client, world: World, django_capture_on_commit_callbacks, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(bulk, "CHUNK", 2)
    seen: list[list[int]] = []
    validate = bulk.ACTIONS["validate_only"].fn

    def spy(account, product_ids, *, user=None):  # type: ignore[no-untyped-def]
        seen.append(list(product_ids))
        return validate(account, product_ids, user=user)

    monkeypatch.setitem(bulk.ACTIONS, "validate_only", bulk.Action("Validate only", spy))

    with django_capture_on_commit_callbacks(execute=True):
        merchant_client.post(GRID, _select_all("validate_only", world.simple.pk))

    done = BulkAction.objects.get()
    assert [len(chunk) for chunk in seen] == [2, 1]
    assert (done.status, done.done, done.total) == ("done", 3, 3)
    assert (done.succeeded, done.skipped, done.failed) == (2, 0, 1)
    assert len(done.reasons) == 1 and done.reasons[0].startswith(f"{world.invalid.sku}: ")
    assert Listing.objects.get(product=world.invalid).status == ListingStatus.INVALID
    run = JobRun.objects.get(job_code="listings.bulk_action")
    assert (run.status, run.account_id) == ("success", world.account.pk)
    assert run.messages.splitlines()[0] == (
        f"{world.account.name}: Validate only: 3 of 3 products processed: 2 done, 0 skipped, 1 failed."
    )
    entry = ActivityLog.objects.get(log_sub_type="bulk_action")
    assert entry.comment == "Validate only: 3 of 3 products processed: 2 done, 0 skipped, 1 failed."

    progress = merchant_client.get(reverse("admin:listings_managedproduct_progress", args=[done.pk])).json()
    assert (progress["status"], progress["busy"], progress["percent"], progress["failed"]) == (
        "done",
        False,
        100,
        1,
    )
    assert progress["text"] == f"Done: {entry.comment}"


def test_validate_and_upload_chunks_fill_whole_feeds(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A chunk of an action that sends feeds is a feed's worth of products (Feed Size), not CHUNK: one
    feed per chunk of CHUNK would cut a large selection into many small feeds (issue 13's benchmark:
    20,000 products in 200 feeds, past AliExpress's 150 a day)."""
    monkeypatch.setattr(bulk, "CHUNK", 1)
    world.account.feed_size = 2
    world.account.save()
    ids = [world.simple.pk, world.configurable.pk, world.invalid.pk]
    row = BulkAction.objects.create(account=world.account, action="validate_upload", product_ids=ids, total=3)

    done = bulk.run(world.account, row.pk)

    assert done is not None
    assert (done.status, done.done, done.succeeded, done.skipped, done.failed) == ("done", 3, 2, 0, 1)
    (feed,) = Feed.objects.all()
    assert sorted(feed.items.values_list("item_content_id", flat=True)) == sorted(
        [world.simple.sku, world.configurable.sku]
    )
    assert world.calls["aliexpress.solution.feed.submit"] == 1


def test_update_selected_uploads_only_what_aliexpress_holds(
    merchant_client: Client, world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    chosen = {
        "action": "update_selected",
        "_selected_action": [world.simple.pk, world.configurable.pk],
        "index": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        merchant_client.post(GRID, chosen)

    done = BulkAction.objects.get()
    assert (done.succeeded, done.skipped, done.failed) == (0, 2, 0)
    assert sorted(done.reasons) == sorted(
        f"{sku}: skipped, not on AliExpress yet: use Validate & Upload Product(s)"
        for sku in (world.simple.sku, world.configurable.sku)
    )
    assert world.calls["aliexpress.solution.feed.submit"] == 0


def test_the_detail_page_previews_the_payload_and_its_validation(
    merchant_client: Client, world: World
) -> None:
    valid = merchant_client.get(reverse("admin:listings_managedproduct_change", args=[world.simple.pk]))
    invalid = merchant_client.get(reverse("admin:listings_managedproduct_change", args=[world.invalid.pk]))

    assert valid.status_code == 200
    assert valid.context["preview"].valid
    assert f'"sku_code": "{world.simple.sku}"' in valid.context["preview"].payload
    assert valid.context["state"] == "Not uploaded"
    assert not invalid.context["preview"].valid
    assert len(invalid.context["preview"].problems) >= 1
    assert Listing.objects.count() == 0  # the preview writes nothing
    assert sum(world.calls.values()) == 0  # and sends nothing


@pytest.fixture
def viewer(django_user_model, world: World) -> Client:  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_user("viewer", password="a-long-test-password", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_managedproduct"))
    world.account.allowed_users.add(user)
    client = Client()
    client.force_login(user)
    return client


def test_a_view_only_user_sees_the_grid_and_detail_but_no_action(viewer: Client, world: World) -> None:
    response = viewer.get(GRID)

    assert len(_skus(response)) == 3
    assert response.context["action_form"] is None
    assert 'id="massaction-action"' not in response.content.decode()
    viewer.post(GRID, _select_all("validate_upload", world.simple.pk))
    assert BulkAction.objects.count() == 0
    detail = viewer.get(reverse("admin:listings_managedproduct_change", args=[world.simple.pk]))
    assert detail.status_code == 200


def test_another_accounts_user_sees_none_of_its_products(django_user_model, world: World) -> None:  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_user("stranger", password="a-long-test-password", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_managedproduct", "change_managedproduct"])
    )
    client = Client()
    client.force_login(user)

    assert _skus(client.get(GRID)) == []
    detail = client.get(reverse("admin:listings_managedproduct_change", args=[world.simple.pk]))
    assert detail.status_code == 404


def test_the_price_inventory_and_delete_actions_run_through_the_grid(
    merchant_client: Client, world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    test_upload._upload_both(world)
    live = [world.simple.pk, world.configurable.pk]

    def run(action: str) -> BulkAction:
        chosen = {"action": action, "_selected_action": live, "index": "0"}
        with django_capture_on_commit_callbacks(execute=True):
            merchant_client.post(GRID, chosen)
        return BulkAction.objects.filter(action=action).get()

    # Nothing changed since the upload: the price and inventory updates send nothing, product by product.
    for action in ("price_update", "inventory_update"):
        done = run(action)
        assert (done.status, done.done, done.succeeded, done.skipped, done.failed) == ("done", 2, 0, 2, 0)
    removed = run("delete_selected")
    assert (removed.status, removed.done, removed.succeeded, removed.failed) == ("done", 2, 2, 0)
    assert set(Listing.objects.filter(product__in=live).values_list("status", "aliexpress_product_id")) == {
        (ListingStatus.DELETED, None)
    }
