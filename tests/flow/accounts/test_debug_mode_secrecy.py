"""Debug mode logs the API traffic; no secret or token may appear in a log line or a page, ever."""

from __future__ import annotations

import logging

from django.urls import reverse

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.common.debuglog import REDACTED, redact

from .conftest import consent


def _secrets(account: Account, *extra: str) -> set[str]:
    account.refresh_from_db()
    values = {
        account.app_secret,
        account.access_token,
        account.refresh_token,
        account.magento_token,
        account.magento_password,
        *extra,
    }
    return {v for v in values if v}


def test_a_whole_session_in_debug_mode_leaks_nothing(merchant_client, account, ae_sandbox, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    Account.objects.filter(pk=account.pk).update(debug_mode=True)
    seen: set[str] = set()
    bodies: list[str] = []

    def visit(response) -> None:  # type: ignore[no-untyped-def]
        bodies.append(response.content.decode())
        seen.update(_secrets(account))

    get_code = merchant_client.post(reverse("admin:accounts_account_get_code", args=[account.pk]))
    code, state = consent(ae_sandbox, get_code["Location"])
    visit(merchant_client.get("/aliexpress/callback/", {"code": code, "state": state}, follow=True))
    for action in ("test_aliexpress", "test_magento", "refresh_lists"):
        visit(
            merchant_client.post(reverse(f"admin:accounts_account_{action}", args=[account.pk]), follow=True)
        )
    second = ae_sandbox.grant_code("https://elsewhere.example/callback")
    token_page = reverse("admin:accounts_account_get_token", args=[account.pk])
    visit(merchant_client.post(token_page, {"code": second}, follow=True))
    visit(merchant_client.get(reverse("admin:index")))
    visit(merchant_client.get(reverse("admin:activity_activitylog_changelist")))

    api_lines = [r.getMessage() for r in caplog.records if r.name == "aliexpress_magento.api"]
    assert any("/rest/auth/token/create" in line for line in api_lines)  # debug mode did log the traffic
    assert any("/V1/store/storeViews" in line for line in api_lines)
    assert any(REDACTED in line for line in api_lines)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in seen | {code, second}:
        assert secret not in logged, "a secret reached the log"
        assert all(secret not in body for body in bodies), "a secret reached a page"


def test_the_admin_token_and_password_are_redacted_too(merchant_client, account, caplog) -> None:
    caplog.set_level(logging.INFO, logger="aliexpress_magento.api")
    Account.objects.filter(pk=account.pk).update(
        debug_mode=True, magento_auth="admin", magento_username="admin", magento_password="admin-password-1"
    )
    merchant_client.post(reverse("admin:accounts_account_test_magento", args=[account.pk]))
    lines = [r.getMessage() for r in caplog.records if r.name == "aliexpress_magento.api"]
    token_answers = [
        line for line in lines if line.startswith("← 200") and "/integration/admin/token" in line
    ]
    assert token_answers and all(line.endswith(REDACTED) for line in token_answers)
    assert not any("admin-password-1" in line for line in lines)


def test_redact_catches_secret_parameters_it_was_not_told_about() -> None:
    line = (
        'code=4_500_abc&sign=ABCDEF&app_key=501234 {"access_token": "50000aaa", '
        + '"code": "0", "expire_time": 1}'
    )
    assert redact(line) == (
        f'code={REDACTED}&sign={REDACTED}&app_key=501234 {{"access_token": "{REDACTED}", "code": "0", '
        '"expire_time": 1}'
    )
    assert redact("secret+with/slash%", ["secret+with/slash"]) == f"{REDACTED}%"
    assert redact("x=secret%2Bwith%2Fslash", ["secret+with/slash"]) == f"x={REDACTED}"
