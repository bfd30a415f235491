"""AliExpress → Configuration (manual §3): one page per account with the manual's sections, the OAuth
buttons, the connection tests and the lists fetched from both sides. Staff without the change
permission see the page read-only with every secret masked."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms import BaseModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.console.site import dashboard_panels
from aliexpress_magento.jobs import scheduling

from . import dashboard
from .access import AccountScopedAdmin
from .forms import PACIFIC_FIELDS, AccountForm, CarrierMappingForm, PacificDateTimeField, mask
from .models import SECRET_FIELDS, Account, CarrierMapping
from .services import access, checks, credentials, lists, oauth, rates

_request: ContextVar[HttpRequest | None] = ContextVar("account_admin_request", default=None)

API_FIELDS = (
    "enabled",
    "api_base_url",
    "app_key",
    "app_secret",
    "redirect_uri",
    "oauth_buttons",
    "access_token",
    "refresh_token",
    "token_status",
    "default_payment_method",
    "default_shipping_method",
    "notification_email",
    "debug_mode",
    "customer_email",
    "order_id_prefix",
    "aliexpress_test",
)
FIELDSETS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("Account", {"fields": ("name",)}),
    ("Aliexpress Api Settings", {"fields": API_FIELDS}),
    (
        "Aliexpress Product Global Settings",
        {
            "fields": (
                "store_view_code",
                "website_code",
                "main_locale",
                "extra_locales",
                "swatches",
                "freight_template_id",
                "service_template_id",
                "lists_button",
                ("package_length", "package_width", "package_height"),
                "stock_buffer",
                "stock_threshold",
                "stock_max",
                "auto_image_resizing",
                "feed_size",
                "upload_chunk_size",
                "inventory_chunk_size",
                "price_chunk_size",
            ),
            "description": "Shipping Settings: the freight (shipping) template and the service (promise) "
            "template every product is listed with; their lists come from AliExpress.",
        },
    ),
    (
        "Aliexpress Product Advanced Price Settings",
        {
            "fields": (
                "price_rule",
                "price_fixed_amount",
                "price_percentage",
                "quotation_currency",
                "rate_source",
                "currency_rate",
                "rate_in_use",
                "fulfilment_lag_days",
            ),
            "description": "The rule applies in the store's base currency; the result is then converted "
            "to the AliExpress quotation currency at the rate of the rate source and rounded to cents.",
        },
    ),
    (
        "Order Configuration",
        {
            "fields": (
                "buyer_login_id",
                "fetch_order_statuses",
                "create_date_start",
                "create_date_end",
                "modified_date_start",
                "modified_date_end",
                "order_page_size",
                "create_orders_out_of_stock",
                "create_orders_disabled",
                "alternate_sku_attribute",
                "use_quote_method",
            ),
            "description": "Carrier Mapping is the table at the end of this page.",
        },
    ),
    (
        "Cron Settings",
        {
            "fields": (
                "cron_override",
                ("order_cron_enabled", "order_cron_minutes"),
                ("order_status_cron_enabled", "order_status_cron_minutes"),
                ("shipment_cron_enabled", "shipment_cron_minutes"),
                ("inventory_cron_enabled", "inventory_cron_minutes"),
                ("price_cron_enabled", "price_cron_minutes"),
                ("product_cron_enabled", "product_cron_minutes"),
                ("catalog_cron_enabled", "catalog_cron_minutes"),
                ("feed_sync_cron_enabled", "feed_sync_cron_minutes"),
            )
        },
    ),
    (
        "Magento connection",
        {
            "fields": (
                "platform",
                "magento_base_url",
                "magento_auth",
                "magento_token",
                "magento_username",
                "magento_password",
                "magento_consumer_key",
                "magento_consumer_secret",
                "magento_access_token",
                "magento_access_token_secret",
                "magento1_api_user",
                "magento1_api_key",
                "magento_test",
            )
        },
    ),
    (
        "API call budget",
        {
            "fields": ("aliexpress_qps", "aliexpress_daily_quota", "magento_qps"),
            "description": "Every call to AliExpress or Magento for this account waits for its turn within "
            "these limits, shared by every worker when Redis is configured.",
        },
    ),
)
# Shown to superusers and to users with the accounts.manage_access permission only.
ACCESS_FIELDSET: tuple[str, dict[str, Any]] = (
    "Access",
    {
        "fields": ("allowed_users", "allowed_groups"),
        "description": "Who sees this account, its logs and its rows, besides the superusers.",
    },
)
BUTTON_FIELDS = ("oauth_buttons", "aliexpress_test", "magento_test", "lists_button")
DISPLAY_FIELDS = ("redirect_uri", "token_status", "rate_in_use")


class AccountFieldsMixin:
    """The form's own field choices, which the admin's defaults would override: https for URLs typed
    without a scheme (Django 6's default, chosen now), and the order windows in US Pacific time as one
    text box (not the admin's split date/time widgets, which assume the server's time zone)."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in PACIFIC_FIELDS:
            return PacificDateTimeField(label=capfirst(db_field.verbose_name), required=False)
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]


class CarrierMappingInline(AccountFieldsMixin, admin.TabularInline):
    model = CarrierMapping
    form = CarrierMappingForm
    extra = 1
    verbose_name = "Carrier Mapping"
    verbose_name_plural = (
        "Carrier Mapping (Magento carrier → AliExpress logistics service, or 'other' + tracking URL)"
    )


@admin.register(Account)
class AccountAdmin(AccountScopedAdmin, AccountFieldsMixin, admin.ModelAdmin):
    menu = ("AliExpress", 10)
    account_lookup = "pk"
    form = AccountForm
    inlines = (CarrierMappingInline,)
    filter_horizontal = ("allowed_users", "allowed_groups")
    list_display = ("name", "enabled", "status", "seller_login", "access_token_expires_at", "platform")
    change_form_template = "admin/accounts/account/change_form.html"
    save_on_top = True

    # --- the page ------------------------------------------------------------------------------

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        token = _request.set(request)
        try:
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if isinstance(response, TemplateResponse):
                response.render()  # now, while the request is known to the Redirect uri field
            return response
        finally:
            _request.reset(token)

    def get_formset_kwargs(self, request: HttpRequest, obj: Any, inline: Any, prefix: str) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, CarrierMappingInline):
            # The AliExpress logistics services fetched for this account, offered as you type.
            kwargs["form_kwargs"] = {"account": obj if obj and obj.pk else None}
        return kwargs

    def save_model(self, request: HttpRequest, obj: Account, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        dropped = getattr(form, "dropped_secrets", ())
        if dropped:
            self.message_user(
                request, credentials.forget_dropped(obj, dropped, user=request.user), messages.WARNING
            )

    def get_fieldsets(self, request: HttpRequest, obj: Account | None = None) -> Any:
        if self.has_change_permission(request, obj):
            may_grant = request.user.has_perm("accounts.manage_access")
            return (*FIELDSETS, ACCESS_FIELDSET) if may_grant else FIELDSETS
        return tuple(
            (title, {**options, "fields": _read_only(options["fields"])}) for title, options in FIELDSETS
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Account | None = None) -> Any:
        if self.has_change_permission(request, obj):
            return (*DISPLAY_FIELDS, *BUTTON_FIELDS)
        return (*DISPLAY_FIELDS, *(f"{name}_masked" for name in SECRET_FIELDS))

    def save_related(self, request: HttpRequest, form: BaseModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if not change:  # after the form's own many-to-many save, which would undo the grant
            access.grant_creator(form.instance, request.user)

    @admin.display(description="Status")
    def status(self, obj: Account) -> str:
        return dashboard.connection_status(obj).label

    @admin.display(description="Redirect uri")
    def redirect_uri(self, obj: Account | None) -> str:
        request = _request.get()
        uri = _callback_uri(request) if request else reverse("accounts:oauth_callback")
        return format_html(
            "<code>{}</code><div class='help'>Please fill this redirect URI in your AliExpress app "
            "console.</div>",
            uri,
        )

    @admin.display(description="Token")
    def token_status(self, obj: Account | None) -> str:
        if obj is None or not obj.access_token:
            return "Not authorized yet: save the App key and Secret key, then click Get Code."
        return dashboard.token_state(obj)

    @admin.display(description="Authorization")
    def oauth_buttons(self, obj: Account | None) -> str:
        if obj is None or obj.pk is None:
            return "Save the account first; then Get Code authorizes it on AliExpress."
        return format_html(
            '<button type="submit" class="button" formaction="{}" formnovalidate>Get Code</button> '
            '<a class="button" href="{}">Get Token</a>'
            "<div class='help'>Get Code opens AliExpress's consent page and stores the tokens when it "
            "comes back. Get Token exchanges a code you copied from the redirect yourself.</div>",
            reverse("admin:accounts_account_get_code", args=[obj.pk]),
            reverse("admin:accounts_account_get_token", args=[obj.pk]),
        )

    @admin.display(description="Connection")
    def aliexpress_test(self, obj: Account | None) -> str:
        return _post_button(obj, "admin:accounts_account_test_aliexpress", "Test AliExpress connection")

    @admin.display(description="Connection")
    def magento_test(self, obj: Account | None) -> str:
        return _post_button(obj, "admin:accounts_account_test_magento", "Test Magento connection")

    @admin.display(description="Rate in use")
    def rate_in_use(self, obj: Account | None) -> str:
        """The rate prices are converted at now, with its source and date, or the warning why there is
        none (each product is then refused rather than sent unconverted)."""
        if obj is None:
            return "Save the account first."
        base, quotation = rates.currencies(obj)
        if base == quotation:
            return f"None needed: the store's prices are in {base}, as AliExpress quotes them."
        used = rates.rate_in_use(obj, base, quotation)
        if used.rate is None:
            return format_html('<ul class="errorlist" id="rate-warning"><li>{}</li></ul>', used.problem)
        when = f", {used.at:%Y-%m-%d %H:%M} UTC" if used.at else ""
        return f"1 {base} = {used.rate} {quotation} ({used.source}{when})."

    @admin.display(description="Lists")
    def lists_button(self, obj: Account | None) -> str:
        button = _post_button(
            obj, "admin:accounts_account_refresh_lists", "Load lists from AliExpress and Magento"
        )
        if obj is None:
            return button
        fetched = lists.fetched_at(obj)
        errors = (obj.remote_choices or {}).get("errors") or {}
        when = f"Lists loaded {fetched:%Y-%m-%d %H:%M:%S} UTC." if fetched else "Lists not loaded yet."
        problems = format_html_join("", "<li>{}: {}</li>", errors.items())
        return format_html(
            "{} <div class='help'>{} Store views, payment and shipping methods, templates "
            "and logistics services are offered as you type.</div><ul class='errorlist'>{}</ul>",
            button,
            when,
            problems,
        )

    # --- actions -------------------------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<int:pk>/get-code/",
                self.admin_site.admin_view(self.get_code_view),
                name="accounts_account_get_code",
            ),
            path(
                "<int:pk>/get-token/",
                self.admin_site.admin_view(self.get_token_view),
                name="accounts_account_get_token",
            ),
            path(
                "<int:pk>/test-aliexpress/",
                self.admin_site.admin_view(self.test_aliexpress_view),
                name="accounts_account_test_aliexpress",
            ),
            path(
                "<int:pk>/test-magento/",
                self.admin_site.admin_view(self.test_magento_view),
                name="accounts_account_test_magento",
            ),
            path(
                "<int:pk>/refresh-lists/",
                self.admin_site.admin_view(self.refresh_lists_view),
                name="accounts_account_refresh_lists",
            ),
            path(
                "<int:pk>/run-now/<str:job_code>/",
                self.admin_site.admin_view(self.run_now_view),
                name="accounts_account_run_now",
            ),
        ]
        return own + super().get_urls()

    def _account_for_change(self, request: HttpRequest, pk: int, *, allow_get: bool = False) -> Account:
        """The account, for a user who may see and change it (another account is "not found");
        actions that change something come as POST."""
        account: Account = self.get_object(request, str(pk))
        if request.method != "POST" and not allow_get:
            raise PermissionDenied
        if not self.has_change_permission(request, account):
            raise PermissionDenied
        return account

    def get_code_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self._account_for_change(request, pk)
        if not (account.app_key and account.app_secret):
            self.message_user(
                request, "Save the App key and Secret key first, then click Get Code.", messages.ERROR
            )
            return _back(account)
        return HttpResponseRedirect(oauth.begin(account, request.user, _callback_uri(request)))

    def get_token_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self._account_for_change(request, pk, allow_get=True)
        error = ""
        if request.method == "POST":
            error = oauth.exchange_pasted(account, request.POST.get("code", ""), user=request.user)
            if not error:
                self.message_user(request, "Tokens received from AliExpress and stored.", messages.SUCCESS)
                return _back(account)
        context = {
            **self.admin_site.each_context(request),
            "account": account,
            "error": error,
            "opts": self.opts,
            "title": f"Get Token — {account.name}",
        }
        return TemplateResponse(request, "admin/accounts/account/get_token.html", context)

    def test_aliexpress_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self._account_for_change(request, pk)
        return self._outcome(request, account, checks.test_aliexpress(account, user=request.user))

    def test_magento_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self._account_for_change(request, pk)
        return self._outcome(request, account, checks.test_magento(account, user=request.user))

    def refresh_lists_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self._account_for_change(request, pk)
        errors = lists.refresh(account)
        if errors:
            for name, problem in errors.items():
                self.message_user(
                    request, f"{name.replace('_', ' ').capitalize()}: {problem}", messages.WARNING
                )
        else:
            self.message_user(request, "Lists loaded from AliExpress and Magento.", messages.SUCCESS)
        return _back(account)

    def run_now_view(self, request: HttpRequest, pk: int, job_code: str) -> HttpResponse:
        """The dashboard's Run now on one job row: queue it now (see ``scheduling.run_now``)."""
        account = self._account_for_change(request, pk)
        outcome = scheduling.run_now(account, job_code)
        if outcome.queued:
            record(Level.INFO, "cron", outcome.message, sub_type="run_now", user=request.user, account_id=pk)
        self.message_user(request, outcome.message, messages.SUCCESS if outcome.queued else messages.WARNING)
        return HttpResponseRedirect(reverse("admin:index") + f"#account-{account.pk}")

    def _outcome(self, request: HttpRequest, account: Account, outcome: checks.Outcome) -> HttpResponse:
        self.message_user(request, outcome.message, messages.SUCCESS if outcome.ok else messages.ERROR)
        return _back(account)


def _read_only(fields: tuple[Any, ...]) -> tuple[Any, ...]:
    out: list[Any] = []
    for field in fields:
        if isinstance(field, tuple):
            out.append(_read_only(field))
        elif field in BUTTON_FIELDS:
            continue
        else:
            out.append(f"{field}_masked" if field in SECRET_FIELDS else field)
    return tuple(out)


def _post_button(obj: Account | None, url_name: str, label: str) -> str:
    if obj is None or obj.pk is None:
        return "Save the account first."
    return format_html(
        '<button type="submit" class="button" formaction="{}" formnovalidate>{}</button>',
        reverse(url_name, args=[obj.pk]),
        label,
    )


def _callback_uri(request: HttpRequest) -> str:
    """The Redirect uri: under PUBLIC_URL when set (behind a proxy the request's own host may be an
    internal one), else the address this page was opened with."""
    path = reverse("accounts:oauth_callback")
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL + path
    return request.build_absolute_uri(path)


def _back(account: Account) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:accounts_account_change", args=[account.pk]))


def _masked(field: str) -> Any:
    @admin.display(description=str(Account._meta.get_field(field).verbose_name))  # type: ignore[union-attr]
    def masked(self: AccountAdmin, obj: Account | None) -> str:
        return mask(getattr(obj, field, "") if obj else "")

    return masked


# Read-only display of each secret for staff without the change permission: never the value itself.
for _field in SECRET_FIELDS:
    setattr(AccountAdmin, f"{_field}_masked", _masked(_field))

dashboard_panels.append(dashboard.panel)
