"""A staff user granted one account logs in and the dashboard shows that account only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import Page, expect

from tests.support.accounts import make_account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-agent-password"
# Nothing is called on these hosts: the dashboard reads the database only.
AE_URL, M2_URL = "https://ae.unused.test", "https://shop.unused.test"


def test_a_restricted_user_sees_only_the_granted_account_on_the_dashboard(
    page: Page, live_server, django_user_model
) -> None:
    shop_a = make_account(AE_URL, M2_URL, name="Shop A")
    make_account(AE_URL, M2_URL, name="Shop B")
    agent = django_user_model.objects.create_user("agent", password=PASSWORD, is_staff=True)
    agent.user_permissions.add(Permission.objects.get(codename="view_account"))
    shop_a.allowed_users.add(agent)

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "agent")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")

    cards = page.locator(".account-card h2")
    expect(cards).to_have_text(["Shop A"])
    expect(page.locator("#content-main")).not_to_contain_text("Shop B")
    page.click(".account-card h2 a")
    expect(page.locator(".field-name .readonly")).to_have_text("Shop A")  # view permission: read-only
