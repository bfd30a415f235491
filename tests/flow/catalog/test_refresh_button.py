"""AliExpress → Magento Catalog: the read-only grid, the Refresh catalog / Full refresh buttons that
queue the account's catalog.refresh job (eagerly in tests), its progress JSON, who may press them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.catalog.models import CatalogAttribute, CatalogProduct
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.jobs.locks import account_lock
from aliexpress_magento.sandbox.catalog.model import DISABLED

from .conftest import Shop

GRID = reverse("admin:catalog_catalogproduct_changelist")


def _refresh_url(shop: Shop) -> str:
    return reverse("admin:catalog_catalogproduct_refresh", args=[shop.account.pk])


def _progress(client: Any, shop: Shop) -> dict[str, Any]:
    response = client.get(reverse("admin:catalog_catalogproduct_progress", args=[shop.account.pk]))
    assert response.status_code == 200
    return dict(response.json())


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_refresh_catalog_queues_the_job_which_mirrors_the_catalog_and_the_taxonomy(
    shop: Shop, merchant_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert _progress(merchant_client, shop)["text"] == "Not refreshed yet."
    with django_capture_on_commit_callbacks(execute=True):
        response = merchant_client.post(_refresh_url(shop), {"full": "0"}, follow=True)
    assert _messages(response) == ["An incremental catalog refresh of Demo shop is queued."]
    run = JobRun.objects.get(job_code="catalog.refresh")
    assert (run.status, run.account_id) == (JobStatus.SUCCESS, shop.account.pk)
    assert run.messages.startswith("Demo shop: incremental refresh: read ")
    assert CatalogProduct.objects.count() == 30
    assert CatalogAttribute.objects.filter(account=shop.account, code="color").exists()  # asked by the button
    progress = _progress(merchant_client, shop)
    assert (progress["phase"], progress["busy"], progress["total"]) == ("", False, 30)
    assert progress["text"].startswith("Done: read ")
    assert progress["text"].endswith(" categories (0 removed).")
    assert progress["started"] is not None and progress["finished"] is not None


def test_full_refresh_queues_a_full_read(
    shop: Shop, merchant_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    refresh.refresh(shop.account, full=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = merchant_client.post(_refresh_url(shop), {"full": "1"}, follow=True)
    assert _messages(response) == ["A full catalog refresh of Demo shop is queued."]
    assert JobRun.objects.get(job_code="catalog.refresh").messages.startswith(
        "Demo shop: full refresh: read "
    )


def test_a_running_refresh_is_not_queued_twice(
    shop: Shop, merchant_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with account_lock(shop.account.pk, "catalog.refresh"):
        assert _progress(merchant_client, shop)["busy"] is True
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = merchant_client.post(_refresh_url(shop), {"full": "0"}, follow=True)
    assert _messages(response) == ["A catalog refresh of Demo shop is already running: see its progress."]
    assert (callbacks, JobRun.objects.count()) == ([], 0)


def test_the_grid_lists_the_mirrored_products_with_their_columns_and_buttons(
    shop: Shop, merchant_client: Any
) -> None:
    product = shop.sellable_simple()
    off = next(p for p in shop.sandbox.world.catalog.products if p.sku != product.sku and p.parent_id is None)
    shop.sandbox.update_product(off.sku, status=DISABLED)
    refresh.refresh(shop.account, full=True)
    response = merchant_client.get(GRID, {"q": product.sku})
    assert response.context["cl"].title == "Magento Catalog"
    assert response.context["cl"].result_count == 1
    html = response.content.decode()
    headers = re.findall(r'<th scope="col".*?<div class="text">(?:<a [^>]*>|<span>)(.*?)<', html, re.S)
    assert headers == [
        "Thumbnail", "Name", "SKU", "Type", "Status", "Visibility", "Price", "Salable qty", "Removed",
        "Account",
    ]  # fmt: skip
    assert f'<td class="field-sku">{product.sku}</td>' in html
    assert 'class="catalog-thumb"' in html
    assert "Refresh catalog</button>" in html and "Full refresh</button>" in html
    disabled = merchant_client.get(GRID, {"enabled__exact": "0"})
    assert [row.sku for row in disabled.context["cl"].result_list] == [off.sku]
    assert '<td class="field-status">Disabled</td>' in disabled.content.decode()


@pytest.fixture
def viewer(shop: Shop, client: Any, django_user_model: Any) -> Any:
    """A staff colleague who may see the account and the catalog, not change the account."""
    user = django_user_model.objects.create_user("viewer", password="a-long-test-password", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_catalogproduct"))
    shop.account.allowed_users.add(user)
    client.force_login(user)
    return client


def test_a_colleague_without_change_permission_sees_no_button_and_cannot_post(
    shop: Shop, viewer: Any
) -> None:
    html = viewer.get(GRID).content.decode()
    assert "Refresh catalog</button>" not in html
    assert 'class="catalog-refresh-progress"' in html
    assert viewer.post(_refresh_url(shop), {"full": "0"}).status_code == 403
    assert _progress(viewer, shop)["text"] == "Not refreshed yet."


def test_the_refresh_takes_a_post_and_an_account_the_user_may_see(
    shop: Shop, client: Any, django_user_model: Any
) -> None:
    user = django_user_model.objects.create_user("other", password="a-long-test-password", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_account", "view_catalogproduct"])
    )
    client.force_login(user)
    assert client.get(_refresh_url(shop)).status_code == 403
    assert client.post(_refresh_url(shop), {"full": "0"}).status_code == 404  # not granted this account
    progress = reverse("admin:catalog_catalogproduct_progress", args=[shop.account.pk])
    assert client.get(progress).status_code == 404
