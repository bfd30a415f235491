"""Merchant profile, freight and promise templates, logistics services."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress.call import Call, JsonDict

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World


def merchant_profile(world: World, call: Call) -> JsonDict:
    profile = dict(seed.shop()["seller"]["profile"])
    profile.pop("source", None)
    return profile


def freight_templates(world: World, call: Call) -> JsonDict:
    """The odd all-lowercase item key ``aeopfreighttemplatedtolist`` is the sample's, kept as is."""
    rows = [
        {"template_name": t["template_name"], "is_default": t["is_default"], "template_id": t["template_id"]}
        for t in seed.shop()["freight_templates"]
    ]
    return {
        "result_error_desc": "",
        "aeop_freight_template_d_t_o_list": {"aeopfreighttemplatedtolist": rows},
        "result_success": True,
    }


def promise_templates(world: World, call: Call) -> JsonDict:
    """No sample exists; the item key ``template_list.aeop_promise_template`` is our guess (uncertain)."""
    wanted = call.integer("template_id", -1)
    rows = [
        {"id": t["id"], "name": t["name"]}
        for t in seed.shop()["promise_templates"]
        if wanted == -1 or t["id"] == wanted
    ]
    return {"result": {"template_list": {"aeop_promise_template": rows}, "is_success": True}}


def logistics_services(world: World, call: Call) -> JsonDict:
    rows = [dataclasses.asdict(s) for s in seed.logistics_services()]
    return {"result_list": {"aeop_logistics_service_result": rows}, "error_desc": "", "result_success": True}


METHODS = {
    "aliexpress.solution.merchant.profile.get": merchant_profile,
    "aliexpress.freight.redefining.listfreighttemplate": freight_templates,
    "aliexpress.postproduct.redefining.querypromisetemplatebyid": promise_templates,
    "aliexpress.logistics.redefining.listlogisticsservice": logistics_services,
}
