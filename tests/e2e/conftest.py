"""Playwright driving the system Chromium (Debian's package).

Playwright's own browser download does not work on this machine's closed network.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API keeps an event loop in this thread; Django refuses ORM calls from such a thread
# unless told that the test knows what it is doing (the live server runs in its own thread anyway).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The grid helpers' asserts show the values compared, as a test module's do.
pytest.register_assert_rewrite("tests.e2e.grid_actions")

CHROMIUM_ARGS = [
    "--no-sandbox",  # needed when the tests run as root
    "--disable-gpu",
    "--disable-background-networking",  # keeps Chromium off the closed network
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail(
            "No Chromium found: install Debian's chromium or set CHROMIUM_PATH (scripts/test does this)."
        )
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


PASSWORD = "a-long-test-password"


@pytest.fixture
def logged_in(page: Page, live_server, merchant) -> Page:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", merchant.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page
