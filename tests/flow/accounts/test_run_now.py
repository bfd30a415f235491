"""The dashboard's **Run now** on a job row: the job is queued at once (after the request commits), the
click is in the Activity Logs, and a job with a run still queued or running is not queued twice."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog, JobRun, JobStatus
from aliexpress_magento.jobs import scheduling

INDEX = reverse("admin:index")


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """What Run now sends to the broker (job name, kwargs), instead of running it."""
    sent: list[tuple[str, dict[str, Any]]] = []

    class Signature:
        def __init__(self, name: str, kwargs: dict[str, Any]) -> None:
            self.name, self.kwargs = name, kwargs

        def apply_async(self) -> None:
            sent.append((self.name, self.kwargs))

    monkeypatch.setattr(scheduling.app, "signature", Signature)
    return sent


def _run_now(client: Any, account: Account, job: str) -> Any:
    return client.post(reverse("admin:accounts_account_run_now", args=[account.pk, job]), follow=True)


def test_the_dashboard_offers_run_now_on_each_job_row(merchant_client, account: Account) -> None:
    html = merchant_client.get(INDEX).content.decode()
    action = reverse("admin:accounts_account_run_now", args=[account.pk, "orders.sync_shipments"])
    assert f'<form method="post" action="{action}">' in html


def test_run_now_queues_the_job_once_the_request_commits_and_logs_the_click(
    merchant_client, account: Account, queued, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page = _run_now(merchant_client, account, "orders.sync_shipments")
    assert queued == [("orders.sync_shipments", {"account_id": account.pk})]
    message = f"Shipment Sync Cron of {account.name} is queued; its run shows below and in Cron Logs."
    assert message in page.content.decode()
    entry = ActivityLog.objects.get(log_sub_type="run_now")
    assert (entry.log_type, entry.comment, entry.account_id) == ("cron", message, account.pk)


def test_a_job_already_queued_or_running_is_not_queued_again(
    merchant_client, account: Account, queued, django_capture_on_commit_callbacks
) -> None:
    JobRun.objects.create(
        job_code="listings.sync_price", account=account, status=JobStatus.RUNNING, scheduled_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        page = _run_now(merchant_client, account, "listings.sync_price")
    assert queued == []
    assert f"Price Cron of {account.name} is already queued or running." in page.content.decode()
    assert not ActivityLog.objects.filter(log_sub_type="run_now").exists()


def test_an_unknown_job_and_a_get_are_refused(merchant_client, account: Account, queued) -> None:
    page = _run_now(merchant_client, account, "orders.nothing")
    assert "No scheduled job orders.nothing in this version." in page.content.decode()
    url = reverse("admin:accounts_account_run_now", args=[account.pk, "orders.fetch"])
    assert merchant_client.get(url).status_code == 403
    assert queued == []
