"""What a profile lacks before upload, on the real schema of category 348 (men's Shirts), where only
Brand Name is required and has a closed list of values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.profiles.mappers import parse_schema
from aliexpress_magento.profiles.models import AttributeMapping, CategorySchema, Profile
from aliexpress_magento.profiles.services.completeness import (
    NO_CATEGORY,
    NO_SCHEMA,
    missing_by_profile,
    missing_mappings,
)
from tests.support.accounts import make_account

EXAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "aliexpress" / "product-schema-example.json"
BRAND = "Brand Name (required)"


@pytest.fixture
def account(db) -> Account:  # type: ignore[no-untyped-def]
    account = make_account("http://ae.test", "http://m2.test")
    schema = json.loads(EXAMPLE.read_text())["schema"]
    CategorySchema.objects.create(
        account=account,
        category_id=348,
        raw_schema=json.dumps(schema),
        parsed=parse_schema(schema).as_json(),
        fetched_at=timezone.now(),
    )
    return account


def _profile(account: Account, code: str, category_id: int | None = 348) -> Profile:
    return Profile.objects.create(account=account, code=code, name=code, category_id=category_id)


def _brand(profile: Profile, **fields: object) -> AttributeMapping:
    return AttributeMapping.objects.create(profile=profile, aliexpress_attribute="Brand Name", **fields)


def test_a_profile_without_a_category_lacks_it(account: Account) -> None:
    assert missing_mappings(_profile(account, "empty", None)) == [NO_CATEGORY]


def test_a_category_whose_schema_was_never_fetched(account: Account) -> None:
    assert missing_mappings(_profile(account, "other", 200000346)) == [NO_SCHEMA]


def test_an_unmapped_required_attribute_is_named(account: Account) -> None:
    assert missing_mappings(_profile(account, "shirts")) == [f"{BRAND}: not mapped."]


def test_a_fixed_value_completes_it(account: Account) -> None:
    profile = _profile(account, "shirts")
    _brand(profile, source=AttributeMapping.Source.FIXED, fixed_value="201512802")
    assert missing_mappings(profile) == []


def test_a_fixed_mapping_without_its_value(account: Account) -> None:
    profile = _profile(account, "shirts")
    _brand(profile, source=AttributeMapping.Source.FIXED)
    assert missing_mappings(profile) == [f"{BRAND}: no fixed value chosen."]


def test_a_magento_attribute_needs_a_value_map_or_a_default_for_a_closed_list(account: Account) -> None:
    profile = _profile(account, "shirts")
    mapping = _brand(profile, magento_attribute="manufacturer")
    assert missing_mappings(profile) == [
        f"{BRAND}: Magento attribute manufacturer has no value map and no default value."
    ]
    mapping.default_value = "201512802"
    mapping.save()
    assert missing_mappings(profile) == []


def test_a_magento_mapping_without_its_attribute(account: Account) -> None:
    profile = _profile(account, "shirts")
    _brand(profile)
    assert missing_mappings(profile) == [f"{BRAND}: no Magento attribute chosen."]


def test_many_profiles_in_a_fixed_number_of_queries(account: Account, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    profiles = [_profile(account, f"p{i}") for i in range(5)]
    _brand(profiles[0], source=AttributeMapping.Source.FIXED, fixed_value="201512802")
    with django_assert_num_queries(2):
        found = missing_by_profile(profiles)
    assert found == {p.pk: [] if p is profiles[0] else [f"{BRAND}: not mapped."] for p in profiles}
