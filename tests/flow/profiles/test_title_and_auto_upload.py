# ruff: noqa: F811 - the fixtures are imported from editing_support and named again as parameters
"""Profile Info's title template and automatic upload flags through the admin page: an unknown attribute
code or a broken template is refused with its sentence, a good one is saved (and logged) and previewed on
one of the profile's products, the two flags are saved."""

from __future__ import annotations

import html

from django.test import Client
from django.utils import timezone

from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.profiles.models import Profile, ProfileProduct
from tests.flow.profiles.editing_support import (  # noqa: F401 - fixtures
    change_url,
    info,
    magento_attributes,
    profile,
)

UNKNOWN = (
    "Title template: {brand}, {fit} is no attribute of the Magento catalog mirrored for this account "
    "(see the attribute codes in the Category Mapping tab, or refresh the catalog)."
)


def _errors(page: str) -> str:
    return html.unescape(page)


def test_unknown_attribute_codes_are_refused_and_nothing_is_saved(
    merchant_client: Client, profile: Profile, magento_attributes: None
) -> None:
    answer = merchant_client.post(change_url(profile), info(profile, title_template="{brand} {name} {fit}"))

    assert answer.status_code == 200  # the page again, with the field's error
    assert UNKNOWN in _errors(answer.content.decode())
    profile.refresh_from_db()
    assert profile.title_template == ""
    assert not ActivityLog.objects.filter(log_type="profile").exists()


def test_a_broken_template_is_refused_with_each_reason(
    merchant_client: Client, profile: Profile, magento_attributes: None
) -> None:
    answer = merchant_client.post(change_url(profile), info(profile, title_template="{Color} <{name}"))

    page = _errors(answer.content.decode())
    assert (
        "Title template: “{Color}” is not an attribute code (small letters, digits and _, e.g. {brand})."
        in page
    )
    assert "Title template: its own text holds <, not allowed in a title." in page
    profile.refresh_from_db()
    assert profile.title_template == ""


def test_a_good_template_and_the_flags_are_saved_logged_and_previewed(
    merchant_client: Client, profile: Profile, magento_attributes: None
) -> None:
    tee = CatalogProduct.objects.get(sku="TEE")
    tee.attributes = {"color": "49", "material": "70,71"}
    tee.save()
    ProfileProduct.objects.create(product=tee, profile=profile, assigned_at=timezone.now())

    answer = merchant_client.post(
        change_url(profile),
        info(
            profile,
            title_template="{name} - {color} - {size} ({material})",
            auto_upload_new_products="on",
            auto_upload_new_children="on",
        ),
    )

    assert answer.status_code == 302
    profile.refresh_from_db()
    assert (profile.title_template, profile.auto_upload_new_products, profile.auto_upload_new_children) == (
        "{name} - {color} - {size} ({material})",
        True,
        True,
    )
    (entry,) = ActivityLog.objects.filter(log_type="profile")
    assert entry.comment == (
        "Profile “Shirts” (shirts) changed: Title template, Upload new products automatically, "
        "Send new children automatically."
    )
    page = _errors(merchant_client.get(change_url(profile)).content.decode())
    # No size on the Tee: it goes with its separator; the multiselect gives both labels.
    assert "Preview on TEE: “Tee - Black (Cotton, Linen)” (27 characters)." in page
