"""A job that Magento (1 or 2) refuses pauses the account with the reason, as AliExpress refusals do;
a successful Magento connection test once the credentials are fixed resumes it."""

from __future__ import annotations

import httpx
import pytest
from django.core import mail
from django.urls import reverse

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.jobs.account_runner import account_job
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from tests.support.accounts import M2_TOKEN

from .test_magento1_choice import M1_URL


@account_job("tests.accounts.read_store_views")
def _read_store_views(run, account: Account) -> None:  # type: ignore[no-untyped-def]
    with api_clients.store(account) as store:
        run.note(f"{len(store.store_views())} store views")


def _run(account: Account) -> JobRun:
    _read_store_views.apply(kwargs={"account_id": account.pk}, throw=False)
    return JobRun.objects.filter(job_code="tests.accounts.read_store_views").latest("id")


def _paused_reason(account: Account) -> str:
    account.refresh_from_db()
    return account.paused_reason


HOW_TO_FIX = (
    "Check the Magento API user / integration and its role's permissions, fix them on the configuration "
    "page and press Test connection: a successful test resumes the jobs."
)


def test_a_refused_magento2_token_pauses_the_account_until_a_test_succeeds(merchant_client, account) -> None:
    Account.objects.filter(pk=account.pk).update(magento_token="revoked-integration-token")
    run = _run(account)
    assert run.status == JobStatus.ERROR
    assert _paused_reason(account) == (
        "Magento refused the connector's credentials (HTTP 401: The consumer isn't authorized to access "
        f"Magento_Backend::stores.). {HOW_TO_FIX}"
    )
    assert [m.subject for m in mail.outbox] == [f"[AliExpress connector] {account.name}: jobs paused"]
    assert _run(account).messages.startswith(f"Skipped: account {account.name} is paused: Magento refused")
    Account.objects.filter(pk=account.pk).update(magento_token=M2_TOKEN)
    merchant_client.post(reverse("admin:accounts_account_test_magento", args=[account.pk]))
    assert _paused_reason(account) == ""
    assert _run(account).status == JobStatus.SUCCESS


def test_a_refused_magento1_login_pauses_the_account(account) -> None:
    Account.objects.filter(pk=account.pk).update(
        platform="magento1",
        magento_base_url=M1_URL,
        magento1_api_user=DEMO_API_USER,
        magento1_api_key=DEMO_API_KEY + "-wrong",
    )
    with api_clients.route_to(M1_URL, httpx.WSGITransport(app=Magento1Sandbox())):
        run = _run(account)
    assert run.status == JobStatus.ERROR
    assert _paused_reason(account) == (
        f"Magento refused the connector's credentials (fault 2: Access denied.). {HOW_TO_FIX}"
    )


@pytest.mark.parametrize("kind", ["aliexpress", "magento"])
def test_a_test_connection_resumes_only_a_pause_for_magento(merchant_client, account, kind) -> None:
    reason = (
        "AliExpress refused the refresh token (x). Use Get Code."
        if kind == "aliexpress"
        else ("Magento refused the connector's credentials (HTTP 401: x). Fix them.")
    )
    Account.objects.filter(pk=account.pk).update(paused_reason=reason)
    merchant_client.post(reverse("admin:accounts_account_test_magento", args=[account.pk]))
    assert _paused_reason(account) == ("" if kind == "magento" else reason)
