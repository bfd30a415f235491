"""An authorized account on the in-process AliExpress sandbox, whose API calls are counted by method."""

from __future__ import annotations

from collections import Counter

import pytest

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.accounts.conftest import AE_URL, M2_URL, authorize
from tests.support.accounts import APP_KEY, APP_SECRET, make_account


@pytest.fixture
def ae_sandbox() -> AliExpressSandbox:
    return AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET)


@pytest.fixture
def account(db, ae_sandbox: AliExpressSandbox, ae_calls: Counter[str]) -> Account:  # type: ignore[no-untyped-def]
    authorized = authorize(ae_sandbox, make_account(AE_URL, M2_URL))
    ae_calls.clear()  # the token exchange is not a category call
    return authorized


def fail_every_call(sandbox: AliExpressSandbox) -> None:
    sandbox.knobs.update({"fault_rate": 1.0, "fault_kinds": ["http_500"]})
