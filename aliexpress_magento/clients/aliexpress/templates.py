"""Templates area: freight templates and promise (service) templates a product must reference."""

from __future__ import annotations

from dataclasses import dataclass

from . import envelope
from .envelope import Json
from .gateway import Gateway

LIST_FREIGHT = "aliexpress.freight.redefining.listfreighttemplate"
QUERY_PROMISE = "aliexpress.postproduct.redefining.querypromisetemplatebyid"
ALL_PROMISE_TEMPLATES = -1  # historically returns every template of the seller


@dataclass(frozen=True)
class FreightTemplate:
    template_id: int
    template_name: str
    is_default: bool


@dataclass(frozen=True)
class PromiseTemplate:
    id: int
    name: str


def parse_freight(payload: Json) -> tuple[FreightTemplate, ...]:
    # The wrapper key is "aeopfreighttemplatedtolist" in the sample: items() reads it whatever its name.
    rows = envelope.items(payload, "aeop_freight_template_d_t_o_list", "aeopfreighttemplatedtolist")
    return tuple(
        FreightTemplate(
            template_id=envelope.integer(row, "template_id"),
            template_name=envelope.text(row, "template_name"),
            is_default=envelope.flag(row, "is_default") is True,
        )
        for row in rows
    )


def parse_promise(payload: Json) -> tuple[PromiseTemplate, ...]:
    rows = envelope.items(envelope.obj(payload, "result"), "template_list")
    return tuple(
        PromiseTemplate(id=envelope.integer(row, "id"), name=envelope.text(row, "name")) for row in rows
    )


class Templates:
    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    def list_freight(self) -> tuple[FreightTemplate, ...]:
        return parse_freight(self._gateway.call(LIST_FREIGHT))

    def query_promise(self, template_id: int = ALL_PROMISE_TEMPLATES) -> tuple[PromiseTemplate, ...]:
        return parse_promise(self._gateway.call(QUERY_PROMISE, {"template_id": template_id}))
