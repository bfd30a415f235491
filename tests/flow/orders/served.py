"""Both sandboxes served over HTTP from the test process, for import runs in child processes (a killed
worker, two workers at once): the sandboxes keep their state here, so the test counts the orders."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.accounts.conftest import authorize
from tests.support.accounts import APP_KEY, APP_SECRET, make_account
from tests.support.database import database_url
from tests.support.serving import serve

from .conftest import Shop, magento_sandbox

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(params=["magento2", "magento1"])
def served(request: pytest.FixtureRequest) -> Iterator[Shop]:
    ae = AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET)
    magento, fields = magento_sandbox(request.param)
    ae_url = next(ae_server := serve(ae))
    magento_url = next(magento_server := serve(magento))
    try:
        yield Shop(authorize(ae, make_account(ae_url, magento_url, **fields)), magento, ae)
    finally:
        for server in (ae_server, magento_server):
            next(server, None)  # shuts it down


def child(code: str, *args: str) -> subprocess.Popen[str]:
    """A fresh Django process running ``code`` with ``args`` on the test database."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "aliexpress_magento.settings"}
    env["DATABASE_URL"] = database_url()
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
