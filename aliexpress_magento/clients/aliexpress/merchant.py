"""Merchant profile area: who the token belongs to, and whether it may post products at all."""

from __future__ import annotations

from dataclasses import dataclass

from . import envelope
from .envelope import Json
from .gateway import Gateway

PROFILE_GET = "aliexpress.solution.merchant.profile.get"


@dataclass(frozen=True)
class MerchantProfile:
    country_code: str
    merchant_login_id: str
    shop_id: int | None
    shop_name: str
    shop_type: str
    shop_url: str
    product_posting_forbidden: bool


def parse_profile(payload: Json) -> MerchantProfile:
    return MerchantProfile(
        country_code=envelope.text(payload, "country_code"),
        merchant_login_id=envelope.text(payload, "merchant_login_id"),
        shop_id=envelope.ident(payload, "shop_id"),
        shop_name=envelope.text(payload, "shop_name"),
        shop_type=envelope.text(payload, "shop_type"),
        shop_url=envelope.text(payload, "shop_url"),
        product_posting_forbidden=envelope.flag(payload, "product_posting_forbidden") is True,
    )


class Merchant:
    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    def profile_get(self) -> MerchantProfile:
        return parse_profile(self._gateway.call(PROFILE_GET))
