"""The two money shapes of the order APIs: ``{amount, currency_code}`` and the detailed ``GlobalMoneyStr``."""

from __future__ import annotations

from typing import Any

JsonDict = dict[str, Any]
CURRENCIES = {
    "USD": (840, "$", "US Dollar"),
    "EUR": (978, "EUR", "Euro"),
    "RUB": (643, "RUB", "Russian Ruble"),
    "BRL": (986, "R$", "Brazilian Real"),
}


def amount(value: float) -> str:
    return f"{value:.2f}"


def simple(value: float, currency: str) -> JsonDict:
    return {"currency_code": currency, "amount": amount(value)}


def detailed(value: float, currency: str) -> JsonDict:
    """Both ``amount`` and ``amount_str``: the sample uses one or the other depending on the field."""
    numeric, symbol, name = CURRENCIES.get(currency, (0, currency, currency))
    return {
        "cent": round(value * 100),
        "currency_code": currency,
        "amount": amount(value),
        "amount_str": amount(value),
        "cent_factor": 100,
        "currency": {
            "default_fraction_digits": 2,
            "numeric_code": numeric,
            "currency_code": currency,
            "symbol": symbol,
            "display_name": name,
        },
    }
