"""Websites, store groups, store views and store configs (fact sheet §6)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .connection import Connection
from .values import objs, opt_float, opt_int, text, to_int


@dataclass(frozen=True)
class Website:
    id: int
    code: str
    name: str
    default_group_id: int


@dataclass(frozen=True)
class StoreGroup:
    id: int
    code: str
    name: str
    website_id: int
    root_category_id: int
    default_store_id: int


@dataclass(frozen=True)
class StoreView:
    id: int
    code: str
    name: str
    website_id: int
    store_group_id: int
    is_active: bool


@dataclass(frozen=True)
class StoreConfig:
    id: int
    code: str
    website_id: int
    locale: str
    base_currency_code: str
    default_display_currency_code: str
    timezone: str
    weight_unit: str
    base_url: str
    base_media_url: str
    secure_base_media_url: str

    def product_image_url(self, file: str, *, secure: bool = True) -> str:
        """``base_media_url + catalog/product + file`` (files start with ``/``)."""
        base = (self.secure_base_media_url if secure else "") or self.base_media_url
        return f"{base.rstrip('/')}/catalog/product/{file.lstrip('/')}"


@dataclass(frozen=True)
class Currency:
    base_currency_code: str
    default_display_currency_code: str
    available_currency_codes: tuple[str, ...]
    exchange_rates: Mapping[str, float]


class Stores:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def websites(self) -> list[Website]:
        return [
            Website(
                to_int(w["id"]), text(w, "code"), text(w, "name"), opt_int(w.get("default_group_id")) or 0
            )
            for w in self._c.get("/V1/store/websites")
        ]

    def groups(self) -> list[StoreGroup]:
        return [
            StoreGroup(
                id=to_int(g["id"]),
                code=text(g, "code"),
                name=text(g, "name"),
                website_id=opt_int(g.get("website_id")) or 0,
                root_category_id=opt_int(g.get("root_category_id")) or 0,
                default_store_id=opt_int(g.get("default_store_id")) or 0,
            )
            for g in self._c.get("/V1/store/storeGroups")
        ]

    def views(self) -> list[StoreView]:
        return [
            StoreView(
                id=to_int(v["id"]),
                code=text(v, "code"),
                name=text(v, "name"),
                website_id=opt_int(v.get("website_id")) or 0,
                store_group_id=opt_int(v.get("store_group_id")) or 0,
                is_active=bool(v.get("is_active")),
            )
            for v in self._c.get("/V1/store/storeViews")
        ]

    def currency(self) -> Currency:
        """``GET /V1/directory/currency`` of the client's store scope."""
        answer = self._c.get("/V1/directory/currency")
        return Currency(
            base_currency_code=text(answer, "base_currency_code"),
            default_display_currency_code=text(answer, "default_display_currency_code"),
            available_currency_codes=tuple(str(c) for c in answer.get("available_currency_codes") or ()),
            exchange_rates={
                text(r, "currency_to"): opt_float(r.get("rate")) or 0.0
                for r in objs(answer, "exchange_rates")
            },
        )

    def configs(self, store_codes: Sequence[str] = ()) -> list[StoreConfig]:
        params = [("storeCodes[]", code) for code in store_codes]
        return [_config(c) for c in self._c.get("/V1/store/storeConfigs", params or None)]


def _config(c: dict[str, object]) -> StoreConfig:
    return StoreConfig(
        id=to_int(c["id"]),
        code=text(c, "code"),
        website_id=opt_int(c.get("website_id")) or 0,
        locale=text(c, "locale"),
        base_currency_code=text(c, "base_currency_code"),
        default_display_currency_code=text(c, "default_display_currency_code"),
        timezone=text(c, "timezone"),
        weight_unit=text(c, "weight_unit"),
        base_url=text(c, "base_url"),
        base_media_url=text(c, "base_media_url"),
        secure_base_media_url=text(c, "secure_base_media_url"),
    )
