"""``directory_country.list`` and ``directory_region.list``: the countries the demo buyers come from, and
the regions of the countries Magento 1 ships regions for (ids as on a stock install: Texas is 57)."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault

COUNTRIES = (
    ("BR", "BRA", "Brazil"), ("CA", "CAN", "Canada"), ("CN", "CHN", "China"), ("DE", "DEU", "Germany"),
    ("ES", "ESP", "Spain"), ("FR", "FRA", "France"), ("GB", "GBR", "United Kingdom"), ("IL", "ISR", "Israel"),
    ("RU", "RUS", "Russia"), ("US", "USA", "United States"),
)  # fmt: skip
REGIONS = {
    "US": ((1, "AL", "Alabama"), (12, "CA", "California"), (18, "FL", "Florida"), (43, "NY", "New York"),
           (57, "TX", "Texas"), (62, "WA", "Washington")),
    "CA": ((66, "AB", "Alberta"), (74, "ON", "Ontario"), (76, "QC", "Quebec")),
    "DE": ((79, "NDS", "Niedersachsen"), (80, "BAW", "Baden-Württemberg"), (81, "BAY", "Bayern"),
           (82, "BER", "Berlin")),
    "ES": ((130, "A Coruña", "A Coruña"), (161, "Madrid", "Madrid"), (171, "Barcelona", "Barcelona")),
}  # fmt: skip
_BY_CODE = {c[0]: c for c in COUNTRIES} | {c[1]: c for c in COUNTRIES}


def countries(ctx: Call) -> list[dict[str, Any]]:
    return [{"country_id": a2, "iso2_code": a2, "iso3_code": a3, "name": name} for a2, a3, name in COUNTRIES]


def regions(ctx: Call, country: object) -> list[dict[str, Any]]:
    """By ISO2 or ISO3 code (``Mage_Directory_Model_Country::loadByCode``)."""
    found = _BY_CODE.get(str(country).upper())
    if found is None:
        raise fault("country_not_exists", "directory_region")
    return [
        {"region_id": str(rid), "code": code, "name": name} for rid, code, name in REGIONS.get(found[0], ())
    ]


def region_required(country_id: str) -> bool:
    return country_id in REGIONS


METHODS = {
    "directory_country.list": Method("directory_country", countries),
    "directory_region.list": Method("directory_region", regions),
}
