"""The configuration page's form: secrets never sent back to the browser, US Pacific order windows,
and every rule of the manual's fields with a message naming the field."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone

from aliexpress_magento.clients.aliexpress import pacific
from aliexpress_magento.stores.magento1.store import MAGENTO1_NO_RATES

from .choices import (
    ALIEXPRESS_LOCALES,
    MAX_FEED_SIZE,
    MAX_ORDER_PAGE_SIZE,
    MAX_PACKAGE_CM,
    MAX_PRICE_OR_INVENTORY_CHUNK,
    MAX_UPLOAD_CHUNK,
    MIN_PACKAGE_CM,
    ORDER_STATUSES,
    MagentoAuth,
    Platform,
    PriceRule,
    RateSource,
)
from .models import SECRET_FIELDS, Account, CarrierMapping
from .services import credentials

PACIFIC_FORMAT = pacific.WALL_CLOCK_FORMAT
DATE_WINDOWS = (
    ("create_date_start", "create_date_end"),
    ("modified_date_start", "modified_date_end"),
)
PACIFIC_FIELDS = tuple(name for pair in DATE_WINDOWS for name in pair)
PREFIX = re.compile(r"^[A-Za-z0-9_-]*$")
# Magento's rule for an attribute code: a letter first, then letters, digits or underscores, 60 at most.
ATTRIBUTE_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,59}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
LOCALES = dict(ALIEXPRESS_LOCALES)
MAGENTO_CREDENTIALS = {
    MagentoAuth.INTEGRATION: ("magento_token",),
    MagentoAuth.ADMIN: ("magento_username", "magento_password"),
    MagentoAuth.OAUTH1: (
        "magento_consumer_key",
        "magento_consumer_secret",
        "magento_access_token",
        "magento_access_token_secret",
    ),
}


def https_formfield(db_field: Any, **kwargs: Any) -> Any:
    """A URL typed without a scheme is taken as https (Django 6's default, chosen now)."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


def mask(secret: str) -> str:
    """Enough to recognise a value, never enough to use it: the last 4 characters of a long one."""
    if not secret:
        return "not set"
    return "•" * 8 + (secret[-4:] if len(secret) >= 16 else "")


class SecretInput(forms.PasswordInput):
    """An empty password box whose placeholder says whether a value is stored; left empty, the stored
    value is kept (see ``AccountForm.clean``)."""

    def __init__(self, stored: str = "") -> None:
        super().__init__(render_value=False, attrs={"autocomplete": "new-password"})
        self.stored = stored

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = {**(attrs or {}), "placeholder": f"stored: {mask(self.stored)}" if self.stored else "not set"}
        return super().get_context(name, value, attrs)


class PacificDateTimeField(forms.DateTimeField):
    """Entered and shown in US Pacific time, as AliExpress's order windows are; stored in UTC."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", [PACIFIC_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d"])
        kwargs.setdefault(
            "widget", forms.DateTimeInput(format=PACIFIC_FORMAT, attrs={"placeholder": "2017-10-12 12:12:12"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime) and timezone.is_aware(value):
            return pacific.to_wall_clock(value)
        return value

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        moment = pacific.parse(str(value), self.input_formats or ())
        if moment is not None:
            return moment
        raise forms.ValidationError(
            "Enter a date and time as YYYY-MM-DD HH:MM:SS (US Pacific time).", code="invalid"
        )


class LocaleMappingField(forms.CharField):
    """Store view code → AliExpress locale, edited as one ``code=locale`` line each (a JSON object is
    no way to ask a merchant for two words). Checked here line by line; against the main locale and the
    fetched store views in ``AccountForm._check_locales``."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40, "placeholder": "french=fr_FR"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return "\n".join(f"{code}={locale}" for code, locale in value.items())
        return value

    def to_python(self, value: Any) -> dict[str, str]:  # type: ignore[override]
        if isinstance(value, dict):
            return value
        mapping: dict[str, str] = {}
        errors = []
        for number, line in enumerate(str(value or "").splitlines(), start=1):
            if not line.strip():
                continue
            code, equals, locale = (part.strip() for part in line.partition("="))
            if not equals or not code or not locale:
                errors.append(f"Line {number}: write store view code=locale, e.g. french=fr_FR.")
            elif locale not in LOCALES:
                errors.append(f"Line {number}: {locale} is not an AliExpress locale ({', '.join(LOCALES)}).")
            elif code in mapping:
                errors.append(f"Line {number}: the store view {code} is mapped twice.")
            elif locale in mapping.values():
                errors.append(f"Line {number}: {locale} is already taken by another store view.")
            else:
                mapping[code] = locale
        if errors:
            raise forms.ValidationError(errors)
        return mapping


class AccountForm(forms.ModelForm):
    extra_locales = LocaleMappingField(
        label="Further AliExpress languages",
        help_text=Account._meta.get_field("extra_locales").help_text,
    )
    fetch_order_statuses = forms.MultipleChoiceField(
        label="Fetch Order Status",
        choices=ORDER_STATUSES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The AliExpress order statuses the order cron fetches.",
    )
    # Stored secrets this save drops because their base URL moved (see services.credentials).
    dropped_secrets: tuple[str, ...] = ()

    class Meta:
        model = Account
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        formfield_callback = staticmethod(https_formfield)
        field_classes = dict.fromkeys(PACIFIC_FIELDS, PacificDateTimeField)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in SECRET_FIELDS:
            if name in self.fields:
                self.fields[name].widget = SecretInput(getattr(self.instance, name, "") or "")
                self.fields[name].help_text = (
                    self.fields[name].help_text + " " if self.fields[name].help_text else ""
                ) + "Leave empty to keep the stored value."
        choices = self.instance.remote_choices or {}
        for name, pick in REMOTE_LISTS.items():
            if name in self.fields:
                self.fields[name].widget = ChoiceListInput(pick(choices))
        for pair in DATE_WINDOWS:
            for name in pair:
                if name in self.fields:
                    self.fields[
                        name
                    ].help_text = (
                        f"{self.fields[name].label} time. It's US Pacific time, e.g. 2017-10-12 12:12:12."
                    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A stored secret is never kept for a base URL that moves to another address.
        stale = credentials.stale_secrets(self.instance, data)
        for name in SECRET_FIELDS:
            if name in self.fields and not data.get(name) and name not in stale:
                data[name] = getattr(self.instance, name, "") or ""  # empty box = keep the stored value
        self.dropped_secrets = tuple(name for name in stale if not data.get(name))
        self._fill_website(data)
        self._check_price(data)
        self._check_currency(data)
        self._check_locales(data)
        self._check_windows(data)
        self._check_magento1(data)
        if data.get("enabled"):
            self._check_required_when_enabled(data)
        return data

    def clean_order_id_prefix(self) -> str:
        prefix: str = self.cleaned_data.get("order_id_prefix", "")
        if not PREFIX.match(prefix):
            raise forms.ValidationError("Use letters, digits, '-' and '_' only (e.g. AE-).")
        return prefix

    def clean_alternate_sku_attribute(self) -> str:
        code: str = (self.cleaned_data.get("alternate_sku_attribute") or "").strip()
        if code and not ATTRIBUTE_CODE.match(code):
            raise forms.ValidationError(
                "Enter a Magento attribute code: a letter, then letters, digits or '_' (e.g. aliexpress_sku)."
            )
        return code

    def clean_feed_size(self) -> int:
        return _within(
            self.cleaned_data.get("feed_size"),
            1,
            MAX_FEED_SIZE,
            f"AliExpress takes at most {MAX_FEED_SIZE} items per feed",
        )

    def clean_upload_chunk_size(self) -> int:
        return _within(
            self.cleaned_data.get("upload_chunk_size"),
            1,
            MAX_UPLOAD_CHUNK,
            f"at most {MAX_UPLOAD_CHUNK} products per batch (one feed)",
        )

    def clean_inventory_chunk_size(self) -> int:
        return _within(
            self.cleaned_data.get("inventory_chunk_size"),
            1,
            MAX_PRICE_OR_INVENTORY_CHUNK,
            f"the inventory update API takes at most {MAX_PRICE_OR_INVENTORY_CHUNK} products per call",
        )

    def clean_price_chunk_size(self) -> int:
        return _within(
            self.cleaned_data.get("price_chunk_size"),
            1,
            MAX_PRICE_OR_INVENTORY_CHUNK,
            f"the price update API takes at most {MAX_PRICE_OR_INVENTORY_CHUNK} products per call",
        )

    def clean_package_length(self) -> int:
        return self._package("package_length")

    def clean_package_width(self) -> int:
        return self._package("package_width")

    def clean_package_height(self) -> int:
        return self._package("package_height")

    def _package(self, name: str) -> int:
        return _within(
            self.cleaned_data.get(name),
            MIN_PACKAGE_CM,
            MAX_PACKAGE_CM,
            "AliExpress takes package dimensions in whole centimetres",
        )

    def clean_stock_max(self) -> int | None:
        cap: int | None = self.cleaned_data.get("stock_max")
        if cap == 0:
            raise forms.ValidationError(
                "0 would send every product out of stock: leave it empty for no cap, or enter 1 or more."
            )
        return cap

    def clean_quotation_currency(self) -> str:
        currency = str(self.cleaned_data.get("quotation_currency") or "").strip().upper()
        if currency and not CURRENCY.match(currency):
            raise forms.ValidationError("Enter a three-letter currency code (e.g. USD, EUR, RUB).")
        return currency

    def clean_order_page_size(self) -> int:
        return _within(
            self.cleaned_data.get("order_page_size"),
            1,
            MAX_ORDER_PAGE_SIZE,
            f"the order API returns at most {MAX_ORDER_PAGE_SIZE} per page",
        )

    def _fill_website(self, data: dict[str, Any]) -> None:
        """The chosen store view's website comes from the fetched list (its salable stock)."""
        views = {v["code"]: v for v in (self.instance.remote_choices or {}).get("store_views") or []}
        chosen = views.get(data.get("store_view_code") or "")
        if chosen and "website_code" in data:
            data["website_code"] = chosen["website"]

    def _check_price(self, data: dict[str, Any]) -> None:
        rule = PriceRule(data.get("price_rule") or PriceRule.DEFAULT)
        fixed, percent = data.get("price_fixed_amount"), data.get("price_percentage")
        if rule.is_fixed and (fixed is None or fixed <= 0):
            self.add_error("price_fixed_amount", "Enter the amount (more than 0) to change the price by.")
        if rule.is_percent and (percent is None or percent <= 0):
            self.add_error("price_percentage", "Enter the percentage (more than 0) to change the price by.")
        if rule == PriceRule.DECREASE_PERCENT and percent is not None and percent >= 100:
            self.add_error(
                "price_percentage", "A decrease must be less than 100%, or the price would be 0 or less."
            )
        if rule == PriceRule.INCREASE_PERCENT and percent is not None and percent > Decimal(1000):
            self.add_error("price_percentage", "An increase of more than 1000% is surely a typo.")

    def _base_currency(self, data: dict[str, Any]) -> str:
        """The chosen store view's base currency from the fetched list; "" while it was not fetched."""
        views = {v["code"]: v for v in (self.instance.remote_choices or {}).get("store_views") or []}
        return str((views.get(data.get("store_view_code") or "") or {}).get("currency") or "")

    def _check_currency(self, data: dict[str, Any]) -> None:
        quotation, rate = data.get("quotation_currency") or "", data.get("currency_rate")
        if rate is not None and rate <= 0:
            self.add_error("currency_rate", "Enter a rate more than 0.")
            return
        if "currency_rate" in self.changed_data:
            self.instance.currency_rate_set_at = timezone.now()  # the date shown beside converted prices
        if data.get("rate_source") == RateSource.STORE:
            if data.get("platform") == Platform.MAGENTO1:
                self.add_error("rate_source", MAGENTO1_NO_RATES)
            return  # a store without the rate is the configuration page's warning, not a refusal
        base = self._base_currency(data)
        if not quotation or quotation == base or rate is not None or "currency_rate" in self.errors:
            return
        if base:
            self.add_error(
                "currency_rate",
                f"The store's prices are in {base} and AliExpress quotes you in {quotation}: enter how "
                f"many {quotation} one {base} is worth. Prices are never sent unconverted.",
            )
        else:
            self.add_error(
                "currency_rate",
                f"The store view's base currency is not known yet (Load lists from AliExpress and Magento), "
                f"so enter the rate from it to {quotation} (1 if it is {quotation}).",
            )

    def _check_locales(self, data: dict[str, Any]) -> None:
        extra: dict[str, str] = data.get("extra_locales") or {}
        main = data.get("main_locale") or ""
        views = {v["code"] for v in (self.instance.remote_choices or {}).get("store_views") or []}
        problems = []
        for code, locale in extra.items():
            if locale == main:
                problems.append(f"{code}={locale}: {locale} is the main language already.")
            if code == data.get("store_view_code"):
                problems.append(f"{code}={locale}: {code} is the selected store view (the main language).")
            elif views and code not in views:
                problems.append(
                    f"{code}={locale}: the store has no store view {code} ({', '.join(sorted(views))})."
                )
        if problems and "extra_locales" not in self.errors:
            self.add_error("extra_locales", problems)

    def _check_windows(self, data: dict[str, Any]) -> None:
        for start, end in DATE_WINDOWS:
            if data.get(start) and data.get(end) and data[start] >= data[end]:
                self.add_error(end, f"{self.fields[end].label} must be after {self.fields[start].label}.")

    def _check_magento1(self, data: dict[str, Any]) -> None:
        if data.get("platform") == Platform.MAGENTO1 and not data.get("use_quote_method"):
            self.add_error(
                "use_quote_method",
                "Magento 1 creates orders with the quote method only (its API has no direct order creation).",
            )

    def _check_required_when_enabled(self, data: dict[str, Any]) -> None:
        required = ["app_key", "app_secret", "magento_base_url", "customer_email"]
        if data.get("platform") == Platform.MAGENTO1:
            required += ["magento1_api_user", "magento1_api_key"]
        else:
            required += MAGENTO_CREDENTIALS[MagentoAuth(data.get("magento_auth") or MagentoAuth.INTEGRATION)]
        for name in required:
            if name in self.fields and not data.get(name) and name not in self.errors:
                self.add_error(
                    name,
                    credentials.reentry_message(name)
                    if name in self.dropped_secrets
                    else f"{self.fields[name].label} is required while the account is Enabled.",
                )


def _within(value: int | None, low: int, high: int, why: str) -> int:
    if value is None or not low <= value <= high:
        raise forms.ValidationError(f"Enter a number from {low} to {high}: {why}.")
    return value


class ChoiceListInput(forms.TextInput):
    """A text box offering the values fetched from AliExpress or Magento (an HTML datalist), so a value
    can still be typed when the list could not be fetched."""

    template_name = "admin/accounts/choice_list_input.html"

    def __init__(self, choices: list[list[str]] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off"})
        self.choices = [(str(c[0]), str(c[1]) if len(c) > 1 else str(c[0])) for c in choices or []]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id', name)}_choices"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"]["list_id"] = list_id
        context["widget"]["choices"] = self.choices
        return context


REMOTE_LISTS = {
    "default_payment_method": lambda c: (c.get("methods") or {}).get("payment"),
    "default_shipping_method": lambda c: (c.get("methods") or {}).get("shipping"),
    "store_view_code": lambda c: [
        [v["code"], f"{v['name']} (website {v['website']}, {v['currency']})"]
        for v in c.get("store_views") or []
    ],
    "freight_template_id": lambda c: c.get("freight_templates"),
    "service_template_id": lambda c: c.get("service_templates"),
}


def logistics_choices(account: Account | None) -> list[list[str]]:
    fetched = ((account.remote_choices or {}).get("logistics_services") if account else None) or []
    return [*fetched, [CarrierMapping.OTHER, "Other (send the tracking URL)"]]


class CarrierMappingForm(forms.ModelForm):
    class Meta:
        model = CarrierMapping
        fields = ("magento_carrier", "magento_title", "aliexpress_service", "tracking_url")
        formfield_callback = staticmethod(https_formfield)

    def __init__(self, *args: Any, account: Account | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aliexpress_service"].widget = ChoiceListInput(logistics_choices(account))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("aliexpress_service") == CarrierMapping.OTHER and not data.get("tracking_url"):
            self.add_error(
                "tracking_url", "With the service 'other', AliExpress needs the carrier's tracking URL."
            )
        return data
