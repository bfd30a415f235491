"""The shared Store suite against a REAL store, when the environment names one (README: Testing against a
real store). Without one the module is skipped, with one line saying how to run it; a store named without
complete credentials is a collection error, and wrong credentials fail every test: never silently green.

The suite creates orders, comments, cancels and ships on that store: point it at a test store only.
Every Magento 2 credential kind given runs the suite once (``magento2-token``, ``-oauth1``, ``-admin``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support.live.config import SKIP_REASON, targets
from tests.support.live.magento1 import Magento1LiveBackend
from tests.support.live.magento2 import Magento2LiveBackend
from tests.support.live.suite import (
    LiveMagento1Contract,
    LiveMagento2Contract,
    LiveRun,
    magento1_run,
    magento2_run,
)

MAGENTO2, MAGENTO1 = targets(os.environ)
if not MAGENTO2 and not MAGENTO1:
    pytest.skip(SKIP_REASON, allow_module_level=True)


@pytest.fixture(scope="module", params=MAGENTO2, ids=lambda t: t.id)
def magento2_live(request: pytest.FixtureRequest) -> Iterator[LiveRun[Magento2LiveBackend]]:
    yield from magento2_run(request.param)


@pytest.fixture(scope="module", params=MAGENTO1, ids=lambda t: t.id)
def magento1_live(request: pytest.FixtureRequest) -> Iterator[LiveRun[Magento1LiveBackend]]:
    yield from magento1_run(request.param)


if MAGENTO2:

    class TestLiveMagento2Store(LiveMagento2Contract):
        pass


if MAGENTO1:

    class TestLiveMagento1Store(LiveMagento1Contract):
        pass
