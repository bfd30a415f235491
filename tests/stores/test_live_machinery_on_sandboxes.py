"""The live Store suite's own machinery (``tests/support/live/``: the backends over each store's API, the
run-scoped order ids, the paced product saves, the store's clock) run as it runs on a real store, on both
sandboxes served on local ports: one store for the whole module, keeping every earlier test's orders and
edits. So the live run cannot rot between two runs on a real store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.clients.magento2.wire import INTEGRATION_TOKEN
from tests.support.live.config import Magento1Target, Magento2Target, Pins
from tests.support.live.magento1 import Magento1LiveBackend
from tests.support.live.magento2 import Magento2LiveBackend
from tests.support.live.suite import (
    LiveMagento1Contract,
    LiveMagento2Contract,
    LiveRun,
    magento1_run,
    magento2_run,
)
from tests.support.serving import serve


@pytest.fixture(scope="module")
def magento2_live() -> Iterator[LiveRun[Magento2LiveBackend]]:
    for url in serve(Magento2Sandbox()):
        yield from magento2_run(Magento2Target(url, "default", "token", (INTEGRATION_TOKEN,), Pins()))


@pytest.fixture(scope="module")
def magento1_live() -> Iterator[LiveRun[Magento1LiveBackend]]:
    for url in serve(Magento1Sandbox()):
        yield from magento1_run(Magento1Target(url, "default", DEMO_API_USER, DEMO_API_KEY, Pins()))


class TestLiveMachineryOnMagento2Sandbox(LiveMagento2Contract):
    pass


class TestLiveMachineryOnMagento1Sandbox(LiveMagento1Contract):
    pass
