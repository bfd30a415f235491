from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from aliexpress_magento.accounts.services.demo import ensure_demo_account


class Command(BaseCommand):
    help = "Create the demo account wired to both sandboxes and authorize it through the OAuth flow."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--aliexpress-url", required=True)
        parser.add_argument("--magento-url", required=True)
        parser.add_argument(
            "--console-url", required=True, help="Where the web UI answers (the redirect URI)."
        )

    def handle(
        self, *args: Any, aliexpress_url: str, magento_url: str, console_url: str, **options: Any
    ) -> None:
        try:
            demo = ensure_demo_account(aliexpress_url, magento_url, console_url)
        except Exception as exc:
            raise CommandError(
                f"the demo account could not be connected: {type(exc).__name__}: {exc}"
            ) from exc
        account = demo.account
        if demo.connected_now:
            self.stdout.write(
                f"Demo account '{account.name}' authorized on the AliExpress sandbox as seller "
                f"{account.seller_login}; Magento: {account.magento_base_url}"
            )
        else:
            self.stdout.write(f"Demo account '{account.name}' is ready (already authorized).")
