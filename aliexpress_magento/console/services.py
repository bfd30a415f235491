"""The demo admin user scripts/run creates on a fresh machine."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

DEMO_USERNAME = "admin"


@dataclass(frozen=True)
class DemoAdmin:
    username: str
    password: str | None  # None when the password was changed since it was printed
    created: bool


def ensure_demo_admin(credentials_file: Path) -> DemoAdmin | None:
    """Create the demo superuser when the site has no superuser; never a second one.

    The generated password is kept in ``credentials_file`` (mode 600) so a second run can print it
    again. Returns None when a superuser exists that this command did not create.
    """
    users = get_user_model()
    with transaction.atomic():
        if not users.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            users.objects.create_superuser(DEMO_USERNAME, email="", password=password)
            _save(credentials_file, DEMO_USERNAME, password)
            return DemoAdmin(DEMO_USERNAME, password, created=True)
    saved = _load(credentials_file)
    if saved is None:
        return None
    username, password = saved
    user = users.objects.filter(username=username, is_superuser=True).first()
    if user is None:
        return None
    return DemoAdmin(username, password if user.check_password(password) else None, created=False)


def _save(path: Path, username: str, password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(json.dumps({"username": username, "password": password}))


def _load(path: Path) -> tuple[str, str] | None:
    try:
        data = json.loads(path.read_text())
        return str(data["username"]), str(data["password"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
