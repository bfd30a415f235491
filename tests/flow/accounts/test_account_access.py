"""Who sees which account: a staff user granted Shop A (directly or through a group) sees Shop A only,
on the dashboard, in Configuration, in Cron Logs and Activity Logs, and can neither run nor truncate
anything of Shop B; superusers see every account and the system rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from aliexpress_magento.accounts.models import Account, AuthorizationRequest
from aliexpress_magento.activity import services
from aliexpress_magento.activity.models import ActivityLog, JobRun, JobStatus, Level
from tests.support.accounts import make_account

from .conftest import AE_URL, M2_URL, consent
from .test_configuration_page import form_data

PASSWORD = "a-long-agent-password"
INDEX = reverse("admin:index")
ACCOUNTS = reverse("admin:accounts_account_changelist")
CRON = reverse("admin:activity_jobrun_changelist")
ACTIVITY = reverse("admin:activity_activitylog_changelist")
AGENT_PERMISSIONS = (
    "view_account",
    "change_account",
    "view_jobrun",
    "delete_jobrun",
    "view_activitylog",
    "delete_activitylog",
)
ACCOUNT_ACTIONS = ("get_code", "get_token", "test_aliexpress", "test_magento", "refresh_lists")


@dataclass(frozen=True)
class Shops:
    a: Account
    b: Account


@pytest.fixture
def shops(db, routed) -> Shops:  # type: ignore[no-untyped-def]
    """Two accounts, each with one finished cron run and one activity entry, and one system row each."""
    shops = Shops(make_account(AE_URL, M2_URL, name="Shop A"), make_account(AE_URL, M2_URL, name="Shop B"))
    for account in (shops.a, shops.b, None):
        name = account.name if account else "system"
        JobRun.objects.create(job_code=f"run of {name}", account=account, status=JobStatus.SUCCESS)
        services.record(Level.INFO, "cron", f"entry of {name}", account_id=account.pk if account else None)
    return shops


@pytest.fixture
def agent(django_user_model, shops: Shops):  # type: ignore[no-untyped-def]
    """A staff user with the model permissions of the pages, granted Shop A only."""
    user = django_user_model.objects.create_user("agent", password=PASSWORD, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=AGENT_PERMISSIONS))
    shops.a.allowed_users.add(user)
    return user


@pytest.fixture
def agent_client(agent) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(agent)
    return client


def _dashboard_names(client: Client) -> list[str]:
    html = client.get(INDEX).content.decode()
    return re.findall(
        r'<div class="module account-card" id="account-\d+">\s*<h2><a href="[^"]*">([^<]*)</a>', html
    )


def _account_filter(page: Any) -> list[tuple[int, str]]:
    """The Account filter's choices; none when it is not shown (Django hides a filter of one choice)."""
    spec = next((s for s in page.context["cl"].filter_specs if s.field_path == "account"), None)
    if spec is None:
        return []
    choices = list(spec.lookup_choices)
    return [*choices, (0, "(None)")] if spec.include_empty_choice else choices


def _granted_shop_c(user: Any) -> Account:
    """A second granted account, so that the Account filter (hidden with one choice) is shown."""
    shop_c = make_account(AE_URL, M2_URL, name="Shop C")
    shop_c.allowed_users.add(user)
    return shop_c


# --- what a staff user sees ------------------------------------------------------------------------


def test_the_dashboard_shows_only_the_granted_account(agent_client: Client) -> None:
    assert _dashboard_names(agent_client) == ["Shop A"]
    assert "Shop B" not in agent_client.get(INDEX).content.decode()


def test_a_group_grant_shows_the_groups_accounts_too(agent, agent_client: Client, shops: Shops) -> None:
    team = Group.objects.create(name="Shop B team")
    shops.b.allowed_groups.add(team)
    assert _dashboard_names(agent_client) == ["Shop A"]
    agent.groups.add(team)
    assert _dashboard_names(agent_client) == ["Shop A", "Shop B"]


def test_a_user_granted_nothing_is_told_so(django_user_model, shops: Shops) -> None:
    client = Client()
    client.force_login(django_user_model.objects.create_user("new", password=PASSWORD, is_staff=True))
    html = client.get(INDEX).content.decode()
    assert _dashboard_names(client) == []
    assert "No account is shared with you yet" in html


def test_the_configuration_list_shows_only_the_granted_account(agent_client: Client) -> None:
    listed = agent_client.get(ACCOUNTS).context["cl"].result_list
    assert [a.name for a in listed] == ["Shop A"]


def test_another_accounts_configuration_page_is_not_found(agent_client: Client, shops: Shops) -> None:
    assert agent_client.get(reverse("admin:accounts_account_change", args=[shops.a.pk])).status_code == 200
    for view in ("change", "history", "delete"):
        answer = agent_client.get(reverse(f"admin:accounts_account_{view}", args=[shops.b.pk]))
        assert answer.status_code == 404, view
        assert "Shop B" not in answer.content.decode()


def test_a_post_to_another_accounts_page_changes_nothing(agent_client: Client, shops: Shops) -> None:
    change = reverse("admin:accounts_account_change", args=[shops.b.pk])
    answer = agent_client.post(change, form_data(name="Shop B", app_key="stolen"))
    assert answer.status_code == 404
    shops.b.refresh_from_db()
    assert shops.b.app_key != "stolen"


def test_cron_logs_show_only_the_granted_accounts_rows_and_filter(
    agent, agent_client: Client, shops: Shops
) -> None:
    page = agent_client.get(CRON)
    assert [r.job_code for r in page.context["cl"].result_list] == ["run of Shop A"]
    shop_c = _granted_shop_c(agent)
    assert _account_filter(agent_client.get(CRON)) == [(shops.a.pk, "Shop A"), (shop_c.pk, "Shop C")]
    b_run = JobRun.objects.get(account=shops.b)
    assert agent_client.get(CRON, {"account__id__exact": shops.b.pk}).context["cl"].result_count == 0
    assert agent_client.get(reverse("admin:activity_jobrun_change", args=[b_run.pk])).status_code == 404


def test_activity_logs_show_only_the_granted_accounts_rows_and_filter(
    agent, agent_client: Client, shops: Shops
) -> None:
    page = agent_client.get(ACTIVITY)
    assert [e.comment for e in page.context["cl"].result_list] == ["entry of Shop A"]
    shop_c = _granted_shop_c(agent)
    assert _account_filter(agent_client.get(ACTIVITY)) == [(shops.a.pk, "Shop A"), (shop_c.pk, "Shop C")]
    b_entry = ActivityLog.objects.get(account=shops.b)
    assert (
        agent_client.get(reverse("admin:activity_activitylog_change", args=[b_entry.pk])).status_code == 404
    )


# --- what a staff user can do ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "model"), [("activity_jobrun", JobRun), ("activity_activitylog", ActivityLog)]
)
def test_a_staff_truncate_removes_only_the_granted_accounts_rows(
    agent_client: Client, shops: Shops, url_name: str, model: type[JobRun | ActivityLog]
) -> None:
    truncate = reverse(f"admin:{url_name}_truncate")
    assert agent_client.get(truncate).context["count"] == 1
    agent_client.post(truncate)
    assert not model.objects.filter(account=shops.a).exists()
    assert model.objects.filter(account=shops.b).count() == 1
    assert model.objects.filter(account=None).exists()  # the system rows stay


def test_mass_delete_cannot_reach_another_accounts_rows(agent_client: Client, shops: Shops) -> None:
    b_entry = ActivityLog.objects.get(account=shops.b)
    agent_client.post(
        ACTIVITY, {"action": "delete_selected", "_selected_action": [b_entry.pk], "post": "yes"}
    )
    assert ActivityLog.objects.filter(pk=b_entry.pk).exists()


def test_nothing_can_be_run_for_another_account(agent_client: Client, shops: Shops) -> None:
    logged = ActivityLog.objects.count()
    for action in ACCOUNT_ACTIONS:
        answer = agent_client.post(reverse(f"admin:accounts_account_{action}", args=[shops.b.pk]))
        assert answer.status_code == 404, action
    assert not AuthorizationRequest.objects.exists()
    assert ActivityLog.objects.count() == logged  # no test, no list loading, no exchange was tried
    # The same buttons work on the granted account: what stops them is the grant.
    answer = agent_client.post(reverse("admin:accounts_account_get_code", args=[shops.a.pk]))
    assert answer.status_code == 302 and answer["Location"].startswith(f"{AE_URL}/oauth/authorize")


def test_the_callback_is_refused_once_the_grant_is_withdrawn(agent, agent_client, shops, ae_sandbox) -> None:  # type: ignore[no-untyped-def]
    location = agent_client.post(reverse("admin:accounts_account_get_code", args=[shops.a.pk]))["Location"]
    code, state = consent(ae_sandbox, location)
    shops.a.allowed_users.remove(agent)
    answer = agent_client.get("/aliexpress/callback/", {"code": code, "state": state}, follow=True)
    assert [str(m) for m in answer.context["messages"]] == [
        "You may no longer see this account; the authorization was refused."
    ]
    shops.a.refresh_from_db()
    assert shops.a.access_token == ""


# --- granting ---------------------------------------------------------------------------------------


def test_a_superuser_sees_every_account_and_the_system_rows(merchant_client, shops: Shops) -> None:
    assert _dashboard_names(merchant_client) == ["Shop A", "Shop B"]
    assert [a.name for a in merchant_client.get(ACCOUNTS).context["cl"].result_list] == ["Shop A", "Shop B"]
    page = merchant_client.get(ACTIVITY)
    assert sorted(e.comment for e in page.context["cl"].result_list) == [
        "entry of Shop A",
        "entry of Shop B",
        "entry of system",
    ]
    assert _account_filter(page) == [(shops.a.pk, "Shop A"), (shops.b.pk, "Shop B"), (0, "(None)")]
    assert merchant_client.get(CRON).context["cl"].result_count == 3


def test_a_superuser_grants_an_account_on_its_page(merchant_client, agent, agent_client, shops) -> None:  # type: ignore[no-untyped-def]
    change = reverse("admin:accounts_account_change", args=[shops.b.pk])
    answer = merchant_client.post(change, form_data(name="Shop B", allowed_users=[agent.pk]))
    assert answer.status_code == 302, answer.context and answer.context["adminform"].form.errors
    assert list(shops.b.allowed_users.all()) == [agent]
    assert _dashboard_names(agent_client) == ["Shop A", "Shop B"]


def test_only_manage_access_shows_and_saves_the_access_fields(agent, agent_client, shops) -> None:  # type: ignore[no-untyped-def]
    change = reverse("admin:accounts_account_change", args=[shops.a.pk])
    assert "Access" not in [f.name for f in agent_client.get(change).context["adminform"]]
    other = type(agent).objects.create_user("other", password=PASSWORD, is_staff=True)
    agent_client.post(change, form_data(name="Shop A", allowed_users=[agent.pk, other.pk]))
    assert list(shops.a.allowed_users.all()) == [agent]

    agent.user_permissions.add(Permission.objects.get(codename="manage_access"))
    agent_client = Client()
    agent_client.force_login(agent)
    assert "Access" in [f.name for f in agent_client.get(change).context["adminform"]]
    agent_client.post(change, form_data(name="Shop A", allowed_users=[agent.pk, other.pk]))
    assert sorted(u.username for u in shops.a.allowed_users.all()) == ["agent", "other"]


def test_the_staff_user_who_adds_an_account_sees_it(agent, agent_client: Client) -> None:
    agent.user_permissions.add(Permission.objects.get(codename="add_account"))
    answer = agent_client.post(reverse("admin:accounts_account_add"), form_data(name="Shop C"))
    assert answer.status_code == 302
    assert list(Account.objects.get(name="Shop C").allowed_users.all()) == [agent]
    assert _dashboard_names(agent_client) == ["Shop A", "Shop C"]
