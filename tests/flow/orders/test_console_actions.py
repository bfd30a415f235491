"""Manage Orders' buttons and actions on the sandboxes (jobs run eagerly once the request commits): Fetch
latest Aliexpress Orders and its progress, a second click while a run is under way, Fetch one order by
id, Retry now, Mark handled, and Delete — after which a new fetch of the order creates no second Magento
order."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from aliexpress_magento.activity.models import ActivityLog, JobRun, JobStatus
from aliexpress_magento.jobs.locks import account_lock
from aliexpress_magento.orders.models import AliExpressOrder, AttemptOutcome, ImportStatus, OrderAttempt
from aliexpress_magento.orders.selectors import due_for_import

from .conftest import Shop, later

GRID = reverse("admin:orders_aliexpressorder_changelist")
FAILED = reverse("admin:orders_failedorder_changelist")
JSON = {"Accept": "application/json"}


def _url(name: str, shop: Shop) -> str:
    return reverse(f"admin:{name}", args=[shop.account.pk])


def _progress(client: Any, shop: Shop) -> dict[str, Any]:
    return dict(client.get(_url("orders_progress", shop)).json())


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _logged(sub_type: str) -> list[str]:
    rows = ActivityLog.objects.filter(log_type="orders", log_sub_type=sub_type).order_by("pk")
    return [row.comment for row in rows]


def _failing_order(shop: Shop) -> AliExpressOrder:
    """One order whose SKU Magento lacks, failed once by a run."""
    shop.sell({"NOT-YET-IN-MAGENTO": 5})
    (order_id,) = shop.place(1)
    shop.run()
    failed = shop.claims()[order_id]
    assert failed.status == ImportStatus.FAILED
    return failed


def test_fetch_latest_queues_the_job_and_its_progress_ends_with_the_result(
    shop: Shop, merchant_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(2), 30))
    placed = shop.place(2)
    assert _progress(merchant_client, shop)["text"] == "Not fetched yet."

    with django_capture_on_commit_callbacks(execute=True):
        answer = merchant_client.post(_url("orders_fetch", shop), headers=JSON)

    assert answer.json() == {
        "queued": True,
        "message": "Fetch latest Aliexpress Orders of Demo shop is queued.",
    }
    run = JobRun.objects.get(job_code="orders.fetch")
    assert (run.status, run.account_id) == (JobStatus.SUCCESS, shop.account.pk)
    assert sorted(shop.claims()) == sorted(placed)
    assert shop.magento_orders() == 2
    progress = _progress(merchant_client, shop)
    assert (progress["busy"], progress["phase"], progress["done"], progress["total"]) == (False, "", 2, 2)
    assert progress["text"] == "Done: 2 orders listed, 2 new, 0 changed; import: 2 created."
    assert _logged("request") == ["Fetch latest Aliexpress Orders requested."]


def test_a_second_click_while_a_run_is_under_way_says_so_and_queues_nothing(
    shop: Shop, merchant_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with account_lock(shop.account.pk, "orders.fetch"):
        assert (
            _progress(merchant_client, shop)["text"] == "Running: an order run of this account is under way"
        )
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = merchant_client.post(_url("orders_fetch", shop), follow=True)
    assert _messages(response) == ["An order fetch of Demo shop is already running: see its progress."]
    assert (callbacks, JobRun.objects.count()) == ([], 0)

    JobRun.objects.create(job_code="orders.fetch", account=shop.account)  # queued, no worker yet
    assert _progress(merchant_client, shop)["text"] == "Queued: waiting for a worker to start the run"
    again = merchant_client.post(_url("orders_fetch", shop), headers=JSON).json()
    assert again == {
        "queued": False,
        "message": "An order fetch of Demo shop is already queued: see its progress.",
    }


def test_fetch_one_order_by_id_queues_its_job_which_imports_it(
    shop: Shop, merchant_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(1), 30))
    (order_id,) = shop.place(1)

    with django_capture_on_commit_callbacks(execute=True):
        response = merchant_client.post(
            _url("orders_fetch_one", shop), {"order_id": str(order_id)}, follow=True
        )
    with django_capture_on_commit_callbacks(execute=True) as refused:
        bad = merchant_client.post(_url("orders_fetch_one", shop), {"order_id": "12ab"}, follow=True)

    assert _messages(response) == [f"AliExpress order {order_id} of Demo shop is queued to be fetched."]
    run = JobRun.objects.get(job_code="orders.fetch_one")
    assert run.status == JobStatus.SUCCESS
    assert run.messages == f"Demo shop: AliExpress order {order_id}: created."
    assert shop.claims()[order_id].status == ImportStatus.IMPORTED
    assert shop.magento_orders() == 1
    assert _progress(merchant_client, shop)["text"] == f"AliExpress order {order_id}: created."
    assert _messages(bad) == ["Enter an AliExpress order id: its digits only."]
    assert refused == []
    assert _logged("request") == [f"Fetch of AliExpress order {order_id} requested."]


@pytest.mark.parametrize("shop", ["magento2"], indirect=True)
def test_retry_now_imports_a_failed_order_once_the_product_exists(
    shop: Shop, merchant_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    failed = _failing_order(shop)
    (known,) = shop.salable_simples(1)
    shop.magento.add_product_like(known, "NOT-YET-IN-MAGENTO")
    shop.set_stock("NOT-YET-IN-MAGENTO", 10)
    chosen = {"action": "retry_now", "_selected_action": [failed.pk], "index": "0"}

    with django_capture_on_commit_callbacks(execute=True):
        response = merchant_client.post(FAILED, chosen, follow=True)

    assert _messages(response) == ["1 order is due again; its import is queued."]
    retried = AliExpressOrder.objects.get(pk=failed.pk)
    assert (retried.status, retried.attempts, retried.failure_reason) == (ImportStatus.IMPORTED, 2, "")
    assert shop.magento_orders() == 1
    assert JobRun.objects.get(job_code="orders.import").messages == "Demo shop: Import: 1 created."
    assert _progress(merchant_client, shop)["text"] == "Import: 1 created."
    assert _logged("retry") == [
        f"Retry now: AliExpress order {failed.aliexpress_order_id} is due for import again."
    ]
    assert response.context["cl"].result_count == 0  # the failed grid is empty again


def test_mark_handled_takes_the_order_off_the_failed_grid_and_off_the_retries(
    shop: Shop, merchant_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    failed = _failing_order(shop)
    chosen = {"action": "mark_handled", "_selected_action": [failed.pk], "index": "0"}

    with account_lock(shop.account.pk, "orders.fetch"):
        busy = merchant_client.post(FAILED, chosen, follow=True)
    assert AliExpressOrder.objects.get(pk=failed.pk).status == ImportStatus.FAILED
    assert _messages(busy)[-1] == (
        "Nothing done for Demo shop: an order run is under way; try again once it ends."
    )
    done = merchant_client.post(FAILED, chosen, follow=True)

    handled = AliExpressOrder.objects.get(pk=failed.pk)
    assert (handled.status, handled.next_retry_at) == (ImportStatus.HANDLED, None)
    assert handled.handled_at is not None
    assert _messages(done)[0].startswith("1 orders marked handled: they are not retried any more")
    assert done.context["cl"].result_count == 0
    assert not due_for_import(shop.account, later(60)).exists()
    shop.run(later(16))  # the retry would have been due: nothing is tried
    assert AliExpressOrder.objects.get(pk=failed.pk).attempts == 1
    with django_capture_on_commit_callbacks(execute=True):
        merchant_client.post(_url("orders_fetch_one", shop), {"order_id": str(failed.aliexpress_order_id)})
    assert JobRun.objects.get(job_code="orders.fetch_one").messages == (
        f"Demo shop: AliExpress order {failed.aliexpress_order_id} is marked handled: not fetched "
        "(Retry now on View Aliexpress Orders makes it due again)."
    )
    assert AliExpressOrder.objects.get(pk=failed.pk).status == ImportStatus.HANDLED
    grid = merchant_client.get(GRID, {"filter_status": "handled"})
    assert [row.pk for row in grid.context["cl"].result_list] == [failed.pk]
    assert _logged("handled") == [
        f"AliExpress order {failed.aliexpress_order_id} marked handled: it is not retried any more."
    ]


def test_delete_asks_first_and_a_new_fetch_of_the_order_creates_no_second_magento_order(
    shop: Shop, merchant_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A claim row whose order Magento already has (an attempt placed it, then the row was left failed,
    e.g. the answer was lost): deleting it and fetching the order again links the Magento order found by
    its external id; nothing is created twice."""
    shop.sell(dict.fromkeys(shop.salable_simples(1), 30))
    (order_id,) = shop.place(1)
    shop.run()
    assert shop.magento_orders() == 1
    AliExpressOrder.objects.filter(aliexpress_order_id=order_id).update(
        status=ImportStatus.FAILED, failure_reason="Magento's answer was lost."
    )
    row = AliExpressOrder.objects.get(aliexpress_order_id=order_id)
    chosen = {"action": "delete_orders", "_selected_action": [row.pk], "index": "0"}

    confirm = merchant_client.post(FAILED, chosen)
    assert confirm.status_code == 200
    assert "An order Magento already has is found by its AliExpress order id" in confirm.content.decode()
    assert AliExpressOrder.objects.filter(pk=row.pk).exists()
    done = merchant_client.post(FAILED, {**chosen, "confirm": "Yes, delete"}, follow=True)
    assert _messages(done) == ["1 failed orders deleted."]
    assert not AliExpressOrder.objects.filter(aliexpress_order_id=order_id).exists()
    assert not OrderAttempt.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        merchant_client.post(_url("orders_fetch_one", shop), {"order_id": str(order_id)})

    again = AliExpressOrder.objects.get(aliexpress_order_id=order_id)
    assert again.status == ImportStatus.IMPORTED
    assert shop.magento_orders() == 1
    assert list(OrderAttempt.objects.filter(order=again).values_list("outcome", flat=True)) == [
        AttemptOutcome.FOUND
    ]
    assert _logged("delete") == [
        f"AliExpress order {order_id} deleted: a later fetch that lists it again claims it anew."
    ]


@pytest.mark.parametrize("shop", ["magento2"], indirect=True)
def test_a_disabled_account_is_not_fetched_and_retrying_an_imported_order_does_nothing(
    shop: Shop, merchant_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(1), 30))
    shop.place(1)
    shop.run()
    imported = AliExpressOrder.objects.get()
    retry = {"action": "retry_now", "_selected_action": [imported.pk], "index": "0"}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = merchant_client.post(GRID, retry, follow=True)
    assert _messages(response) == ["None of the selected orders is failed or handled: nothing to retry."]
    assert AliExpressOrder.objects.get().status == ImportStatus.IMPORTED

    shop.account.enabled = False
    shop.account.save()
    with django_capture_on_commit_callbacks(execute=True) as more:
        answer = merchant_client.post(_url("orders_fetch", shop), headers=JSON).json()
        one = merchant_client.post(_url("orders_fetch_one", shop), {"order_id": "5"}, headers=JSON).json()
    disabled = "Demo shop is disabled (Configuration → Enabled): nothing fetched."
    assert answer == one == {"queued": False, "message": disabled}
    assert (callbacks, more, JobRun.objects.count()) == ([], [], 0)
