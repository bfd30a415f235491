"""Driving Manage Products' massaction bar in the browser, as a merchant does: tick rows (or Select All),
pick an action, Submit; the job is held back at the click so the page shows it queued and polls, then the
test runs it as the worker would and waits for the panel to say Done — no reload in between."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from aliexpress_magento.listings.models import BulkAction
from aliexpress_magento.listings.services import bulk
from aliexpress_magento.listings.tasks import bulk_action

GRID_PATH = "/admin/listings/managedproduct/"


@dataclass
class ManageProducts:
    page: Page
    base_url: str
    held: list[tuple[int, int]] = field(default_factory=list)  # (account id, bulk id) queued by clicks

    def open(self, query: str = "") -> None:
        self.page.goto(f"{self.base_url}{GRID_PATH}{query}")

    def row(self, sku: str) -> Locator:
        return self.page.locator(
            "#result_list tbody tr", has=self.page.locator(f"td.field-sku:text-is('{sku}')")
        )

    def cell(self, sku: str, column: str) -> Locator:
        return self.row(sku).locator(f"td.field-{column}")

    @property
    def panel(self) -> Locator:
        return self.page.locator(".bulk-panel")

    def submit(self, label: str, skus: Sequence[str] = (), *, selected: int | None = None) -> None:
        """Tick ``skus`` (none: the selection is already made), choose ``label`` and Submit; the
        page then shows the action queued."""
        for sku in skus:
            self.row(sku).locator("input.action-select").check()
        count = len(skus) if selected is None else selected
        expect(self.page.locator("#massaction-count")).to_have_text(str(count))
        self.page.select_option("#massaction-action", label=label)
        self.page.click("#massaction-submit")
        expect(self.page.locator(".messagelist .success")).to_contain_text(f"{label}: {count} products of ")
        expect(self.panel.locator(".bulk-text")).to_have_text(f"Queued: {label} of {count} products.")

    def work(self) -> BulkAction:
        """Run the held job as the worker would; the page's poll shows it finished."""
        account_id, bulk_id = self.held.pop()
        bulk_action.apply(kwargs={"account_id": account_id, "bulk_id": bulk_id})
        return BulkAction.objects.get(pk=bulk_id)

    def run(self, label: str, skus: Sequence[str], summary: str, reasons: Sequence[str] = ()) -> None:
        """Submit ``label`` on ``skus``, work the job, and check the panel's result: the summary
        (``"N of N products processed: …"``) and the reasons, in any order."""
        self.submit(label, skus)
        self.work()
        self.expect_done(f"{label}: {summary}", reasons)

    def expect_done(self, summary: str, reasons: Sequence[str]) -> None:
        expect(self.panel.locator(".bulk-text")).to_have_text(f"Done: {summary}")
        expect(self.panel.locator(".bulk-bar")).to_have_attribute("value", "100")
        expect(self.panel).to_have_attribute("data-status", "done")  # set by the poll, not the page
        # The reasons are drawn in the same step as the text: no wait needed.
        assert sorted(self.panel.locator(".bulk-reasons li").all_inner_texts()) == sorted(reasons)


def manage_products(page: Page, live_server: Any, monkeypatch: pytest.MonkeyPatch) -> ManageProducts:
    grid = ManageProducts(page, live_server.url)
    monkeypatch.setattr(bulk, "_queue", lambda account_id, bulk_id: grid.held.append((account_id, bulk_id)))
    return grid
