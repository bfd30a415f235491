"""``store.list``: the store views (ids are integers here, as recorded)."""

from __future__ import annotations

from dataclasses import dataclass

from .session import Session
from .values import flag, objs, text, to_int


@dataclass(frozen=True)
class StoreView:
    store_id: int
    code: str
    website_id: int
    group_id: int
    name: str
    sort_order: int
    is_active: bool


class Stores:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[StoreView]:
        return [
            StoreView(
                store_id=to_int(s.get("store_id")),
                code=text(s, "code"),
                website_id=to_int(s.get("website_id")),
                group_id=to_int(s.get("group_id")),
                name=text(s, "name"),
                sort_order=to_int(s.get("sort_order")),
                is_active=flag(s.get("is_active")),
            )
            for s in objs(self._session.call("store.list"))
        ]
