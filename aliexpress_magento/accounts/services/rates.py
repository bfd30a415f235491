"""The rate prices are converted at, from the store's base currency to the seller's AliExpress quotation
currency, and where it comes from: the account's fixed Conversion rate, or the store's own currency
rates (``Store.currency_rates``), read when the catalog refreshes and when the configuration page loads
its lists, and kept on the account with the time they were read (``Account.store_rates``).

:func:`rate_in_use` is the one answer every consumer takes (the payload builder's settings, the Manage
Products grid and Preview, the configuration page): the rate with its source and date, or the sentence
saying why there is none — prices are then never sent unconverted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from aliexpress_magento.accounts import api_clients, diagnosis
from aliexpress_magento.accounts.choices import RateSource
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.stores import RatesUnavailable, Store

DEFAULT_CURRENCY = "USD"  # the store's base currency until the configuration page fetched it
SETTING_LABEL = "fixed rate setting"
STORE_LABEL = "store's rates"


@dataclass(frozen=True)
class RateInUse:
    """1 base unit = ``rate`` quotation units, from ``source`` as of ``at``; ``rate`` None: ``problem``
    says why (a sentence for the merchant). Same currencies: rate 1, no source."""

    rate: Decimal | None
    source: str = ""
    at: datetime | None = None
    problem: str = ""


def currencies(account: Account) -> tuple[str, str]:
    """(base, quotation): the base currency of the store view products are read from, as the
    configuration page fetched it; the quotation currency, that base when none is set."""
    views = (account.remote_choices or {}).get("store_views") or []
    chosen = next((v for v in views if v.get("code") == account.store_view_code), None)
    base = str((chosen or {}).get("currency") or DEFAULT_CURRENCY)
    return base, account.quotation_currency or base


def rate_in_use(account: Account, base: str, quotation: str) -> RateInUse:
    if base == quotation:
        return RateInUse(Decimal(1))
    if account.rate_source == RateSource.STORE:
        return _store_rate(account, base, quotation)
    rate = account.currency_rate
    if rate is None or rate <= 0:
        return RateInUse(None, SETTING_LABEL, problem=_no_setting(base, quotation))
    return RateInUse(rate, SETTING_LABEL, account.currency_rate_set_at)


def _no_setting(base: str, quotation: str) -> str:
    return (
        f"Prices are in {base} but AliExpress quotes this seller in {quotation}, and no {base} → "
        f"{quotation} rate is set (Configuration: Conversion rate): nothing is sent unconverted."
    )


def _store_rate(account: Account, base: str, quotation: str) -> RateInUse:
    kept = account.store_rates or {}
    read_at = _moment(kept.get("read_at"))
    if read_at is None:
        why = kept.get("error") or "they have not been read yet (refresh the catalog or load the lists)"
        return RateInUse(None, STORE_LABEL, problem=_no_store_rate(base, quotation, str(why)))
    if kept.get("base") != base:
        why = f"the store's rates are from {kept.get('base') or 'an unknown currency'}, not {base}"
        return RateInUse(None, STORE_LABEL, read_at, _no_store_rate(base, quotation, why))
    rate = _decimal((kept.get("rates") or {}).get(quotation))
    if rate is None:
        why = f"the store has no {quotation} rate (allow {quotation} and enter its rate in Magento)"
        return RateInUse(None, STORE_LABEL, read_at, _no_store_rate(base, quotation, why))
    return RateInUse(rate, STORE_LABEL, read_at)


def _no_store_rate(base: str, quotation: str, why: str) -> str:
    return (
        f"Prices are in {base} but AliExpress quotes this seller in {quotation}, and the store's currency "
        f"rates give no {base} → {quotation} rate: {why}. Nothing is sent unconverted."
    )


def _decimal(raw: object) -> Decimal | None:
    try:
        value = Decimal(str(raw)) if raw is not None else None
    except InvalidOperation:
        return None
    return value if value is not None and value > 0 else None


def _moment(raw: object) -> datetime | None:
    return datetime.fromisoformat(raw) if isinstance(raw, str) and raw else None


# --- reading the store's rates ---------------------------------------------------------------------------


def read_store_rates(account: Account, store: Store | None = None) -> str:
    """Read the store's rates onto the account (with ``store``, else a Store of its own); returns the
    failure as a sentence, "" when read. A failure keeps the rates read before, with the failure beside
    them (the page and the product show both)."""
    try:
        if store is None:
            with api_clients.store(account, retry=NO_RETRY) as own:
                rates = own.currency_rates()
        else:
            rates = store.currency_rates()
    except RatesUnavailable as exc:
        return _keep_failure(account, str(exc))
    except Exception as exc:
        return _keep_failure(account, diagnosis.explain(exc, account.magento_base_url))
    account.store_rates = {
        "base": rates.base_currency,
        "rates": {code: str(rate) for code, rate in sorted(rates.rates.items())},
        "read_at": timezone.now().isoformat(),
    }
    account.save(update_fields=["store_rates", "updated_at"])
    return ""


def _keep_failure(account: Account, problem: str) -> str:
    kept = dict(account.store_rates or {})
    kept.update(error=problem, error_at=timezone.now().isoformat())
    account.store_rates = kept
    account.save(update_fields=["store_rates", "updated_at"])
    return problem
