from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from aliexpress_magento.console.services import DemoAdmin, ensure_demo_admin

pytestmark = pytest.mark.django_db


def test_first_run_creates_one_admin_and_later_runs_reprint_the_same_credentials(
    tmp_path: Path, django_user_model
) -> None:
    credentials = tmp_path / "demo-admin.json"

    first = ensure_demo_admin(credentials)
    again = ensure_demo_admin(credentials)

    assert first is not None and first.created and first.username == "admin"
    assert again == DemoAdmin("admin", first.password, created=False)
    assert django_user_model.objects.filter(is_superuser=True).count() == 1
    assert django_user_model.objects.get().check_password(first.password)
    assert json.loads(credentials.read_text()) == {"username": "admin", "password": first.password}
    assert credentials.stat().st_mode & 0o777 == 0o600


def test_a_changed_password_is_not_printed(tmp_path: Path, django_user_model) -> None:
    credentials = tmp_path / "demo-admin.json"
    ensure_demo_admin(credentials)
    user = django_user_model.objects.get()
    user.set_password("the merchant's own")
    user.save()

    assert ensure_demo_admin(credentials) == DemoAdmin("admin", None, created=False)


def test_no_demo_admin_when_the_merchant_has_a_superuser(tmp_path: Path, merchant, django_user_model) -> None:
    assert ensure_demo_admin(tmp_path / "demo-admin.json") is None
    assert list(django_user_model.objects.values_list("username", flat=True)) == ["merchant"]


def test_command_prints_url_and_credentials(settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("ensure_demo_admin", "--url", "http://127.0.0.1:8123/", stdout=out)
    password = json.loads((tmp_path / "demo-admin.json").read_text())["password"]
    assert out.getvalue() == (
        f"Created the demo admin user. Log in at http://127.0.0.1:8123/  user: admin  password: {password}\n"
    )
