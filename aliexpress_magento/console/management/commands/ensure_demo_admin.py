from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from aliexpress_magento.console.services import ensure_demo_admin


class Command(BaseCommand):
    help = "Create the demo admin user when there is no superuser, and print how to log in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Where the web UI answers.")

    def handle(self, *args: Any, url: str, **options: Any) -> None:
        admin = ensure_demo_admin(settings.VAR_DIR / "demo-admin.json")
        if admin is None:
            self.stdout.write(f"Log in at {url} with the superuser you created.")
        elif admin.password is None:
            self.stdout.write(f"Log in at {url} as {admin.username!r} with the password you set.")
        else:
            made = "Created the demo admin user. " if admin.created else ""
            self.stdout.write(f"{made}Log in at {url}  user: {admin.username}  password: {admin.password}")
