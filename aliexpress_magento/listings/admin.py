"""AliExpress → Manage Products (manual §5, issue 13 item 3): the account's profiled products with their
listing, the console's grid (filters under each column, search, per-page, massaction bar with Select
All across pages), the mass actions of ``services.bulk.ACTIONS`` — each queues one background job
whose progress the page polls — and a listing's detail page with the payload Preview.

A selection, even "Select All" over 100,000 products, reaches the service as a queryset: only its ids are
read (``bulk.request``). View-only users see everything and are offered no action."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from aliexpress_magento.accounts import selectors as account_selectors
from aliexpress_magento.accounts.access import AccountScopedAdmin, VisibleAccountFilter
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.console.column_filters import Choice, Contains, DateRange, NumberRange
from aliexpress_magento.console.grid import GridChangeList, GridMixin
from aliexpress_magento.listings.mappers import price as pricing
from aliexpress_magento.listings.models import BulkAction, Listing, ListingSku, ListingStatus, ManagedProduct
from aliexpress_magento.listings.services import bulk, preview, snapshots

TYPES = (("simple", "Simple"), ("configurable", "Configurable"), ("virtual", "Virtual"))


class StateFilter(Choice):
    """The listing state; "Not uploaded" also takes the products that have no listing row yet."""

    def apply(self, rows: QuerySet[Any], params: Any) -> QuerySet[Any]:
        chosen = params.get(self.param, "")
        if chosen == ListingStatus.NOT_UPLOADED:
            return rows.filter(Q(listing__isnull=True) | Q(listing__status=chosen))
        return super().apply(rows, params)


class ManagedProductChangeList(GridChangeList):
    """The page's rows share one :class:`PageFigures`, worked out when the page is drawn (a mass
    action's POST builds the rows too, but draws none, and so reads nothing more)."""

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        figures = PageFigures(list(self.result_list))
        for product in self.result_list:
            row: Any = product
            row.grid_figures = figures


@dataclass(frozen=True)
class Figures:
    """One row's price and stock columns as the merchant reads them."""

    price: str = ""  # Magento's, 2 decimals; a configurable's is its SKUs' range
    salable: str = ""  # a configurable's is the sum of its SKUs'
    ae_price: str = ""  # after the rule and the conversion; a range for a configurable
    ae_problem: str = ""  # why there is no AliExpress price
    ae_note: str = ""  # how the price was converted: "X EUR = Y USD at rate R (…)"


class PageFigures:
    """The price and stock columns of a page's rows, with the account's price rule and conversion
    (settings read once per account shown, not per row). A configurable's figures are its SKUs' — its
    live, enabled children's, as the payload prices them, read in one query for the page — not the
    parent's own (0 in Magento)."""

    def __init__(self, rows: list[Any]) -> None:
        self.rows = rows
        self._found: dict[int, Figures] | None = None

    def of(self, row: Any) -> Figures:
        if self._found is None:
            self._found = self._work_out()
        return self._found.get(row.pk, Figures())

    def _work_out(self) -> dict[int, Figures]:
        settings: dict[int, Any] = {}
        children = _child_figures([p for p in self.rows if p.type == "configurable"])
        found = {}
        for product in self.rows:
            if product.account_id not in settings:
                settings[product.account_id] = snapshots.listing_settings(product.account)
            prices, stock = children.get(product.pk) or ([product.price], [product.salable_qty])
            found[product.pk] = _figures(prices, stock, settings[product.account_id])
        return found


Quantities = list[Decimal | None]
CENTS = Decimal("0.01")


def _child_figures(parents: list[Any]) -> dict[int, tuple[Quantities, Quantities]]:
    """Each configurable's SKU prices (a child's own, else its parent's: the payload's rule) and
    salable quantities; removed and disabled children are no SKUs."""
    own = {p.pk: p.price for p in parents}
    found: dict[int, tuple[Quantities, Quantities]] = {}
    kids = ManagedProduct.objects.filter(parent_id__in=own, removed_at__isnull=True, enabled=True)
    for parent_id, price, salable in kids.values_list("parent_id", "price", "salable_qty"):
        prices, stock = found.setdefault(parent_id, ([], []))
        prices.append(price if price is not None else own[parent_id])
        stock.append(salable)
    return found


def _figures(prices: Quantities, stock: Quantities, settings: Any) -> Figures:
    """A SKU without a price is left out of the ranges (its product is invalid and says so); one
    whose rule cannot be applied gives the reason instead of an AliExpress price."""
    known = [p for p in prices if p is not None]
    counted = [q for q in stock if q is not None]
    price = _range([p.quantize(CENTS) for p in known])
    salable = _quantity(sum(counted, Decimal(0))) if counted else ""
    try:
        sent = [pricing.aliexpress_price(p, settings) for p in known]
        note = pricing.conversion_note(min(known), settings) if known else ""
    except pricing.PriceError as exc:
        return Figures(price=price, salable=salable, ae_problem=str(exc))
    return Figures(price=price, salable=salable, ae_price=_range(sent), ae_note=note)


def _range(values: list[Decimal]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low} - {high}"


def _quantity(value: Decimal) -> str:
    """Whole units as an integer ("7", not "7.0000"); a fractional stock (sold by weight) as it is."""
    return str(value.to_integral_value()) if value == value.to_integral_value() else str(value.normalize())


@admin.register(ManagedProduct)
class ManagedProductAdmin(AccountScopedAdmin, GridMixin):
    menu = ("AliExpress", 30)
    menu_title = "Manage Products"
    change_list_template = "admin/listings/managedproduct/change_list.html"
    change_form_template = "admin/listings/managedproduct/detail.html"
    massaction_bar = True
    list_display = (
        "thumbnail",
        "name",
        "sku",
        "type",
        "profile",
        "magento_price",
        "aliexpress_price",
        "salable",
        "aliexpress_product_id",
        "state",
        "last_sync",
        "row_actions",
    )
    list_display_links = None
    list_select_related = ("account", "profile_link__profile", "listing")
    list_filter = (("account", VisibleAccountFilter),)  # the dashboard's counts link per account
    search_fields = ("sku", "name")
    ordering = ("-pk",)
    show_full_result_count = False  # the filtered count is the header's; a second count is wasted
    column_filters = (
        Contains("name"),
        Contains("sku"),
        Choice("type", choices=TYPES),
        Contains("profile", "profile_link__profile__name"),
        NumberRange("magento_price", "price"),
        NumberRange("salable", "salable_qty"),
        NumberRange("aliexpress_product_id", "listing__aliexpress_product_id"),
        StateFilter("state", "listing__status", choices=ListingStatus.choices),
        DateRange("last_sync", "listing__synced_at"),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # Profiled products only: children follow their configurable, they are never assigned alone.
        return super().get_queryset(request).filter(profile_link__isnull=False)

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return ManagedProductChangeList

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # Delete Selected Product(s) removes the AliExpress product, never the mirror's row

    # --- Columns ----------------------------------------------------------------------------------

    @admin.display(description="Thumbnail")
    def thumbnail(self, obj: ManagedProduct) -> str:
        if not obj.images:
            return ""
        return format_html('<img src="{}" alt="" class="catalog-thumb" loading="lazy">', obj.images[0]["url"])

    @admin.display(description="Profile", ordering="profile_link__profile__name")
    def profile(self, obj: ManagedProduct) -> str:
        return obj.profile_link.profile.name

    @admin.display(description="Price", ordering="price")
    def magento_price(self, obj: ManagedProduct) -> str:
        return _figures_of(obj).price

    @admin.display(description="AliExpress Price")
    def aliexpress_price(self, obj: ManagedProduct) -> str:
        figures = _figures_of(obj)
        if figures.ae_problem:
            return format_html('<span class="price-problem" title="{}">—</span>', figures.ae_problem)
        if figures.ae_note:
            return format_html(
                '<span class="price-converted" title="{}">{}</span>', figures.ae_note, figures.ae_price
            )
        return figures.ae_price

    @admin.display(description="Salable Qty", ordering="salable_qty")
    def salable(self, obj: ManagedProduct) -> str:
        return _figures_of(obj).salable

    @admin.display(description="AliExpress Product Id", ordering="listing__aliexpress_product_id")
    def aliexpress_product_id(self, obj: ManagedProduct) -> str:
        listing = _listing(obj)
        return (
            ""
            if listing is None or listing.aliexpress_product_id is None
            else str(listing.aliexpress_product_id)
        )

    @admin.display(description="State", ordering="listing__status")
    def state(self, obj: ManagedProduct) -> str:
        listing = _listing(obj)
        if listing is None:
            return format_html(
                '<span class="listing-state" data-state="{}">{}</span>', "none", "Not uploaded"
            )
        title = "\n".join(_error_line(e) for e in listing.errors)
        return format_html(
            '<span class="listing-state" data-state="{}" title="{}">{}{}</span>',
            listing.status,
            title,
            listing.get_status_display(),
            f" ({len(listing.errors)})" if listing.errors else "",
        )

    @admin.display(description="Last Sync", ordering="listing__synced_at")
    def last_sync(self, obj: ManagedProduct) -> str:
        listing = _listing(obj)
        return f"{listing.synced_at:%Y-%m-%d %H:%M}" if listing and listing.synced_at else ""

    @admin.display(description="Action")
    def row_actions(self, obj: ManagedProduct) -> str:
        url = reverse("admin:listings_managedproduct_change", args=[obj.pk])
        return format_html('<a href="{}" class="view-listing">View</a>', url)

    # --- Mass actions (one per entry of the dispatch table) ---------------------------------------

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        if not self.has_change_permission(request):
            return {}  # view-only: everything visible, nothing to run
        return {name: (self._mass_action(name), name, entry.label) for name, entry in bulk.ACTIONS.items()}

    def _mass_action(self, name: str) -> Callable[..., None]:
        def queue(model_admin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
            self._queue(request, name, queryset)

        return queue

    def _queue(self, request: HttpRequest, name: str, queryset: QuerySet[Any]) -> None:
        """One BulkAction per account among the selected rows (a superuser's Select All may span
        several); the job starts once the request's transaction commits."""
        label = bulk.ACTIONS[name].label
        accounts = Account.objects.filter(pk__in=queryset.order_by().values("account_id").distinct())
        for account in accounts:
            rows = queryset.filter(account=account)
            queued = bulk.request(account, name, rows, user=request.user)
            self.message_user(
                request,
                f"{label}: {queued.total} products of {account.name} queued; the progress shows below.",
                messages.SUCCESS,
            )

    # --- Progress ---------------------------------------------------------------------------------

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        accounts = account_selectors.visible_accounts(request.user).values("pk")
        latest = list(
            BulkAction.objects.filter(account__in=accounts)
            .order_by("-created_at", "-pk")
            .select_related("account")[:20]
        )
        newest: dict[int, BulkAction] = {}
        for found in latest:  # the newest of each account with a mass action lately
            newest.setdefault(found.account_id, found)
        panels = [_progress(found) for found in newest.values()]
        panels.sort(key=lambda p: p["id"], reverse=True)
        return super().changelist_view(request, {"bulk_panels": panels, **(extra_context or {})})

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "bulk/<int:bulk_id>/progress/",
                self.admin_site.admin_view(self.progress_view),
                name="listings_managedproduct_progress",
            ),
        ]
        return own + super().get_urls()

    def progress_view(self, request: HttpRequest, bulk_id: int) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        accounts = account_selectors.visible_accounts(request.user).values("pk")
        found = BulkAction.objects.filter(pk=bulk_id, account__in=accounts).select_related("account").first()
        if found is None:
            raise Http404(f"No mass action {bulk_id} among the ones you may see.")
        return JsonResponse(_progress(found))

    # --- Detail page ------------------------------------------------------------------------------

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        product = self.get_object(request, object_id)
        listing = _listing(product)
        skus = list(ListingSku.objects.filter(listing=listing)) if listing else []
        context = {
            **self.admin_site.each_context(request),
            "title": f"{product.name} ({product.sku})",
            "opts": self.opts,
            "product": product,
            "listing": listing,
            "state": listing.get_status_display() if listing else "Not uploaded",
            "errors": listing.errors if listing else [],
            "skus": skus,
            "preview": preview.preview(product.account, product.pk),
            "changelist_url": reverse("admin:listings_managedproduct_changelist"),
        }
        return TemplateResponse(request, self.change_form_template, context)


def _figures_of(product: Any) -> Figures:
    figures: PageFigures | None = getattr(product, "grid_figures", None)
    return figures.of(product) if figures is not None else Figures()


def _listing(product: Any) -> Listing | None:
    try:
        listing: Listing = product.listing
    except Listing.DoesNotExist:
        return None
    return listing


def _error_line(error: dict[str, Any]) -> str:
    """The hover text of one error: its sentence, led by the AliExpress / Magento attributes unless the
    sentence names the AliExpress one already (the builder's and the schema's do: no "Brand / brand:
    Brand …" repeat)."""
    message = str(error.get("message") or "")
    attribute = str(error.get("attribute") or "")
    where = " / ".join(part for part in (attribute, str(error.get("magento") or "")) if part)
    if not where or (attribute and attribute in message):
        return message or where
    return f"{where}: {message}" if message else where


def _progress(found: BulkAction) -> dict[str, Any]:
    busy = found.status in (BulkAction.Status.QUEUED, BulkAction.Status.RUNNING)
    percent = 100 if not found.total else round(100 * found.done / found.total)
    if found.status == BulkAction.Status.QUEUED:
        text = f"Queued: {bulk.label(found.action)} of {found.total} products."
    elif found.status == BulkAction.Status.RUNNING:
        text = f"Running: {found.done} of {found.total} products processed."
    elif found.status == BulkAction.Status.FAILED:
        text = f"Failed after {found.done} of {found.total} products: {found.message}"
    else:
        text = f"Done: {bulk.summary(found)}"
    return {
        "id": found.pk,
        "account": found.account.name,
        "action": found.action,
        "status": found.status,
        "busy": busy,
        "done": found.done,
        "total": found.total,
        "percent": percent,
        "succeeded": found.succeeded,
        "skipped": found.skipped,
        "failed": found.failed,
        "reasons": list(found.reasons),
        "text": text,
        "progress_url": reverse("admin:listings_managedproduct_progress", args=[found.pk]),
    }
