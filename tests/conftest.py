from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from aliexpress_magento.accounts import budgets
from aliexpress_magento.celery import app as celery_app

# The shared Store suite lives in tests/stores/store_contract.py, not a test module, and flow tests import
# it too: registered here, before any test module is collected, pytest rewrites its asserts wherever it is
# first imported, so a failure on a store (a live run above all) shows the values compared.
pytest.register_assert_rewrite("tests.stores.store_contract")


@pytest.fixture(autouse=True)
def eager_celery() -> Iterator[None]:
    """Flow tests run jobs in-process; the real-worker tests switch this off for themselves."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def virtual_budget_time() -> Iterator[None]:
    """The accounts' call budgets wait in virtual time (the real clock plus the waits), so the suite
    never sleeps for a budget; tests/flow/accounts/test_call_budget.py asserts the waits themselves."""
    waited = [0.0]

    def wait(seconds: float) -> None:
        waited[0] += seconds

    with budgets.timed_by(budgets.Clock(now=lambda: time.time() + waited[0], sleep=wait)):
        yield


@pytest.fixture
def merchant(django_user_model):  # type: ignore[no-untyped-def]
    return django_user_model.objects.create_superuser("merchant", password="a-long-test-password")


@pytest.fixture
def merchant_client(client, merchant):  # type: ignore[no-untyped-def]
    client.force_login(merchant)
    return client
