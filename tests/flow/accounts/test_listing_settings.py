"""The configuration page's listing settings (issue 13 item 2): the main and further AliExpress languages
(store view code=locale lines), the quotation currency and its rate, the package and the stock rules —
saved, shown back, and refused with a sentence naming the field."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from aliexpress_magento.accounts.models import Account

from .test_configuration_page import ADD, _errors, form_data

STORE_VIEWS = {
    "store_views": [
        {"code": "default", "name": "Default Store View", "website": "base", "currency": "USD"},
        {"code": "french", "name": "French", "website": "base", "currency": "USD"},
        {"code": "spanish", "name": "Spanish", "website": "base", "currency": "USD"},
    ]
}


def test_new_accounts_keep_the_former_fixed_values(merchant_client) -> None:
    answer = merchant_client.post(ADD, form_data())
    assert answer.status_code == 302, _errors(answer)
    account = Account.objects.get()
    assert (account.main_locale, account.extra_locales, account.quotation_currency) == ("en_US", {}, "")
    assert (account.package_length, account.package_width, account.package_height) == (30, 20, 5)
    assert (account.currency_rate, account.stock_buffer, account.stock_threshold, account.stock_max) == (
        None,
        0,
        0,
        None,
    )


def test_the_listing_settings_are_saved_and_shown_back(merchant_client) -> None:
    answer = merchant_client.post(
        ADD,
        form_data(
            main_locale="de_DE",
            extra_locales="french = fr_FR\n\nspanish=es_ES\n",
            quotation_currency="eur",
            currency_rate="0.9",
            package_length="40",
            package_width="700",
            package_height="1",
            stock_buffer="2",
            stock_threshold="3",
            stock_max="50",
        ),
    )
    assert answer.status_code == 302, _errors(answer)
    account = Account.objects.get()
    assert account.main_locale == "de_DE"
    assert account.extra_locales == {"french": "fr_FR", "spanish": "es_ES"}
    assert (account.quotation_currency, account.currency_rate) == ("EUR", Decimal("0.9"))
    assert (account.package_length, account.package_width, account.package_height) == (40, 700, 1)
    assert (account.stock_buffer, account.stock_threshold, account.stock_max) == (2, 3, 50)
    html = merchant_client.get(reverse("admin:accounts_account_change", args=[account.pk])).content.decode()
    assert "french=fr_FR\nspanish=es_ES</textarea>" in html
    assert '<option value="de_DE" selected>German (de_DE)</option>' in html


@pytest.mark.parametrize(
    ("changes", "field", "messages"),
    [
        (
            {"package_length": "701"},
            "package_length",
            ["Enter a number from 1 to 700: AliExpress takes package dimensions in whole centimetres."],
        ),
        (
            {"package_height": "0"},
            "package_height",
            ["Enter a number from 1 to 700: AliExpress takes package dimensions in whole centimetres."],
        ),
        ({"stock_buffer": "-1"}, "stock_buffer", ["Ensure this value is greater than or equal to 0."]),
        ({"stock_threshold": "-1"}, "stock_threshold", ["Ensure this value is greater than or equal to 0."]),
        (
            {"stock_max": "0"},
            "stock_max",
            ["0 would send every product out of stock: leave it empty for no cap, or enter 1 or more."],
        ),
        (
            {"quotation_currency": "EU"},
            "quotation_currency",
            ["Enter a three-letter currency code (e.g. USD, EUR, RUB)."],
        ),
        (
            {"quotation_currency": "EUR", "currency_rate": "0"},
            "currency_rate",
            ["Enter a rate more than 0."],
        ),
        (
            {"quotation_currency": "EUR"},
            "currency_rate",
            [
                "The store view's base currency is not known yet (Load lists from AliExpress and Magento), "
                "so enter the rate from it to EUR (1 if it is EUR)."
            ],
        ),
        (
            {"extra_locales": "french=xx_XX"},
            "extra_locales",
            [
                "Line 1: xx_XX is not an AliExpress locale (en_US, ru_RU, es_ES, fr_FR, de_DE, it_IT, pt_BR, "
                "nl_NL, pl_PL, tr_TR, ko_KR, ja_JP, ar_MA, he_IL, th_TH, vi_VN, id_ID)."
            ],
        ),
        (
            {"extra_locales": "french fr_FR\nbelgian=fr_FR\nwalloon=fr_FR\nbelgian=es_ES"},
            "extra_locales",
            [
                "Line 1: write store view code=locale, e.g. french=fr_FR.",
                "Line 3: fr_FR is already taken by another store view.",
                "Line 4: the store view belgian is mapped twice.",
            ],
        ),
        (
            {"extra_locales": "english=en_US"},
            "extra_locales",
            ["english=en_US: en_US is the main language already."],
        ),
    ],
)
def test_a_bad_listing_setting_gets_its_fields_message(
    merchant_client, changes: dict[str, Any], field: str, messages: list[str]
) -> None:
    page = merchant_client.post(ADD, form_data(**changes))
    assert page.status_code == 200
    assert Account.objects.count() == 0
    assert _errors(page) == {field: messages}


@pytest.fixture
def fetched(account: Account) -> Account:
    """The demo account, its store views fetched (base currency USD)."""
    account.remote_choices = STORE_VIEWS
    account.save()
    return account


def _change(client: Any, account: Account, **changes: Any) -> Any:
    return client.post(
        reverse("admin:accounts_account_change", args=[account.pk]),
        form_data(name=account.name, **changes),
    )


def test_a_different_currency_needs_the_rate_from_the_stores_base_currency(merchant_client, fetched) -> None:
    page = _change(merchant_client, fetched, quotation_currency="EUR")
    assert _errors(page) == {
        "currency_rate": [
            "The store's prices are in USD and AliExpress quotes you in EUR: enter how many EUR one USD is "
            "worth. Prices are never sent unconverted."
        ]
    }
    assert _change(merchant_client, fetched, quotation_currency="USD").status_code == 302  # the same: no rate
    fetched.refresh_from_db()
    assert (fetched.quotation_currency, fetched.currency_rate) == ("USD", None)


def test_further_languages_name_fetched_store_views_other_than_the_main_one(merchant_client, fetched) -> None:
    page = _change(merchant_client, fetched, extra_locales="default=fr_FR\nitalian=it_IT\nspanish=es_ES")
    assert _errors(page) == {
        "extra_locales": [
            "default=fr_FR: default is the selected store view (the main language).",
            "italian=it_IT: the store has no store view italian (default, french, spanish).",
        ]
    }
    assert _change(merchant_client, fetched, extra_locales="spanish=es_ES").status_code == 302
    fetched.refresh_from_db()
    assert fetched.extra_locales == {"spanish": "es_ES"}


# --- the rate source (issue 13: a setting or the store's own rates) ---------------------------------------


def _rate_shown(client: Any, account: Account) -> str:
    page = client.get(reverse("admin:accounts_account_change", args=[account.pk])).content.decode()
    match = re.search(r'<div class="readonly">(.*?)</div>', page[page.index("Rate in use") :], re.S)
    assert match is not None
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)).strip())


def test_a_fixed_rate_is_shown_with_the_time_it_was_set(merchant_client, fetched) -> None:
    before = timezone.now().replace(second=0, microsecond=0)
    assert (
        _change(merchant_client, fetched, quotation_currency="EUR", currency_rate="0.92").status_code == 302
    )
    fetched.refresh_from_db()
    assert fetched.currency_rate_set_at is not None and fetched.currency_rate_set_at >= before
    set_at = f"{fetched.currency_rate_set_at:%Y-%m-%d %H:%M}"
    assert (
        _rate_shown(merchant_client, fetched) == f"1 USD = 0.920000 EUR (fixed rate setting, {set_at} UTC)."
    )


def test_the_stores_rates_need_no_setting_and_the_page_warns_while_they_lack_the_currency(
    merchant_client, fetched
) -> None:
    answer = _change(merchant_client, fetched, quotation_currency="EUR", rate_source="store")
    assert answer.status_code == 302, _errors(answer)
    assert _rate_shown(merchant_client, fetched) == (
        "Prices are in USD but AliExpress quotes this seller in EUR, and the store's currency rates give no "
        "USD → EUR rate: they have not been read yet (refresh the catalog or load the lists). Nothing is "
        "sent unconverted."
    )
    Account.objects.filter(pk=fetched.pk).update(
        store_rates={"base": "USD", "rates": {"USD": "1"}, "read_at": "2026-12-01T08:30:00+00:00"}
    )
    assert _rate_shown(merchant_client, fetched).endswith(
        "rate: the store has no EUR rate (allow EUR and enter its rate in Magento). Nothing is sent "
        "unconverted."
    )
    Account.objects.filter(pk=fetched.pk).update(
        store_rates={"base": "USD", "rates": {"EUR": "0.9213"}, "read_at": "2026-12-01T08:30:00+00:00"}
    )
    assert (
        _rate_shown(merchant_client, fetched) == "1 USD = 0.9213 EUR (store's rates, 2026-12-01 08:30 UTC)."
    )


def test_magento1_cannot_take_the_stores_rates(merchant_client) -> None:
    page = merchant_client.post(
        ADD,
        form_data(
            platform="magento1",
            magento1_api_user="api",
            magento1_api_key="key",
            quotation_currency="EUR",
            rate_source="store",
        ),
    )
    assert page.status_code == 200
    assert _errors(page)["rate_source"] == [
        "Magento 1's API has no call for its currency rates, so the store's rates cannot be read: choose "
        "the fixed rate (Rate source) and enter the Conversion rate."
    ]
