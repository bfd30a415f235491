"""Test connection buttons and the lists fetched for the page: success, and each kind of failure named."""

from __future__ import annotations

import socket
import ssl

import httpx
import pytest
from django.urls import reverse

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog, Level

from .conftest import authorize

BROKEN = "https://broken.example"


def _press(client, account: Account, action: str) -> list[str]:  # type: ignore[no-untyped-def]
    answer = client.post(reverse(f"admin:accounts_account_{action}", args=[account.pk]), follow=True)
    assert answer.redirect_chain[-1][0] == reverse("admin:accounts_account_change", args=[account.pk])
    return [str(m) for m in answer.context["messages"]]


def test_aliexpress_success_names_the_shop(merchant_client, account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    said = _press(merchant_client, account, "test_aliexpress")
    assert len(said) == 1 and said[0].startswith("Connected to AliExpress as ")
    entry = ActivityLog.objects.get(log_type="connection")
    assert (entry.level, entry.log_sub_type, entry.account_id) == (Level.SUCCESS, "aliexpress", account.pk)


def test_aliexpress_before_get_code_says_so(merchant_client, account) -> None:
    assert _press(merchant_client, account, "test_aliexpress") == ["No access token yet: click Get Code."]


def test_aliexpress_with_a_wrong_secret_names_the_keys(merchant_client, account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    account.app_secret = "not-the-secret-at-all"
    account.save()
    (said,) = _press(merchant_client, account, "test_aliexpress")
    assert said.startswith("Authentication: check the App key and Secret key (IncompleteSignature")


def test_aliexpress_with_an_expired_token_that_cannot_refresh(merchant_client, account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    account.access_token, account.refresh_token = "revoked-access-token", "revoked-refresh-token"
    account.save()
    (said,) = _press(merchant_client, account, "test_aliexpress")
    assert said.startswith("Authentication: ")
    assert said.endswith("Use Get Code to authorize again.")


def test_magento_success_names_the_store_view(merchant_client, account) -> None:
    assert _press(merchant_client, account, "test_magento") == [
        "Connected to Magento: store view Default Store View (default), website base, USD, UTC."
    ]


def test_magento_with_a_wrong_token_explains_the_401(merchant_client, account) -> None:
    account.magento_token = "wrong-token-wrong-token"
    account.save()
    (said,) = _press(merchant_client, account, "test_magento")
    assert said.startswith("Authentication or permissions: The consumer isn't authorized to access ")
    assert "Allow OAuth Access Tokens to be used as standalone Bearer tokens = Yes" in said


def test_magento_with_an_unknown_store_view_lists_the_real_ones(merchant_client, account) -> None:
    account.store_view_code = "german"
    account.save()
    (said,) = _press(merchant_client, account, "test_magento")
    assert said == "Connected, but the store view 'german' does not exist (Magento has: default, french)."


def _failing(cause: BaseException) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(str(cause), request=request) from cause

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    ("transport", "expected"),
    [
        (
            _failing(socket.gaierror(-2, "Name or service not known")),
            "DNS: the host name broken.example could not be resolved. Check the URL.",
        ),
        (
            _failing(
                ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate has expired")
            ),
            "TLS: the secure connection to broken.example failed",
        ),
        (
            _failing(ConnectionRefusedError(111, "Connection refused")),
            "Connection: broken.example refused the connection or is unreachable. Is the server running?",
        ),
        (
            httpx.MockTransport(lambda request: httpx.Response(503, text="<html>Service Unavailable</html>")),
            "HTTP 503: ",
        ),
    ],
)
def test_network_failures_are_named(merchant_client, account, transport, expected) -> None:
    account.magento_base_url = BROKEN
    account.save()
    with api_clients.route_to(BROKEN, transport):
        (said,) = _press(merchant_client, account, "test_magento")
    assert said.startswith(expected), said
    assert ActivityLog.objects.get(log_type="connection").comment == f"Magento connection test: {said}"


def test_load_lists_fills_the_pages_choices(merchant_client, account, ae_sandbox) -> None:
    authorize(ae_sandbox, account)
    assert _press(merchant_client, account, "refresh_lists") == ["Lists loaded from AliExpress and Magento."]
    account.refresh_from_db()
    choices = account.remote_choices
    assert [v["code"] for v in choices["store_views"]] == ["default", "french"]
    assert ["checkmo", "Check / Money order"] in choices["methods"]["payment"]
    assert any(code == "flatrate_flatrate" for code, _ in choices["methods"]["shipping"])
    assert choices["freight_templates"] and choices["service_templates"] and choices["logistics_services"]
    assert choices["errors"] == {}
    html = merchant_client.get(reverse("admin:accounts_account_change", args=[account.pk])).content.decode()
    assert '<option value="checkmo">Check / Money order</option>' in html
    service, label = choices["logistics_services"][0]
    assert f'<option value="{service}">{label}</option>' in html


def test_a_list_that_fails_leaves_the_others_and_says_why(merchant_client, account) -> None:
    said = _press(merchant_client, account, "refresh_lists")  # no AliExpress token: only Magento lists
    assert said == ["Lists loaded from AliExpress and Magento."]
    account.refresh_from_db()
    account.magento_base_url = BROKEN
    account.save()
    with api_clients.route_to(BROKEN, _failing(socket.gaierror(-2, "Name or service not known"))):
        said = _press(merchant_client, account, "refresh_lists")
    dns = "DNS: the host name broken.example could not be resolved. Check the URL."
    assert said == [f"Store views: {dns}", f"Methods: {dns}"]
    account.refresh_from_db()
    assert [v["code"] for v in account.remote_choices["store_views"]] == [
        "default",
        "french",
    ]  # the last good list stays


def test_magento_through_oauth1_signatures(merchant_client, account) -> None:
    Account.objects.filter(pk=account.pk).update(
        magento_auth="oauth1",
        magento_consumer_key="demo-consumer-key",
        magento_consumer_secret="demo-consumer-secret",
        magento_access_token="demo-integration-token-0123456789",
        magento_access_token_secret="demo-access-token-secret",
    )
    (said,) = _press(merchant_client, account, "test_magento")
    assert said.startswith("Connected to Magento: store view Default Store View")
    Account.objects.filter(pk=account.pk).update(magento_access_token_secret="wrong-secret")
    (said,) = _press(merchant_client, account, "test_magento")
    # Magento's own answer to a wrong secret (recorded: second-store/oauth1.space_in_query.plus).
    assert said.startswith(
        "Authentication: Magento refused the credentials (The signature is invalid. Verify and try again.)"
    )


def test_magento_through_an_admin_token(merchant_client, account) -> None:
    Account.objects.filter(pk=account.pk).update(
        magento_auth="admin", magento_username="admin", magento_password="admin-password-1"
    )
    (said,) = _press(merchant_client, account, "test_magento")
    assert said.startswith("Connected to Magento: ")
    Account.objects.filter(pk=account.pk).update(magento_password="wrong-password")
    (said,) = _press(merchant_client, account, "test_magento")
    assert said.startswith(
        "Authentication: Magento refused the credentials (The account sign-in was incorrect"
    )


HOSTILE_PAGE = "<html><body><script>alert('owned')</script>" + "Internal error. " * 20_000 + "</body></html>"


def _hostile_magento() -> httpx.MockTransport:
    """A store (or a proxy before it) answering a 400 whose message is a huge HTML page with a script."""
    return httpx.MockTransport(lambda request: httpx.Response(400, json={"message": HOSTILE_PAGE}))


def test_a_huge_hostile_answer_is_quoted_short_and_escaped(merchant_client, account) -> None:
    account.magento_base_url = BROKEN
    account.save()
    with api_clients.route_to(BROKEN, _hostile_magento()):
        (said,) = _press(merchant_client, account, "test_magento")
    # the kind first, then at most EXCERPT_CHARS of what the remote said
    quoted = said.removeprefix("HTTP 400: ")
    assert quoted != said
    assert (len(quoted), quoted[:43], quoted[-1]) == (200, "<html><body><script>alert('owned')</script>", "…")
    assert ActivityLog.objects.get(log_type="connection").comment == f"Magento connection test: {said}"
    page = merchant_client.get(reverse("admin:accounts_account_change", args=[account.pk]))
    assert page.status_code == 200  # the message was shown on the redirect; the log page shows it again
    log = merchant_client.get(reverse("admin:activity_activitylog_changelist")).content.decode()
    assert "<script>alert(" not in log
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in log


def test_a_hostile_list_failure_is_quoted_short_and_escaped_on_the_page(merchant_client, account) -> None:
    account.magento_base_url = BROKEN
    account.save()
    with api_clients.route_to(BROKEN, _hostile_magento()):
        answer = merchant_client.post(
            reverse("admin:accounts_account_refresh_lists", args=[account.pk]), follow=True
        )
    account.refresh_from_db()
    problem = account.remote_choices["errors"]["store_views"]
    assert len(problem.removeprefix("HTTP 400: ")) == 200
    html = (
        answer.content.decode()
        + merchant_client.get(reverse("admin:accounts_account_change", args=[account.pk])).content.decode()
    )
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in html
    assert "Internal error. " * 20 not in html


def test_load_lists_reads_the_stores_rates_when_they_are_the_rate_source(
    merchant_client, account, m2_sandbox
) -> None:
    m2_sandbox.set_currency_rate("EUR", 0.9213)
    account.rate_source = "store"
    account.save()

    said = _press(merchant_client, account, "refresh_lists")  # no AliExpress token: only Magento lists

    assert said == ["Lists loaded from AliExpress and Magento."]
    account.refresh_from_db()
    kept = account.store_rates
    assert (kept["base"], kept["rates"]) == ("USD", {"EUR": "0.9213", "USD": "1.0"})
    read_at = kept["read_at"]
    account.magento_base_url = BROKEN
    account.save()
    with api_clients.route_to(BROKEN, _failing(socket.gaierror(-2, "Name or service not known"))):
        said = _press(merchant_client, account, "refresh_lists")
    dns = "DNS: the host name broken.example could not be resolved. Check the URL."
    assert said == [f"Store views: {dns}", f"Methods: {dns}", f"Currency rates: {dns}"]
    account.refresh_from_db()
    assert (account.store_rates["rates"]["EUR"], account.store_rates["read_at"]) == ("0.9213", read_at)
    assert account.store_rates["error"] == dns  # beside the rates read before, which stay in use
