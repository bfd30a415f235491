"""The Aliexpress Profile Listing grid (manual §4.3, §4.4)."""

from __future__ import annotations

from django.contrib import admin


class ProfileGridMixin(admin.ModelAdmin):
    pass
