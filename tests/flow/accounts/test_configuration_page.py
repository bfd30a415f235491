"""The configuration page: the manual's sections and labels, validation messages, secrets that never
travel back to the browser, US Pacific order windows, and what a read-only colleague sees."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.urls import reverse

from aliexpress_magento.accounts.models import Account, CarrierMapping

from .conftest import AE_URL, APP_KEY, APP_SECRET, M2_TOKEN, M2_URL

ADD = reverse("admin:accounts_account_add")
SECTIONS = [
    "Account",
    "Aliexpress Api Settings",
    "Aliexpress Product Global Settings",
    "Aliexpress Product Advanced Price Settings",
    "Order Configuration",
    "Cron Settings",
    "Magento connection",
    "API call budget",
]


def form_data(**changes: Any) -> dict[str, Any]:
    """Every field of the page as a browser posts it, valid and Enabled; ``changes`` override."""
    data: dict[str, Any] = {
        "name": "Main shop",
        "enabled": "on",
        "api_base_url": AE_URL,
        "app_key": APP_KEY,
        "app_secret": APP_SECRET,
        "access_token": "",
        "refresh_token": "",
        "default_payment_method": "checkmo",
        "default_shipping_method": "flatrate_flatrate",
        "notification_email": "owner@example.com",
        "customer_email": "aliexpress@example.com",
        "order_id_prefix": "AE-",
        "store_view_code": "default",
        "website_code": "base",
        "main_locale": "en_US",
        "extra_locales": "",
        "freight_template_id": "",
        "service_template_id": "",
        "auto_image_resizing": "on",
        "feed_size": "2000",
        "upload_chunk_size": "100",
        "inventory_chunk_size": "20",
        "price_chunk_size": "20",
        "package_length": "30",
        "package_width": "20",
        "package_height": "5",
        "stock_buffer": "0",
        "stock_threshold": "0",
        "stock_max": "",
        "price_rule": "default",
        "price_fixed_amount": "",
        "price_percentage": "",
        "quotation_currency": "",
        "rate_source": "setting",
        "currency_rate": "",
        "fulfilment_lag_days": "3",
        "buyer_login_id": "",
        "fetch_order_statuses": ["WAIT_SELLER_SEND_GOODS", "IN_CANCEL"],
        "create_date_start": "",
        "create_date_end": "",
        "modified_date_start": "",
        "modified_date_end": "",
        "order_page_size": "20",
        "alternate_sku_attribute": "aliexpress_sku",
        "use_quote_method": "on",
        "order_cron_enabled": "on",
        "order_cron_minutes": "10",
        "order_status_cron_minutes": "30",
        "shipment_cron_enabled": "on",
        "shipment_cron_minutes": "15",
        "inventory_cron_enabled": "on",
        "inventory_cron_minutes": "15",
        "price_cron_enabled": "on",
        "price_cron_minutes": "60",
        "product_cron_enabled": "on",
        "product_cron_minutes": "60",
        "catalog_cron_enabled": "on",
        "catalog_cron_minutes": "60",
        "feed_sync_cron_enabled": "on",
        "feed_sync_cron_minutes": "5",
        "aliexpress_qps": "50",
        "aliexpress_daily_quota": "5000",
        "magento_qps": "10",
        "platform": "magento2",
        "magento_base_url": M2_URL,
        "magento_auth": "integration",
        "magento_token": M2_TOKEN,
        "magento_username": "",
        "magento_password": "",
        "magento_consumer_key": "",
        "magento_consumer_secret": "",
        "magento_access_token": "",
        "magento_access_token_secret": "",
        "carrier_mappings-TOTAL_FORMS": "1",
        "carrier_mappings-INITIAL_FORMS": "0",
        "carrier_mappings-MIN_NUM_FORMS": "0",
        "carrier_mappings-MAX_NUM_FORMS": "1000",
        "carrier_mappings-0-magento_carrier": "ups",
        "carrier_mappings-0-magento_title": "United Parcel Service",
        "carrier_mappings-0-aliexpress_service": "UPS",
        "carrier_mappings-0-tracking_url": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _errors(page: Any) -> dict[str, list[str]]:
    form = page.context["adminform"].form
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


class Labels(HTMLParser):
    """Each ``<label>`` of a page: its text (without the admin's trailing colon) → its ``for``."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: dict[str, str | None] = {}
        self._inside, self._text = False, ""
        self._for: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "label":
            self._inside, self._for, self._text = True, dict(attrs).get("for"), ""

    def handle_data(self, data: str) -> None:
        if self._inside:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._inside:
            self.found[self._text.strip().removesuffix(":")] = self._for
            self._inside = False


def test_the_page_has_the_manuals_sections_and_labels(merchant_client) -> None:
    page = merchant_client.get(ADD)
    titles = [fieldset.name for fieldset in page.context["adminform"]]
    assert titles == [*SECTIONS, "Access"]  # Access: who sees the account; superusers only
    html = page.content.decode()
    labels = Labels(html).found
    for label, field_id in {
        "App key": "id_app_key",
        "Secret key": "id_app_secret",
        "Email Id to Receive Critical Notifications": "id_notification_email",
        "Aliexpress Order ID Prefix": "id_order_id_prefix",
        "Create Orders for Out of Stock Products": "id_create_orders_out_of_stock",
        "Use Quote method to create Orders": "id_use_quote_method",
        "Alternate SKU Attribute": "id_alternate_sku_attribute",
        "Cron Settings Override": "id_cron_override",
        "Enable Order Status Sync Cron": "id_order_status_cron_enabled",
        # No single input to point at: a read-only value, and a group of checkboxes.
        "Redirect uri": None,
        "Fetch Order Status": None,
    }.items():
        assert label in labels and labels[label] == field_id, (label, labels.get(label))
        assert field_id is None or f'id="{field_id}"' in html
    assert 'id="id_fetch_order_statuses_0"' in html
    assert "http://testserver/aliexpress/callback/" in html


def test_saving_stores_every_setting_and_the_carrier_mapping(merchant_client) -> None:
    answer = merchant_client.post(ADD, form_data(create_date_start="2026-11-01 00:00:00"))
    assert answer.status_code == 302, _errors(answer)
    account = Account.objects.get()
    assert (account.app_key, account.app_secret, account.magento_token) == (APP_KEY, APP_SECRET, M2_TOKEN)
    assert account.fetch_order_statuses == ["WAIT_SELLER_SEND_GOODS", "IN_CANCEL"]
    assert account.alternate_sku_attribute == "aliexpress_sku"
    # Entered in US Pacific time (PDT on Nov 1st, UTC-7), stored in UTC.
    assert account.create_date_start == datetime(2026, 11, 1, 7, 0, tzinfo=UTC)
    mapping = CarrierMapping.objects.get()
    assert (mapping.magento_carrier, mapping.aliexpress_service) == ("ups", "UPS")


def test_secrets_are_encrypted_in_the_database(merchant_client) -> None:
    merchant_client.post(ADD, form_data())
    with connection.cursor() as cursor:
        cursor.execute("SELECT app_secret, magento_token FROM accounts_account")
        stored = cursor.fetchone()
    assert all(value.startswith("fernet:") for value in stored)
    assert APP_SECRET not in stored[0] and M2_TOKEN not in stored[1]


def test_secrets_never_come_back_to_the_browser_and_empty_boxes_keep_them(merchant_client) -> None:
    merchant_client.post(ADD, form_data())
    account = Account.objects.get()
    change = reverse("admin:accounts_account_change", args=[account.pk])
    html = merchant_client.get(change).content.decode()
    assert APP_SECRET not in html and M2_TOKEN not in html
    assert f'placeholder="stored: ••••••••{APP_SECRET[-4:]}"' in html
    answer = merchant_client.post(
        change,
        form_data(
            app_secret="",
            magento_token="",
            **{"carrier_mappings-INITIAL_FORMS": "0", "carrier_mappings-0-magento_carrier": "dhl"},
        ),
    )
    assert answer.status_code == 302, _errors(answer)
    account.refresh_from_db()
    assert (account.app_secret, account.magento_token) == (APP_SECRET, M2_TOKEN)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"feed_size": "2500"},
            "feed_size",
            "Enter a number from 1 to 2000: AliExpress takes at most 2000 items per feed.",
        ),
        (
            {"inventory_chunk_size": "21"},
            "inventory_chunk_size",
            "Enter a number from 1 to 20: the inventory update API takes at most 20 products per call.",
        ),
        (
            {"price_chunk_size": "0"},
            "price_chunk_size",
            "Enter a number from 1 to 20: the price update API takes at most 20 products per call.",
        ),
        (
            {"order_page_size": "51"},
            "order_page_size",
            "Enter a number from 1 to 50: the order API returns at most 50 per page.",
        ),
        ({"order_id_prefix": "AE #"}, "order_id_prefix", "Use letters, digits, '-' and '_' only (e.g. AE-)."),
        (
            {"alternate_sku_attribute": "AliExpress SKU"},
            "alternate_sku_attribute",
            "Enter a Magento attribute code: a letter, then letters, digits or '_' (e.g. aliexpress_sku).",
        ),
        ({"notification_email": "owner@"}, "notification_email", "Enter a valid email address."),
        ({"magento_base_url": "not a url"}, "magento_base_url", "Enter a valid URL."),
        (
            {"price_rule": "increase_percent"},
            "price_percentage",
            "Enter the percentage (more than 0) to change the price by.",
        ),
        (
            {"price_rule": "decrease_percent", "price_percentage": "100"},
            "price_percentage",
            "A decrease must be less than 100%, or the price would be 0 or less.",
        ),
        (
            {"price_rule": "increase_fixed"},
            "price_fixed_amount",
            "Enter the amount (more than 0) to change the price by.",
        ),
        (
            {"create_date_start": "2026-11-02 00:00:00", "create_date_end": "2026-11-01 00:00:00"},
            "create_date_end",
            "Create Date End must be after Create Date Start.",
        ),
        (
            {"modified_date_start": "yesterday"},
            "modified_date_start",
            "Enter a date and time as YYYY-MM-DD HH:MM:SS (US Pacific time).",
        ),
        ({"app_key": ""}, "app_key", "App key is required while the account is Enabled."),
        (
            {"magento_token": ""},
            "magento_token",
            "Integration access token is required while the account is Enabled.",
        ),
        (
            {"magento_auth": "admin"},
            "magento_password",
            "Admin password is required while the account is Enabled.",
        ),
        (
            {"carrier_mappings-0-aliexpress_service": "other"},
            None,
            "With the service 'other', AliExpress needs the carrier's tracking URL.",
        ),
    ],
)
def test_a_bad_value_gets_its_fields_message(merchant_client, changes, field, message) -> None:
    page = merchant_client.post(ADD, form_data(**changes))
    assert page.status_code == 200
    assert Account.objects.count() == 0
    if field is None:
        inline_errors = [
            str(e)
            for form in page.context["inline_admin_formsets"][0].formset.forms
            for e in form.errors.get("tracking_url", [])
        ]
        assert inline_errors == [message]
    else:
        assert _errors(page)[field] == [message]
    assert message.replace("'", "&#x27;") in page.content.decode()


def test_a_disabled_account_may_be_saved_incomplete(merchant_client) -> None:
    answer = merchant_client.post(ADD, form_data(enabled=None, app_key="", app_secret="", magento_token=""))
    assert answer.status_code == 302, _errors(answer)


def test_pacific_times_are_shown_back_in_pacific(merchant_client) -> None:
    merchant_client.post(ADD, form_data(modified_date_start="2026-07-01 12:00:00"))
    account = Account.objects.get()
    assert account.modified_date_start == datetime(2026, 7, 1, 19, 0, tzinfo=UTC)  # PDT = UTC-7
    html = merchant_client.get(reverse("admin:accounts_account_change", args=[account.pk])).content.decode()
    assert 'value="2026-07-01 12:00:00"' in html


@pytest.fixture
def viewer(django_user_model, client):  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_user("viewer", password="a-long-viewer-password", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_account"))
    client.force_login(user)
    return client


def test_a_viewer_sees_masked_secrets_and_cannot_change_anything(merchant_client, viewer, account) -> None:
    account.allowed_users.add(viewer.session["_auth_user_id"])
    change = reverse("admin:accounts_account_change", args=[account.pk])
    html = viewer.get(change).content.decode()
    assert APP_SECRET not in html and M2_TOKEN not in html
    assert f"••••••••{APP_SECRET[-4:]}" in html
    assert ">Get Code</button>" not in html and "Test AliExpress connection" not in html
    assert viewer.post(change, form_data(app_key="changed")).status_code == 403
    for action in ("get_code", "get_token", "test_aliexpress", "test_magento", "refresh_lists"):
        assert viewer.post(reverse(f"admin:accounts_account_{action}", args=[account.pk])).status_code == 403
    account.refresh_from_db()
    assert account.app_key == APP_KEY


def test_every_account_page_needs_a_login(client, account) -> None:
    for url in (
        ADD,
        reverse("admin:accounts_account_changelist"),
        reverse("admin:accounts_account_change", args=[account.pk]),
        reverse("admin:accounts_account_get_token", args=[account.pk]),
    ):
        answer = client.get(url)
        assert answer.status_code == 302 and "/login/" in answer["Location"], url
