"""The AliExpress price of a SKU: the account's price rule, rounded to cents, then converted to the
seller's quotation currency; and the discount price from Magento's special price while it is valid.

``Decimal`` throughout and ROUND_HALF_UP, as a merchant rounds by hand (0.105 → 0.11; the banker's
rounding Python uses by default would give 0.10). A price is never sent unconverted: when the store's
base currency differs from the quotation currency and no rate is set, :class:`MissingRateError`.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from aliexpress_magento.listings.mappers.inputs import ListingSettings, PriceRule, SpecialPrice

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


class PriceError(ValueError):
    """A price that cannot be sent; the message is a sentence for the merchant."""


class MissingRateError(PriceError):
    pass


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def apply_rule(price: Decimal, settings: ListingSettings) -> Decimal:
    """The Magento price after the account's rule (± a fixed amount or ± a percentage), in cents."""
    rule = settings.price_rule
    if rule in (PriceRule.INCREASE_FIXED, PriceRule.DECREASE_FIXED):
        amount = _setting(settings.price_fixed_amount, "Modify by Fix Price", rule)
        changed = price + amount if rule == PriceRule.INCREASE_FIXED else price - amount
    elif rule in (PriceRule.INCREASE_PERCENT, PriceRule.DECREASE_PERCENT):
        percent = _setting(settings.price_percentage, "Modify by Percentage Price", rule)
        sign = 1 if rule == PriceRule.INCREASE_PERCENT else -1
        changed = price * (HUNDRED + sign * percent) / HUNDRED
    else:
        changed = price
    return to_cents(changed)


def _setting(value: Decimal | None, label: str, rule: PriceRule) -> Decimal:
    if value is None:
        raise PriceError(f"The price rule {rule.value} needs a value in “{label}” (Configuration).")
    return value


def convert(amount: Decimal, settings: ListingSettings) -> Decimal:
    """``amount`` (base currency, cents) in the quotation currency, in cents."""
    if settings.base_currency == settings.quotation_currency:
        return amount
    rate = settings.currency_rate
    if rate is None or rate <= 0:
        raise MissingRateError(
            settings.rate_problem
            or f"Prices are in {settings.base_currency} but AliExpress quotes this seller in "
            f"{settings.quotation_currency}, and no {settings.base_currency} → "
            f"{settings.quotation_currency} rate is set: nothing is sent unconverted."
        )
    return to_cents(amount * rate)


def conversion_note(price: Decimal, settings: ListingSettings) -> str:
    """How a Magento price was converted, for the merchant: "X EUR = Y USD at rate R (source, date)",
    X being the price after the rule; "" when no conversion applies. Raises ``PriceError`` as
    :func:`aliexpress_price` does."""
    if settings.base_currency == settings.quotation_currency:
        return ""
    ruled = apply_rule(price, settings)
    converted = convert(ruled, settings)
    when = f", {settings.rate_at:%Y-%m-%d %H:%M} UTC" if settings.rate_at else ""
    return (
        f"{ruled} {settings.base_currency} = {converted} {settings.quotation_currency} at rate "
        f"{settings.currency_rate} ({settings.rate_source}{when})"
    )


def aliexpress_price(price: Decimal, settings: ListingSettings) -> Decimal:
    """Magento price → AliExpress price: the rule in the base currency, then the conversion."""
    return convert(apply_rule(price, settings), settings)


def special_is_valid(special: SpecialPrice, today: date) -> bool:
    """Magento's window: both ends inclusive, an open end is no limit."""
    starts, ends = special.from_date, special.to_date
    return (starts is None or starts <= today) and (ends is None or today <= ends)


def discount_price(
    special: SpecialPrice | None, price: Decimal, settings: ListingSettings, today: date
) -> Decimal | None:
    """The AliExpress discount price, or None: no special price, outside its window, or not below
    the regular price (Magento would sell at the regular price then, and AliExpress refuses a
    discount that is not lower). The rule and the conversion apply as to the regular price."""
    if special is None or not special_is_valid(special, today) or special.price >= price:
        return None
    discounted = aliexpress_price(special.price, settings)
    return discounted if discounted < aliexpress_price(price, settings) else None
