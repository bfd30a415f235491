"""The Profile Products tab: the mirrored products, and their assignment to the profile."""

from __future__ import annotations

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse

from aliexpress_magento.profiles.models import Profile


class ProfileProductsMixin(admin.ModelAdmin):
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
        raise Http404("The Profile Products tab is being built.")
