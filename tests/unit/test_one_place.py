"""Facts kept in one place (issue 11, DESIGN.md §10): the API limits live in the AliExpress client
(the configuration's maxima and messages read them), the US Pacific zone in one module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from aliexpress_magento.accounts import choices
from aliexpress_magento.clients.aliexpress import feeds, limits, orders, products

PACKAGE = Path(__file__).resolve().parents[2] / "aliexpress_magento"
ACCOUNTS_CONFIGURATION = [PACKAGE / "accounts" / name for name in ("forms.py", "models.py", "choices.py")]


def _strings(path: Path) -> list[tuple[int, str]]:
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_no_configuration_message_writes_an_api_limit_itself() -> None:
    written = [
        f"{path.name}:{line}: {text}"
        for path in ACCOUNTS_CONFIGURATION
        for line, text in _strings(path)
        if re.search(r"at most \d", text)
    ]
    assert written == []


def test_the_configuration_maxima_are_the_clients() -> None:
    assert (
        choices.MAX_FEED_SIZE,
        choices.MAX_UPLOAD_CHUNK,
        choices.MAX_PRICE_OR_INVENTORY_CHUNK,
        choices.MAX_ORDER_PAGE_SIZE,
    ) == (feeds.MAX_ITEMS, feeds.MAX_ITEMS, products.MAX_BATCH_PRODUCTS, orders.MAX_PAGE_SIZE)
    assert (limits.MAX_FEED_ITEMS, limits.MAX_BATCH_SKUS, limits.MAX_DELETE_IDS) == (2000, 200, 100)


def test_the_pacific_zone_is_named_in_one_module() -> None:
    # the sandbox emulates AliExpress on its own (DESIGN.md §3), so it keeps its own copy
    naming = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "sandbox" not in path.parts and any(text == "America/Los_Angeles" for _, text in _strings(path))
    )
    assert naming == ["clients/aliexpress/pacific.py"]
