"""The Profile Products tab: the account's mirrored products, filtered by any column, and their
assignment to the profile (manual §4.2, "Profile Products").

The page is a GET grid whose URL carries the filter; the mass actions POST to that same URL, so "Select
All" means "every product matching the filter in the URL" and the service receives the filter's
queryset, never a list of ids read into Python. Assigning products that are in another profile first
answers a confirmation page (Move them here / Skip them / Cancel)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.console.grid import PER_PAGE_CHOICES, per_page
from aliexpress_magento.profiles import product_selectors as selectors
from aliexpress_magento.profiles.models import Profile, ProfileProduct
from aliexpress_magento.profiles.services import assignment

PAGE_VAR = "p"
DEFAULT_PER_PAGE = PER_PAGE_CHOICES[0]
VISIBILITY = dict(selectors.VISIBILITY_CHOICES)
ACTIONS = (("assign", "Assign to this profile"), ("unassign", "Remove from this profile"))


@dataclass(frozen=True)
class ProductRow:
    """One grid row: the product and what the page shows beside it."""

    product: CatalogProduct
    thumbnail: str
    visibility: str
    categories: list[str]
    profile: Profile | None


class ProfileProductsMixin(admin.ModelAdmin):
    products_template = "admin/profiles/profile/products.html"
    products_confirm_template = "admin/profiles/profile/products_confirm.html"

    def get_urls(self) -> list[URLPattern]:
        products = path(
            "<int:pk>/products/",
            self.admin_site.admin_view(self.products_view),
            name="profiles_profile_products",
        )
        return [products, *super().get_urls()]

    @staticmethod
    def products_url(profile: Profile | None) -> str:
        """The Profile Products tab of a saved profile ("" for a profile not saved yet)."""
        if profile is None or profile.pk is None:
            return ""
        return reverse("admin:profiles_profile_products", args=[profile.pk])

    def products_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        profile = self.get_object(request, str(pk))  # 404 outside the user's accounts (AccountScopedAdmin)
        if profile is None:
            raise Http404
        if not self.has_view_or_change_permission(request, profile):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, profile):
                raise PermissionDenied  # view permission: read-only
            return self._products_action(request, profile)
        return self._products_grid(request, profile)

    # --- the grid -------------------------------------------------------------------------------

    def _products_grid(self, request: HttpRequest, profile: Profile) -> HttpResponse:
        wanted = selectors.ProductFilter.from_params(request.GET)
        found = selectors.filtered_products(profile, wanted).select_related("profile_link__profile")
        size = per_page(request, DEFAULT_PER_PAGE)
        page = Paginator(found.order_by("sku", "pk"), size).get_page(request.GET.get(PAGE_VAR))
        context = {
            **self._products_context(request, profile),
            "title": f"Edit Profile '{profile.name}'",
            "filter": wanted,
            "page": page,
            "rows": _rows(profile, page),
            "per_page": size,
            "per_page_choices": PER_PAGE_CHOICES,
            "can_change": self.has_change_permission(request, profile),
            "actions": ACTIONS,
            "kept_params": _kept(request, drop=(PAGE_VAR, "per_page")),
            "page_params": _query(request, drop=(PAGE_VAR,)),
            "types": selectors.product_types(profile.account_id),
            "statuses": selectors.STATUS_CHOICES,
            "visibilities": selectors.VISIBILITY_CHOICES,
            "categories": selectors.categories(profile.account_id),
            "in_profile_choices": selectors.IN_PROFILE_CHOICES,
            "reset_url": f"{self.products_url(profile)}?in_profile=any",
        }
        return TemplateResponse(request, self.products_template, context)

    def _products_context(self, request: HttpRequest, profile: Profile) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": profile,
            "profile": profile,
            "active_tab": "products",
            "profile_info_url": reverse("admin:profiles_profile_change", args=[profile.pk]),
            "profile_products_url": self.products_url(profile),
            "grid_url": request.get_full_path(),
        }

    # --- the mass actions -----------------------------------------------------------------------

    def _products_action(self, request: HttpRequest, profile: Profile) -> HttpResponse:
        back = HttpResponseRedirect(request.get_full_path())
        action = request.POST.get("action", "")
        chosen = self._chosen(request, profile)
        if action not in dict(ACTIONS) or chosen is None:
            self.message_user(request, "Select products and an action first.", messages.WARNING)
            return back
        if action == "unassign":
            removed = assignment.unassign(profile, chosen, user=request.user)
            self.message_user(request, f"{_products(removed)} removed from this profile.", messages.SUCCESS)
            return back
        on_conflict = request.POST.get("on_conflict", "")
        if on_conflict not in ("move", "skip"):
            held = assignment.conflicts(profile, chosen)
            if held:
                return self._confirm(request, profile, held)
        result = assignment.assign(profile, chosen, move=on_conflict == "move", user=request.user)
        self.message_user(request, f"Products assigned: {result.summary()}.", messages.SUCCESS)
        return back

    def _chosen(self, request: HttpRequest, profile: Profile) -> QuerySet[CatalogProduct] | None:
        """The products the action is for: every one matching the URL's filter ("Select All"), or the
        ticked rows (ids of the profile's account only); None when nothing was chosen."""
        if request.POST.get("select_across") == "1":
            return selectors.filtered_products(profile, selectors.ProductFilter.from_params(request.GET))
        ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
        if not ids:
            return None
        return selectors.account_products(profile.account_id).filter(pk__in=ids)

    def _confirm(
        self, request: HttpRequest, profile: Profile, held: list[tuple[Profile, int]]
    ) -> HttpResponse:
        (first, first_count), others = held[0], held[1:]
        question = f"{_products(first_count)} {'is' if first_count == 1 else 'are'} in profile {first.name}"
        if others:
            question += " (and " + ", ".join(f"{n} in {p.name}" for p, n in others) + ")"
        context = {
            **self._products_context(request, profile),
            "title": "Move products from other profiles?",
            "question": question + ".",
            "held": held,
            "posted": [(k, v) for k in ("action", "select_across") for v in request.POST.getlist(k)],
            "ids": request.POST.getlist("ids"),
        }
        return TemplateResponse(request, self.products_confirm_template, context)


def _rows(profile: Profile, page: Page[CatalogProduct]) -> list[ProductRow]:
    products = list(page.object_list)
    wanted = {int(c) for p in products for c in p.category_ids}
    names = selectors.category_names(profile.account_id, wanted)
    return [
        ProductRow(
            product=p,
            thumbnail=_thumbnail(p),
            visibility=VISIBILITY.get(p.visibility, str(p.visibility)),
            categories=[names.get(int(c), f"#{c}") for c in p.category_ids],
            profile=_profile_of(p),
        )
        for p in products
    ]


def _products(count: int) -> str:
    return f"{count} product" if count == 1 else f"{count} products"


def _thumbnail(product: CatalogProduct) -> str:
    images = product.images or []
    first = images[0] if images else None
    return str(first.get("url", "")) if isinstance(first, dict) else ""


def _profile_of(product: CatalogProduct) -> Profile | None:
    try:
        return product.profile_link.profile
    except ProfileProduct.DoesNotExist:  # the reverse one-to-one's own error is a subclass
        return None


def _kept(request: HttpRequest, drop: tuple[str, ...]) -> list[tuple[str, str]]:
    """The GET parameters a form re-sends as hidden inputs (the filter, when the page size changes)."""
    return [(k, v) for k, values in request.GET.lists() if k not in drop for v in values]


def _query(request: HttpRequest, drop: tuple[str, ...]) -> str:
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()
