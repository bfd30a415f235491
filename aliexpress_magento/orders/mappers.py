"""AliExpress's order answers → what the Store is asked to create (pure: no Django, no database, no HTTP).

AliExpress gives no buyer e-mail (neither order.get, order.info.get nor receiptinfo.get has one). The
order is placed with the account's *Aliexpress Customer Email*; without one, with a stand-in address
under ``example.com`` (reserved for examples: it never reaches a buyer, and Magento's e-mail check takes
it) built from the buyer's login id, so the merchant can still tell buyers apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from aliexpress_magento.clients.aliexpress.orders import Address as Receipt
from aliexpress_magento.clients.aliexpress.orders import OrderDetail
from aliexpress_magento.stores.model import Address, OrderLine, OrderToCreate

CENT = Decimal("0.01")
STAND_IN_DOMAIN = "example.com"
# AliExpress's country codes that are not ISO 3166 (the fact sheet's receipt samples; "UK" is common).
COUNTRY_FIXES = {"UK": "GB", "SRB": "RS"}
# Magento requires a telephone on an address; a receipt without any number gets this.
NO_PHONE = "0"


@dataclass(frozen=True)
class Settings:
    """What the account's configuration decides about an order."""

    customer_email: str
    payment_method: str
    shipping_method: str
    order_id_prefix: str


class UnusableOrder(ValueError):
    """The order cannot be created as AliExpress gave it; the message says why, for the merchant."""


def buyer_email(settings: Settings, buyer_login_id: str, order_id: int) -> str:
    if settings.customer_email:
        return settings.customer_email
    local = re.sub(r"[^a-z0-9._-]+", "-", buyer_login_id.lower()).strip("-.") or f"order-{order_id}"
    return f"aliexpress-{local}@{STAND_IN_DOMAIN}"


def split_name(full: str) -> tuple[str, str]:
    """ "BYD Song" → ("BYD", "Song"): the last word is the last name. Magento requires both, so a
    one-word name is used for both."""
    words = full.split()
    if not words:
        return "AliExpress", "Buyer"
    if len(words) == 1:
        return words[0], words[0]
    return " ".join(words[:-1]), words[-1]


def telephone(receipt: Receipt) -> str:
    """The mobile number first (what couriers call), with its country code; else the landline."""
    if receipt.mobile_no:
        return " ".join(p for p in (receipt.phone_country, receipt.mobile_no) if p)
    parts = (receipt.phone_country, receipt.phone_area, receipt.phone_number)
    return " ".join(p for p in parts if p) if receipt.phone_number else NO_PHONE


def address(receipt: Receipt, email: str, fallback_name: str) -> Address:
    firstname, lastname = split_name(receipt.contact_person or fallback_name)
    street = tuple(s for s in (receipt.address or receipt.detail_address, receipt.address2) if s.strip())
    if not street:
        raise UnusableOrder("The receipt address has no street.")
    if not receipt.country:
        raise UnusableOrder("The receipt address has no country.")
    return Address(
        firstname=firstname,
        lastname=lastname,
        street=street,
        city=receipt.city or receipt.province,
        postcode=receipt.zip,
        country_id=COUNTRY_FIXES.get(receipt.country.upper(), receipt.country.upper()),
        telephone=telephone(receipt),
        email=email,
        region=receipt.province,
    )


def lines(
    detail: OrderDetail, parents: dict[str, str], skus: dict[str, str] | None = None
) -> tuple[OrderLine, ...]:
    """One line per child order; ``skus`` maps an AliExpress SKU code that is not a Magento SKU to the
    Magento SKU it resolved to (``services/skus.py``), ``parents`` a configurable child's SKU to its
    parent's."""
    skus = skus or {}
    out = []
    for child in detail.child_orders:
        if not child.sku_code:
            raise UnusableOrder(f"The line {child.product_name!r} has no SKU code on AliExpress.")
        price = child.product_price.amount or Decimal(0)
        sku = skus.get(child.sku_code, child.sku_code)
        out.append(
            OrderLine(
                sku=sku,
                qty=child.product_count,
                price=price,
                name=child.product_name,
                parent_sku=parents.get(sku, ""),
            )
        )
    if not out:
        raise UnusableOrder("The order has no lines.")
    return tuple(out)


def order_to_create(
    detail: OrderDetail,
    receipt: Receipt,
    settings: Settings,
    parents: dict[str, str],
    order_id: int,
    skus: dict[str, str] | None = None,
) -> OrderToCreate:
    email = buyer_email(settings, detail.buyer_login_id, order_id)
    shipping = address(receipt, email, detail.buyer_login_id)
    order_lines = lines(detail, parents, skus)
    subtotal = sum((line.price * line.qty for line in order_lines), Decimal(0)).quantize(CENT)
    shipping_amount = (detail.logistics_amount.amount or Decimal(0)).quantize(CENT)
    total = detail.order_amount.amount
    return OrderToCreate(
        external_id=str(order_id),
        currency=detail.order_amount.currency_code,
        lines=order_lines,
        customer_email=email,
        customer_firstname=shipping.firstname,
        customer_lastname=shipping.lastname,
        billing_address=shipping,
        shipping_address=shipping,
        payment_method=settings.payment_method,
        shipping_method=settings.shipping_method,
        subtotal=subtotal,
        shipping_amount=shipping_amount,
        grand_total=(total if total is not None else subtotal + shipping_amount).quantize(CENT),
        increment_id=f"{settings.order_id_prefix}{order_id}",
        comment=f"AliExpress buyer {detail.buyer_login_id}." if detail.buyer_login_id else "",
    )


def totals_differ(
    aliexpress_total: Decimal, aliexpress_currency: str, magento_total: Decimal | None, magento_currency: str
) -> str:
    """A sentence for the order comment when Magento's grand total or currency is not AliExpress's; ""
    when they agree (or Magento did not say)."""
    if magento_total is None:
        return ""
    same_currency = not magento_currency or magento_currency.upper() == aliexpress_currency.upper()
    if same_currency and magento_total.quantize(CENT) == aliexpress_total.quantize(CENT):
        return ""
    return (
        f"Totals differ: AliExpress {aliexpress_total:.2f} {aliexpress_currency}, "
        f"Magento {magento_total:.2f} {magento_currency or '?'}."
    )
