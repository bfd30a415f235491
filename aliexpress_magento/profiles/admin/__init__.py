"""AliExpress → Manage Profiles (manual §4): one model admin assembled from three parts, one per page
area — the profile listing grid (``grid``), the Add/Edit page's Profile Info and Aliexpress Category
Mapping tabs (``edit``), and the Profile Products tab (``products``)."""

from __future__ import annotations

from django.contrib import admin

from aliexpress_magento.accounts.access import AccountScopedAdmin
from aliexpress_magento.profiles.admin.edit import ProfileEditMixin
from aliexpress_magento.profiles.admin.grid import ProfileGridMixin
from aliexpress_magento.profiles.admin.products import ProfileProductsMixin
from aliexpress_magento.profiles.models import Profile


@admin.register(Profile)
class ProfileAdmin(ProfileGridMixin, ProfileEditMixin, ProfileProductsMixin, AccountScopedAdmin):
    menu = ("AliExpress", 20)
    menu_title = "Manage Profiles"
    grid_title = "Aliexpress Profile Listing"
