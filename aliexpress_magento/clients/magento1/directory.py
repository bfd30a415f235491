"""``directory_country.list`` and ``directory_region.list``."""

from __future__ import annotations

from dataclasses import dataclass

from .session import Session
from .values import objs, text, to_int


@dataclass(frozen=True)
class Country:
    country_id: str
    iso2_code: str
    iso3_code: str
    name: str


@dataclass(frozen=True)
class Region:
    region_id: int
    code: str
    name: str


class Directory:
    def __init__(self, session: Session) -> None:
        self._session = session

    def countries(self) -> list[Country]:
        return [
            Country(text(c, "country_id"), text(c, "iso2_code"), text(c, "iso3_code"), text(c, "name"))
            for c in objs(self._session.call("directory_country.list"))
        ]

    def regions(self, country: str) -> list[Region]:
        """By ISO2 or ISO3 code; an unknown country is fault 101 (NotFoundError)."""
        return [
            Region(to_int(r.get("region_id")), text(r, "code"), text(r, "name"))
            for r in objs(self._session.call("directory_region.list", [country]))
        ]
