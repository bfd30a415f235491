"""The Profile Products tab: the mirrored products, and their assignment to the profile."""

from __future__ import annotations

from django.contrib import admin


class ProfileProductsMixin(admin.ModelAdmin):
    pass
