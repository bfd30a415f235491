"""Add New Profile / Edit Profile: the Profile Info and Aliexpress Category Mapping tabs (manual §4.1-4.2)."""

from __future__ import annotations

from django.contrib import admin


class ProfileEditMixin(admin.ModelAdmin):
    pass
