"""The shared Store suite lives in ``store_contract.py``, not a test module: have pytest rewrite its asserts
too, so a failure on a store (a live run above all) shows the values compared, not a bare AssertionError."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("tests.stores.store_contract")
