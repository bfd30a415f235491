"""What both adapters share to be closed: ``close()`` releases the API client, and a Store is a context
manager (``with api_clients.store(account) as store: …``)."""

from __future__ import annotations

from typing import Protocol, Self


class _Closable(Protocol):
    def close(self) -> None: ...


class _HoldsClient(Protocol):
    @property
    def client(self) -> _Closable: ...


class ClosingStore:
    """Mixed into an adapter holding its API client as ``client`` (a client scoped from it shares its HTTP
    pool, so closing the one closes both)."""

    def close(self: _HoldsClient) -> None:
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self: _HoldsClient, *exc: object) -> None:
        self.client.close()
