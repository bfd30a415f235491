"""Shared by the Add/Edit Profile flow tests: a profile of the sandbox-wired account, the Magento
attributes a catalog refresh would have mirrored, a view-only staff user, and the page's POST data."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.models import CatalogAttribute, CatalogCategory, CatalogProduct
from aliexpress_magento.profiles.models import Profile
from aliexpress_magento.profiles.services import categories, schemas

SHIRTS = 348
MENS = 200000343
COLORS = [{"id": "49", "label": "Black"}, {"id": "50", "label": "White"}, {"id": "51", "label": "Teal"}]
SIZES = [{"id": "60", "label": "S"}, {"id": "61", "label": "M"}]
MATERIALS = [{"id": "70", "label": "Cotton"}, {"id": "71", "label": "Linen"}]


def change_url(profile: Profile) -> str:
    return reverse("admin:profiles_profile_change", args=[profile.pk])


def info(profile: Profile, **changes: Any) -> dict[str, Any]:
    """The Profile Info inputs of ``profile`` as its page posts them, with ``changes``."""
    data = {"code": profile.code, "name": profile.name, "status": profile.status, "_continue": "1"}
    return {**data, **changes}


@pytest.fixture
def profile(account: Account) -> Profile:
    return Profile.objects.create(account=account, code="shirts", name="Shirts")


@pytest.fixture
def shirts_profile(profile: Profile, account: Account) -> Profile:
    """The profile in Men's Clothing > Shirts with its schema fetched, as picking it leaves it."""
    categories.children(account)
    categories.children(account, MENS)
    schemas.schema(account, SHIRTS)
    profile.category_id = SHIRTS
    profile.category_path = ["Men's Clothing", "Shirts"]
    profile.save()
    return profile


def _attribute(
    account: Account, code: str, label: str, input_type: str, options: list[dict[str, str]]
) -> None:
    CatalogAttribute.objects.create(
        account=account,
        code=code,
        label=label,
        input_type=input_type,
        options=options,
        mirrored_at=timezone.now(),
    )


@pytest.fixture
def magento_attributes(account: Account) -> None:
    _attribute(account, "color", "Color", "select", COLORS)
    _attribute(account, "size", "Size", "select", SIZES)
    _attribute(account, "material", "Material", "multiselect", MATERIALS)
    _attribute(account, "description", "Description", "textarea", [])
    now = timezone.now()
    CatalogProduct.objects.create(
        account=account,
        entity_id=1,
        sku="TEE",
        type="configurable",
        attribute_set_id=4,
        name="Tee",
        enabled=True,
        visibility=4,
        axes=["color", "size"],
        updated_at=now,
        content_hash="x",
        mirrored_at=now,
    )


@pytest.fixture
def magento_categories(account: Account) -> None:
    now = timezone.now()
    for category_id, name, path in (
        (3, "Men", "Default Category/Men"),
        (4, "Tops", "Default Category/Men/Tops"),
    ):
        CatalogCategory.objects.create(
            account=account,
            category_id=category_id,
            parent_id=2,
            name=name,
            path=path,
            level=2,
            mirrored_at=now,
        )


@pytest.fixture
def viewer_client(db, account: Account, django_user_model) -> Client:  # type: ignore[no-untyped-def]
    """A staff user with the view permission on profiles only, allowed to see the account."""
    user = django_user_model.objects.create_user("viewer", password="a-long-test-password", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_profile"))
    account.allowed_users.add(user)
    client = Client()
    client.force_login(user)
    return client
