"""Manage Orders in a real browser, against the AliExpress and Magento 2 sandboxes served over HTTP:
Fetch latest Aliexpress Orders queued, its panel following the run to its result without a reload; both
grids; Retry now and Mark handled on the failed grid."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.celery import app
from aliexpress_magento.orders.models import AliExpressOrder, ImportStatus
from aliexpress_magento.orders.services import manual
from tests.flow.orders.conftest import Shop
from tests.flow.orders.served import served

__all__ = ["served"]  # the fixture, used by ``shop``

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("served", ["magento2"], indirect=True)]
GRID = "/admin/orders/aliexpressorder/"
FAILED = "/admin/orders/failedorder/"


@pytest.fixture
def shop(db: None, served: Shop) -> Shop:
    """The account on the AliExpress and Magento 2 sandboxes, served over HTTP (the live server's
    requests reach them from its own thread)."""
    return served


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any], JobRun]]:
    """The buttons' jobs, held back at the click as if no worker had started them yet (a pending Cron
    Logs row, as the publish hook writes); the test runs them as the worker would."""
    jobs: list[tuple[str, dict[str, Any], JobRun]] = []

    def hold(job: str, kwargs: dict[str, Any]) -> None:
        run = JobRun.objects.create(
            job_code=job, account_id=kwargs["account_id"], scheduled_at=timezone.now()
        )
        jobs.append((job, kwargs, run))

    monkeypatch.setattr(manual, "_send", hold)
    return jobs


def _work(jobs: list[tuple[str, dict[str, Any], JobRun]]) -> None:
    job, kwargs, run = jobs.pop()
    app.signature(job, kwargs=kwargs).apply()
    JobRun.objects.filter(pk=run.pk).update(status=JobStatus.SUCCESS, finished_at=timezone.now())


def mail_files(folder: Path) -> dict[str, str]:
    """Subject → body of each e-mail Django's file backend wrote under ``folder`` (var/mail/ when
    EMAIL_HOST is unset; each file holds its messages, each followed by a line of 79 dashes)."""
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.log")):
        for raw in path.read_text().split("-" * 79 + "\n"):
            if raw.strip():
                message = email.message_from_string(raw, policy=email.policy.default)
                found[str(message["Subject"])] = str(message.get_payload(decode=True).decode())
    return found


def test_fetch_latest_follows_the_run_to_its_result_without_a_reload(
    logged_in: Page,
    live_server: Any,
    shop: Shop,
    held: list[Any],
    settings: Any,
    tmp_path: Path,
) -> None:
    # The mail settings of a site without EMAIL_HOST (files under var/mail/), in the test's own folder:
    # pytest-django swaps in its in-memory outbox otherwise.
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    shop.sell(dict.fromkeys(shop.salable_simples(2), 30))
    placed = shop.place(2)
    page = logged_in
    page.goto(f"{live_server.url}/admin/")
    page.click("a:has-text('View Aliexpress Orders')")
    expect(page.locator("#content h1")).to_have_text("Aliexpress Order Details")
    panel = page.locator(f"#orders-fetch-{shop.account.pk}")
    progress = panel.locator(".orders-fetch-progress")
    expect(progress).to_have_text("Not fetched yet.")
    page.evaluate("window.stillThisPage = true")

    panel.locator("button:has-text('Fetch latest Aliexpress Orders')").click()
    expect(panel.locator(".orders-fetch-answer")).to_have_text(
        "Fetch latest Aliexpress Orders of Demo shop is queued."
    )
    expect(progress).to_have_text("Queued: waiting for a worker to start the run")
    panel.locator("button:has-text('Fetch latest Aliexpress Orders')").click()
    expect(panel.locator(".orders-fetch-answer")).to_have_text(
        "An order fetch of Demo shop is already queued: see its progress."
    )
    assert len(held) == 1

    _work(held)
    expect(progress).to_have_text("Done: 2 orders listed, 2 new, 0 changed; import: 2 created.")
    expect(panel).to_have_attribute("data-busy", "0")
    assert page.evaluate("window.stillThisPage") is True  # no reload
    page.reload()
    expect(page.locator("#total-records")).to_have_text("Total 2 records found")
    expect(page.locator("#result_list tbody td.field-status").first).to_have_text("Imported")

    numbers = {c.aliexpress_order_id: c.magento_order_number for c in shop.claims().values()}
    assert sorted(numbers) == sorted(placed) and all(numbers.values())
    sent = mail_files(tmp_path / "mail")
    assert sorted(sent) == sorted(
        f"[AliExpress connector] Demo shop: New order {numbers[o]} (AliExpress order {o})" for o in placed
    )
    for order_id in placed:
        body = sent[
            f"[AliExpress connector] Demo shop: New order {numbers[order_id]} (AliExpress order {order_id})"
        ]
        assert f"was created in Magento as order {numbers[order_id]}." in body


def test_both_grids_retry_now_and_mark_handled(logged_in: Page, live_server: Any, shop: Shop) -> None:
    shop.sell({"LATER-1": 5})
    (retried,) = shop.place(1)
    shop.sell({"NEVER-1": 5})
    (handled,) = shop.place(1)
    shop.run()
    (known,) = shop.salable_simples(1)
    shop.magento.add_product_like(known, "LATER-1")
    shop.magento.set_source_qty("LATER-1", 10)
    page = logged_in

    page.goto(f"{live_server.url}/admin/")
    page.click("a:has-text('View Aliexpress Failed Orders')")
    expect(page.locator("#content h1")).to_have_text("Aliexpress failed Order Details")
    expect(page.locator("#total-records")).to_have_text("Total 2 records found")
    row = page.locator(
        "#result_list tbody tr", has=page.locator(f"td.field-aliexpress_order_id:text-is('{retried}')")
    )
    expect(row.locator("td.field-reason")).to_have_text(
        "Unknown SKU in Magento: LATER-1. It is neither a Magento SKU nor a listed AliExpress SKU (set the "
        "Alternate SKU Attribute if your AliExpress SKU codes are not Magento SKUs)."
    )

    row.locator("input.action-select").check()
    page.select_option("#massaction-action", label="Retry now")
    page.click("#massaction-submit")
    expect(page.locator(".messagelist .success")).to_have_text("1 order is due again; its import is queued.")
    expect(page.locator("#total-records")).to_have_text("Total 1 records found")
    assert AliExpressOrder.objects.get(aliexpress_order_id=retried).status == ImportStatus.IMPORTED

    other = page.locator(
        "#result_list tbody tr", has=page.locator(f"td.field-aliexpress_order_id:text-is('{handled}')")
    )
    other.locator("input.action-select").check()
    page.select_option("#massaction-action", label="Mark handled")
    page.click("#massaction-submit")
    expect(page.locator(".messagelist .success")).to_contain_text("1 orders marked handled")
    expect(page.locator("#total-records")).to_have_text("Total 0 records found")

    page.click("a:has-text('View Aliexpress Orders')")
    expect(page.locator("#total-records")).to_have_text("Total 2 records found")
    page.locator("select[name='filter_status']").select_option(label="Handled by hand")
    page.click("#search-filter")
    expect(page.locator("#total-records")).to_have_text("Total 1 records found")
    expect(page.locator("#result_list tbody td.field-aliexpress_order_id")).to_have_text(str(handled))
    page.locator("a.view-order").click()
    expect(page.locator("#order-status")).to_have_text("Handled by hand")
    expect(page.locator("#order-attempts")).to_contain_text("Unknown SKU in Magento: NEVER-1.")
