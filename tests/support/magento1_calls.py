"""Which API v1 calls a Magento 1 client sends: the contract and the Store tests count them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from aliexpress_magento.clients.magento1 import Magento1Client


def call_paths(client: Magento1Client, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ``resource.method`` of every ``call`` the client sends from now on (multiCalls not included)."""
    paths: list[str] = []
    send = client.session.call

    def spy(path: str, args: Sequence[Any] = (), *, idempotent: bool = True) -> Any:
        paths.append(path)
        return send(path, args, idempotent=idempotent)

    monkeypatch.setattr(client.session, "call", spy)
    return paths
