"""Get Code → the sandbox's consent page → the callback stores the tokens; the state is signed,
single-use, short-lived and bound to the user who clicked."""

from __future__ import annotations

import time
from unittest import mock
from urllib.parse import parse_qs, urlsplit

from django.core import signing
from django.urls import reverse

from aliexpress_magento.accounts.models import Account, AuthorizationRequest
from aliexpress_magento.accounts.services import oauth
from aliexpress_magento.activity.models import ActivityLog, Level

from .conftest import AE_URL, APP_KEY, consent

CALLBACK = "/aliexpress/callback/"


def _get_code(client, account: Account) -> str:  # type: ignore[no-untyped-def]
    answer = client.post(reverse("admin:accounts_account_get_code", args=[account.pk]))
    assert answer.status_code == 302
    return str(answer["Location"])


def test_get_code_redirects_to_the_consent_page_with_a_signed_state(merchant_client, account) -> None:
    location = _get_code(merchant_client, account)
    parts = urlsplit(location)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{AE_URL}/oauth/authorize"
    assert (query["response_type"], query["client_id"]) == ("code", APP_KEY)
    assert query["redirect_uri"] == f"http://testserver{CALLBACK}"
    payload = signing.loads(query["state"], salt=oauth.STATE_SALT)
    grant = AuthorizationRequest.objects.get()
    assert payload == {"a": account.pk, "n": grant.nonce}
    assert grant.used_at is None


def test_the_callback_stores_the_tokens_and_says_who_authorized(merchant_client, account, ae_sandbox) -> None:
    code, state = consent(ae_sandbox, _get_code(merchant_client, account))
    answer = merchant_client.get(CALLBACK, {"code": code, "state": state}, follow=True)
    assert answer.redirect_chain[-1][0] == reverse("admin:accounts_account_change", args=[account.pk])
    account.refresh_from_db()
    assert account.access_token and account.refresh_token
    assert account.seller_id and account.access_token_expires_at and account.refresh_token_expires_at
    said = [str(m) for m in answer.context["messages"]]
    assert said == [f"Authorized by AliExpress seller {account.seller_login}."]
    entry = ActivityLog.objects.get(log_type="oauth")
    assert (entry.level, entry.account_id) == (Level.SUCCESS, account.pk)


def test_a_replayed_state_is_refused_and_the_tokens_stay(merchant_client, account, ae_sandbox) -> None:
    code, state = consent(ae_sandbox, _get_code(merchant_client, account))
    merchant_client.get(CALLBACK, {"code": code, "state": state}, follow=True)
    account.refresh_from_db()
    first_token = account.access_token
    answer = merchant_client.get(CALLBACK, {"code": code, "state": state}, follow=True)
    said = [str(m) for m in answer.context["messages"]]
    assert said == ["This authorization answer was already used or is unknown; click Get Code again."]
    account.refresh_from_db()
    assert account.access_token == first_token
    refused = ActivityLog.objects.filter(log_type="oauth", level=Level.ERROR).get()
    assert "already used" in refused.comment


def test_a_forged_state_is_refused_before_any_exchange(merchant_client, account, ae_sandbox) -> None:
    code, state = consent(ae_sandbox, _get_code(merchant_client, account))
    forged = signing.dumps({"a": account.pk, "n": "guessed"}, salt="some-other-salt")
    answer = merchant_client.get(CALLBACK, {"code": code, "state": forged}, follow=True)
    said = [str(m) for m in answer.context["messages"]]
    assert said == ["The authorization answer was not started here (bad state); it was refused."]
    account.refresh_from_db()
    assert account.access_token == ""
    # The code was never spent: the real state still works.
    merchant_client.get(CALLBACK, {"code": code, "state": state})
    account.refresh_from_db()
    assert account.access_token


def test_an_old_state_is_refused(merchant_client, account, ae_sandbox) -> None:
    long_ago = time.time() - oauth.STATE_MAX_AGE.total_seconds() - 60
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        location = _get_code(merchant_client, account)
    code, state = consent(ae_sandbox, location)
    answer = merchant_client.get(CALLBACK, {"code": code, "state": state}, follow=True)
    assert [str(m) for m in answer.context["messages"]] == [
        "The authorization took too long; click Get Code again."
    ]


def test_another_users_state_is_refused(
    merchant_client, account, ae_sandbox, django_user_model, client
) -> None:
    code, state = consent(ae_sandbox, _get_code(merchant_client, account))
    other = django_user_model.objects.create_superuser("colleague", password="another-long-password")
    client.force_login(other)
    answer = client.get(CALLBACK, {"code": code, "state": state}, follow=True)
    assert [str(m) for m in answer.context["messages"]] == [
        "This authorization was started by another user; it was refused."
    ]
    account.refresh_from_db()
    assert account.access_token == ""


def test_the_callback_needs_a_login(client, account) -> None:
    answer = client.get(CALLBACK, {"code": "x", "state": "y"})
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("admin:login"))


def test_a_denied_consent_is_reported(merchant_client, account) -> None:
    answer = merchant_client.get(CALLBACK, {"error": "access_denied"}, follow=True)
    assert [str(m) for m in answer.context["messages"]] == ["AliExpress did not authorize: access_denied."]


def test_get_token_exchanges_a_pasted_code(merchant_client, account, ae_sandbox) -> None:
    url = reverse("admin:accounts_account_get_token", args=[account.pk])
    page = merchant_client.get(url)
    assert b"Authorization code" in page.content
    code = ae_sandbox.grant_code("https://elsewhere.example/callback")
    answer = merchant_client.post(url, {"code": code}, follow=True)
    assert [str(m) for m in answer.context["messages"]] == ["Tokens received from AliExpress and stored."]
    account.refresh_from_db()
    assert account.access_token


def test_get_token_with_a_bad_code_says_what_aliexpress_answered(merchant_client, account) -> None:
    url = reverse("admin:accounts_account_get_token", args=[account.pk])
    page = merchant_client.post(url, {"code": "not-a-code"})
    assert page.status_code == 200
    error = page.context["error"]
    assert error.startswith("AliExpress error InvalidCode: ")
    assert (
        ActivityLog.objects.get(log_type="oauth", level=Level.ERROR).comment
        == f"Authorization refused: {error}"
    )


def test_behind_a_proxy_the_redirect_uri_uses_public_url(merchant_client, account, settings) -> None:
    settings.PUBLIC_URL = "https://connector.example.com"
    location = _get_code(merchant_client, account)
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    assert query["redirect_uri"] == "https://connector.example.com/aliexpress/callback/"
    page = merchant_client.get(reverse("admin:accounts_account_change", args=[account.pk])).content.decode()
    assert "<code>https://connector.example.com/aliexpress/callback/</code>" in page


def test_get_token_without_a_code_says_what_to_paste(merchant_client, account) -> None:
    url = reverse("admin:accounts_account_get_token", args=[account.pk])
    page = merchant_client.post(url, {"code": "  "})
    assert page.context["error"] == "Paste the code AliExpress added to the redirect URI (…?code=…)."
    account.refresh_from_db()
    assert account.access_token == ""
