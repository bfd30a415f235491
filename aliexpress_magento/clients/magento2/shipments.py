"""Shipments with their tracks (fact sheet §5.6). There is no GET for a track: read it from its shipment."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .connection import Connection
from .orders import NewTrack
from .search import DEFAULT_PAGE_SIZE, KeysetPager, Pager, SearchCriteria, Value
from .values import objs, opt_float, text, to_int


@dataclass(frozen=True)
class ShipmentItem:
    order_item_id: int
    sku: str
    qty: float


@dataclass(frozen=True)
class Track:
    entity_id: int
    track_number: str
    title: str
    carrier_code: str
    created_at: str


@dataclass(frozen=True)
class Shipment:
    entity_id: int
    increment_id: str
    order_id: int
    created_at: str
    updated_at: str
    items: tuple[ShipmentItem, ...]
    tracks: tuple[Track, ...]


def parse_track(data: Mapping[str, Any]) -> Track:
    return Track(
        entity_id=to_int(data.get("entity_id")),
        track_number=text(data, "track_number"),
        title=text(data, "title"),
        carrier_code=text(data, "carrier_code"),
        created_at=text(data, "created_at"),
    )


def parse_shipment(data: Mapping[str, Any]) -> Shipment:
    return Shipment(
        entity_id=to_int(data.get("entity_id")),
        increment_id=text(data, "increment_id"),
        order_id=to_int(data.get("order_id")),
        created_at=text(data, "created_at"),
        updated_at=text(data, "updated_at"),
        items=tuple(
            ShipmentItem(to_int(i.get("order_item_id")), text(i, "sku"), opt_float(i.get("qty")) or 0.0)
            for i in objs(data, "items")
        ),
        tracks=tuple(parse_track(t) for t in objs(data, "tracks")),
    )


class Shipments:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def get(self, shipment_id: int) -> Shipment:
        return parse_shipment(self._c.get(f"/V1/shipment/{shipment_id}"))

    def search(self, criteria: SearchCriteria) -> Pager:
        return Pager(lambda params: self._c.get("/V1/shipments", params), criteria)

    def iter(self, criteria: SearchCriteria) -> Iterator[Shipment]:
        return (parse_shipment(s) for s in self.search(criteria).items())

    def changed_since(self, since: Value, page_size: int = DEFAULT_PAGE_SIZE) -> Iterator[Shipment]:
        """Shipments created or updated at or after ``since``, oldest first, paged by key."""
        pager = KeysetPager(lambda params: self._c.get("/V1/shipments", params), since, page_size)
        return (parse_shipment(s) for s in pager.items())

    def add_track(self, order_id: int, shipment_id: int, track: NewTrack) -> Track:
        entity = {
            "order_id": order_id,
            "parent_id": shipment_id,
            "track_number": track.track_number,
            "title": track.title,
            "carrier_code": track.carrier_code,
            # Required by the schema though unused by a tracking link; OCA's real call sent the same.
            "weight": 0,
            "qty": 1,
            "description": "",
        }
        return parse_track(self._c.post("/V1/shipment/track", {"entity": entity}))
