"""Logistics area: the shipping services a seller may declare in ``order.fulfill``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import envelope
from .envelope import Json
from .gateway import Gateway

LIST_SERVICES = "aliexpress.logistics.redefining.listlogisticsservice"


@dataclass(frozen=True)
class LogisticsService:
    service_name: str  # the key order.fulfill takes, e.g. "CPAM"
    display_name: str
    logistics_company: str
    min_process_day: int
    max_process_day: int
    recommend_order: int
    tracking_no_regex: str

    def accepts(self, tracking_number: str) -> bool:
        """Check a tracking number before fulfil, as AliExpress will; no regex means anything goes."""
        if not self.tracking_no_regex:
            return True
        try:
            return re.fullmatch(self.tracking_no_regex, tracking_number) is not None
        except re.error:
            return True  # a pattern Python cannot read is AliExpress's to enforce, not ours


def parse_services(payload: Json) -> tuple[LogisticsService, ...]:
    rows = envelope.items(payload, "result_list", "aeop_logistics_service_result")
    return tuple(
        LogisticsService(
            service_name=envelope.text(row, "service_name"),
            display_name=envelope.text(row, "display_name"),
            logistics_company=envelope.text(row, "logistics_company"),
            min_process_day=envelope.integer(row, "min_process_day"),
            max_process_day=envelope.integer(row, "max_process_day"),
            recommend_order=envelope.integer(row, "recommend_order"),
            tracking_no_regex=envelope.text(row, "tracking_no_regex"),
        )
        for row in rows
    )


class Logistics:
    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    def list_services(self) -> tuple[LogisticsService, ...]:
        return parse_services(self._gateway.call(LIST_SERVICES))
