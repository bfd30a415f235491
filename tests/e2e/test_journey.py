"""The merchant's whole journey, on Magento 2 and on Magento 1 (issue 15): a fresh ``scripts/run`` (its
own var/ directory and ports) walked through the console in Chromium, from the printed login to the
logs (the steps: ``tests/e2e/journey.py``).

The service runs on its embedded defaults — its own SQLite database and SQLite broker under the test's
var/ directory — whatever ``DATABASE_URL`` the suite runs with: the journey is the README's first command
on a fresh machine, and the PostgreSQL pass of the suite already runs every feature on PostgreSQL. Sharing
the suite's database would have the service's worker and pytest-django's test database in each other's way.

Screenshots of every step are saved under ``JOURNEY_SHOTS`` when set (``scripts/tour`` does, to rebuild
the README's Tour), else in the test's temporary directory; a failed walk leaves ``failure.png`` beside
them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.e2e.journey import Journey, Service
from tests.support.scripts_run import credentials, drain, free_port, read_until_up, service, wait_healthy

pytestmark = [pytest.mark.browser, pytest.mark.worker]


@pytest.fixture
def fresh_service(tmp_path: Path) -> Iterator[Service]:
    """scripts/run on a fresh var/ directory and free ports; stopped with Ctrl-C afterwards."""
    port = free_port()
    sandbox_ports = (free_port(), free_port(), free_port())
    with service(tmp_path / "var", port, sandbox_ports) as (process, lines):
        read_until_up(process, lines)
        drain(process, tmp_path / "scripts-run.log")
        _, url, username, password = credentials(lines)
        wait_healthy(port)
        for sandbox_port in sandbox_ports:
            wait_healthy(sandbox_port, "/_sandbox/knobs")
        ae, m2, m1 = (f"http://127.0.0.1:{p}" for p in sandbox_ports)
        # scripts/run's buyer places an order a minute on its own; the journey's buyer places its own.
        Journey.control(ae, "/_sandbox/knobs", {"buyer_orders_per_minute": 0})
        yield Service(url, ae, m2, m1, username, password)


@pytest.mark.parametrize("platform", ["magento2", "magento1"])
def test_the_merchants_journey(
    browser: Browser, fresh_service: Service, platform: str, tmp_path: Path
) -> None:
    shots = Path(os.environ.get("JOURNEY_SHOTS") or tmp_path / "shots") / platform
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    journey = Journey(page, fresh_service, platform, shots)
    try:
        journey.walk()
    except BaseException:
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "failure.png"), full_page=True)
        raise
    finally:
        context.close()
