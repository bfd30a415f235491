"""The price rule, its rounding, the currency conversion and the special price window."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from aliexpress_magento.accounts.choices import PriceRule as AccountPriceRule
from aliexpress_magento.listings.mappers.inputs import PriceRule, SpecialPrice
from aliexpress_magento.listings.mappers.price import (
    MissingRateError,
    PriceError,
    aliexpress_price,
    conversion_note,
    discount_price,
    special_is_valid,
)
from tests.unit.listings.shirts import TODAY, settings


def test_the_pure_price_rules_are_the_configuration_pages() -> None:
    assert [r.value for r in PriceRule] == [r.value for r in AccountPriceRule]


@pytest.mark.parametrize(
    ("rule", "fixed", "percent", "magento", "expected"),
    [
        (PriceRule.DEFAULT, None, None, "29.90", "29.90"),
        (PriceRule.DEFAULT, None, None, "29.9049", "29.90"),
        (PriceRule.DEFAULT, None, None, "29.905", "29.91"),  # half up, not to even
        (PriceRule.INCREASE_FIXED, "5.00", None, "29.90", "34.90"),
        (PriceRule.DECREASE_FIXED, "5.00", None, "29.90", "24.90"),
        (PriceRule.INCREASE_PERCENT, None, "5", "100", "105.00"),
        (PriceRule.INCREASE_PERCENT, None, "5", "0.10", "0.11"),  # 0.105 → 0.11 (banker's: 0.10)
        (PriceRule.INCREASE_PERCENT, None, "12.5", "19.99", "22.49"),  # 22.48875
        (PriceRule.DECREASE_PERCENT, None, "15", "19.99", "16.99"),  # 16.9915
        (PriceRule.DECREASE_PERCENT, None, "10", "0.25", "0.23"),  # 0.225 → 0.23 (banker's: 0.22)
        (PriceRule.DECREASE_PERCENT, None, "10", "0.35", "0.32"),  # 0.315 → 0.32
    ],
)
def test_the_rule_rounds_half_up_to_cents(
    rule: PriceRule, fixed: str | None, percent: str | None, magento: str, expected: str
) -> None:
    chosen = settings(
        price_rule=rule,
        price_fixed_amount=Decimal(fixed) if fixed else None,
        price_percentage=Decimal(percent) if percent else None,
    )
    price = aliexpress_price(Decimal(magento), chosen)
    assert (price, str(price)) == (Decimal(expected), expected)


def test_a_rule_without_its_amount_is_refused() -> None:
    with pytest.raises(PriceError) as raised:
        aliexpress_price(Decimal("10"), settings(price_rule=PriceRule.DECREASE_PERCENT))
    assert str(raised.value) == (
        "The price rule decrease_percent needs a value in “Modify by Percentage Price” (Configuration)."
    )


def test_the_rule_applies_in_the_base_currency_then_the_price_is_converted() -> None:
    chosen = settings(
        base_currency="USD",
        quotation_currency="EUR",
        currency_rate=Decimal("0.9213"),
        price_rule=PriceRule.INCREASE_FIXED,
        price_fixed_amount=Decimal("1.00"),
    )
    # (29.90 + 1.00) x 0.9213 = 28.46817 → 28.47
    assert aliexpress_price(Decimal("29.90"), chosen) == Decimal("28.47")


def test_conversion_rounds_half_up() -> None:
    chosen = settings(base_currency="GBP", quotation_currency="USD", currency_rate=Decimal("1.25"))
    assert aliexpress_price(Decimal("0.10"), chosen) == Decimal("0.13")  # 0.125


def test_a_price_is_never_sent_unconverted() -> None:
    chosen = settings(base_currency="GBP", quotation_currency="USD", currency_rate=None)
    with pytest.raises(MissingRateError) as raised:
        aliexpress_price(Decimal("10"), chosen)
    assert str(raised.value) == (
        "Prices are in GBP but AliExpress quotes this seller in USD, and no GBP → USD rate is set: "
        "nothing is sent unconverted."
    )


def test_a_missing_rate_says_why_in_the_rate_sources_words() -> None:
    why = "the store has no USD rate"
    chosen = settings(base_currency="GBP", quotation_currency="USD", currency_rate=None, rate_problem=why)
    with pytest.raises(MissingRateError, match=f"^{why}$"):
        aliexpress_price(Decimal("10"), chosen)


def test_the_conversion_note_names_the_price_after_the_rule_the_rate_its_source_and_date() -> None:
    chosen = settings(
        base_currency="USD",
        quotation_currency="EUR",
        currency_rate=Decimal("0.9213"),
        rate_source="store's rates",
        rate_at=datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
        price_rule=PriceRule.INCREASE_FIXED,
        price_fixed_amount=Decimal("1.00"),
    )
    assert conversion_note(Decimal("29.90"), chosen) == (
        "30.90 USD = 28.47 EUR at rate 0.9213 (store's rates, 2026-12-01 08:30 UTC)"
    )
    undated = replace(chosen, rate_source="fixed rate setting", rate_at=None)
    assert conversion_note(Decimal("29.90"), undated).endswith("at rate 0.9213 (fixed rate setting)")
    assert conversion_note(Decimal("29.90"), replace(chosen, quotation_currency="USD")) == ""


def test_same_currency_needs_no_rate() -> None:
    chosen = settings(base_currency="EUR", quotation_currency="EUR", currency_rate=None)
    assert aliexpress_price(Decimal("10.005"), chosen) == Decimal("10.01")


@pytest.mark.parametrize(
    ("starts", "ends", "valid"),
    [
        (None, None, True),
        (date(2025, 6, 15), None, True),  # from today
        (date(2025, 6, 16), None, False),  # from tomorrow
        (None, date(2025, 6, 15), True),  # until today, inclusive
        (None, date(2025, 6, 14), False),  # ended yesterday
        (date(2025, 6, 1), date(2025, 6, 30), True),
        (date(2025, 7, 1), date(2025, 7, 31), False),
    ],
)
def test_the_special_price_window(starts: date | None, ends: date | None, valid: bool) -> None:
    assert special_is_valid(SpecialPrice(Decimal("9"), starts, ends), TODAY) is valid


def test_the_discount_price_follows_the_rule_and_the_conversion() -> None:
    chosen = settings(
        price_rule=PriceRule.DECREASE_PERCENT,
        price_percentage=Decimal("10"),
        base_currency="USD",
        quotation_currency="EUR",
        currency_rate=Decimal("0.9"),
    )
    special = SpecialPrice(Decimal("24.95"), date(2025, 6, 1), date(2025, 6, 30))
    # 24.95 - 10 % = 22.455 → 22.46; x 0.9 = 20.214 → 20.21
    assert discount_price(special, Decimal("29.90"), chosen, TODAY) == Decimal("20.21")


def test_no_discount_outside_the_window_or_when_not_lower() -> None:
    chosen = settings()
    expired = SpecialPrice(Decimal("24.95"), None, date(2025, 6, 14))
    higher = SpecialPrice(Decimal("30.00"))
    equal = SpecialPrice(Decimal("29.90"))
    assert [discount_price(s, Decimal("29.90"), chosen, TODAY) for s in (None, expired, higher, equal)] == [
        None,
        None,
        None,
        None,
    ]
