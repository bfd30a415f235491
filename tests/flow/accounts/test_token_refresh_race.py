"""Two scheduled token refreshes of one account on two real threads, interleaved: the second finds the
first one's lock and skips, instead of sending the refresh token the first is spending (AliExpress
refuses it, which used to pause the account and e-mail the owner)."""

from __future__ import annotations

import threading
from datetime import timedelta

import httpx
import pytest
from django.core import mail
from django.db import connections as db_connections
from django.utils import timezone

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.tasks import refresh_token
from aliexpress_magento.activity.models import JobRun, JobStatus

from .conftest import AE_URL, authorize

REFRESH_PATH = "/rest/auth/token/refresh"


class HoldFirstRefresh(httpx.BaseTransport):
    """The sandbox, except that the answer to the first token refresh is held until ``release``: the
    first worker has spent the refresh token but not stored the new one yet."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.first_sent, self.release = threading.Event(), threading.Event()
        self.refreshes = 0
        self._count = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path.endswith(REFRESH_PATH):
            with self._count:
                self.refreshes += 1
                first = self.refreshes == 1
            if first:
                response.read()
                self.first_sent.set()
                assert self.release.wait(timeout=30), "the test never released the first refresh"
        return response


def _run_in_thread(account_id: int) -> threading.Thread:
    def work() -> None:
        try:
            refresh_token.apply(kwargs={"account_id": account_id}, throw=False)
        finally:
            db_connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=work)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
def test_two_interleaved_refreshes_leave_the_account_connected(account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    Account.objects.filter(pk=account.pk).update(access_token_expires_at=timezone.now() + timedelta(days=1))
    transport = HoldFirstRefresh(httpx.WSGITransport(app=ae_sandbox))
    with api_clients.route_to(AE_URL, transport):
        first = _run_in_thread(account.pk)
        assert transport.first_sent.wait(timeout=30)
        try:
            refresh_token.apply(kwargs={"account_id": account.pk}, throw=False)  # the second worker
        finally:
            transport.release.set()
            first.join(timeout=30)
        account.refresh_from_db()
        with api_clients.aliexpress(account) as client:  # the stored tokens are the live ones
            assert client.merchant.profile_get().shop_name
    assert not first.is_alive()
    account.refresh_from_db()
    assert (account.paused_reason, account.paused_at) == ("", None)
    assert mail.outbox == []
    assert transport.refreshes == 1
    refreshed, skipped = JobRun.objects.filter(job_code="accounts.refresh_token").order_by("executed_at")
    assert (refreshed.status, skipped.status) == (JobStatus.SUCCESS, JobStatus.SUCCESS)
    assert refreshed.messages.startswith(f"{account.name}: refreshed; expires ")
    assert skipped.messages.startswith(
        f"{account.name}: skipped: another run holds the lock 'accounts.refresh_token' since "
    )
