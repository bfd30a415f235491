# ruff: noqa: F811 - the fixtures are imported from editing_support and named again as parameters
"""The Aliexpress / Magento Attribute Mapping: checked against the category's schema and the mirrored
Magento attributes, written as AttributeMapping rows, logged; missing required mappings shown, not
blocking. Through the service and through the Edit Profile page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.profiles.models import AttributeMapping, Profile
from aliexpress_magento.profiles.services import completeness, mappings
from aliexpress_magento.profiles.services.mappings import Choice, MappingError, MappingInput
from tests.flow.profiles.editing_support import (  # noqa: F401 - fixtures
    change_url,
    info,
    magento_attributes,
    profile,
    shirts_profile,
)

CATEGORY, SKU = "category", "sku"
NONE_BRAND = "200010868"
FULL, SHORT = "200001500", "990100002"
BLACK, WHITE = "193", "29"
OTHER = "4"


def _rows(profile: Profile) -> dict[tuple[str, str], dict[str, Any]]:
    fields = ("source", "magento_attribute", "fixed_value", "fixed_custom", "value_map", "default_value")
    return {
        (m.kind, m.aliexpress_attribute): {f: getattr(m, f) for f in fields}
        | {"names": m.send_custom_names, "swatch": m.send_swatch_image}
        for m in AttributeMapping.objects.filter(profile=profile)
    }


def _problems(profile: Profile, *inputs: MappingInput) -> list[str]:
    with pytest.raises(MappingError) as refused:
        mappings.save(profile, inputs, user=None)
    assert not AttributeMapping.objects.filter(profile=profile).exists()
    return refused.value.problems


# --- the service --------------------------------------------------------------------------------------


def test_a_complete_mapping_is_written_and_logged(shirts_profile: Profile, magento_attributes: None) -> None:
    changed = mappings.save(
        shirts_profile,
        [
            MappingInput(CATEGORY, "Brand Name", "fixed", fixed=Choice(NONE_BRAND)),
            MappingInput(
                CATEGORY,
                "Sleeve Length(cm)",
                "magento",
                "size",
                value_map={"60": Choice(SHORT), "61": Choice("")},
                default=Choice(FULL),
            ),
            MappingInput(
                CATEGORY,
                "Shirts Type",
                "fixed",
                "color",
                fixed=Choice(OTHER, "Flannel"),
                default=Choice(FULL),
            ),
            MappingInput(CATEGORY, "Model Number", "fixed", fixed=Choice("OX-1")),
            MappingInput(
                SKU,
                "Color",
                "magento",
                "color",
                value_map={"49": Choice(BLACK), "50": Choice(WHITE)},
                send_custom_names=True,
                send_swatch_image=True,
            ),
            MappingInput(CATEGORY, "Collar", ""),
        ],
        user=None,
    )

    assert changed == 5
    assert _rows(shirts_profile) == {
        (CATEGORY, "Brand Name"): {
            "source": "fixed", "magento_attribute": "", "fixed_value": NONE_BRAND, "fixed_custom": "",
            "value_map": {}, "default_value": "", "names": False, "swatch": False,
        },
        (CATEGORY, "Sleeve Length(cm)"): {
            "source": "magento", "magento_attribute": "size", "fixed_value": "", "fixed_custom": "",
            "value_map": {"60": {"value": SHORT, "custom": ""}}, "default_value": FULL,
            "names": False, "swatch": False,
        },
        (CATEGORY, "Shirts Type"): {  # the Magento side of a fixed mapping is not kept
            "source": "fixed", "magento_attribute": "", "fixed_value": OTHER, "fixed_custom": "Flannel",
            "value_map": {}, "default_value": "", "names": False, "swatch": False,
        },
        (CATEGORY, "Model Number"): {
            "source": "fixed", "magento_attribute": "", "fixed_value": "OX-1", "fixed_custom": "",
            "value_map": {}, "default_value": "", "names": False, "swatch": False,
        },
        (SKU, "Color"): {
            "source": "magento", "magento_attribute": "color", "fixed_value": "", "fixed_custom": "",
            "value_map": {"49": {"value": BLACK, "custom": ""}, "50": {"value": WHITE, "custom": ""}},
            "default_value": "", "names": True, "swatch": True,
        },
    }  # fmt: skip
    entry = ActivityLog.objects.get(log_type="profile", log_sub_type="mapping")
    assert entry.comment == (
        "Profile “Shirts” (shirts) attribute mapping saved: mapped Brand Name, Sleeve Length(cm), "
        "Shirts Type, Model Number, Color."
    )
    assert completeness.missing_mappings(shirts_profile) == []


def test_saving_the_same_again_changes_and_logs_nothing(
    shirts_profile: Profile, magento_attributes: None
) -> None:
    brand = MappingInput(CATEGORY, "Brand Name", "fixed", fixed=Choice(NONE_BRAND))
    mappings.save(shirts_profile, [brand], user=None)

    assert mappings.save(shirts_profile, [brand], user=None) == 0
    assert ActivityLog.objects.filter(log_sub_type="mapping").count() == 1


def test_unmapping_removes_the_row(shirts_profile: Profile, magento_attributes: None) -> None:
    mappings.save(
        shirts_profile, [MappingInput(CATEGORY, "Brand Name", "fixed", fixed=Choice(NONE_BRAND))], user=None
    )

    assert mappings.save(shirts_profile, [MappingInput(CATEGORY, "Brand Name", "")], user=None) == 1
    assert _rows(shirts_profile) == {}
    assert ActivityLog.objects.filter(log_sub_type="mapping").order_by("pk").last().comment == (  # type: ignore[union-attr]
        "Profile “Shirts” (shirts) attribute mapping saved: unmapped Brand Name."
    )


def test_values_outside_the_schema_are_refused(shirts_profile: Profile, magento_attributes: None) -> None:
    assert _problems(
        shirts_profile,
        MappingInput(CATEGORY, "Brand Name", "fixed", fixed=Choice("123")),
        MappingInput(CATEGORY, "Sleeve Length(cm)", "magento", "size", value_map={"60": Choice(BLACK)}),
        MappingInput(SKU, "Color", "magento", "color", default=Choice(FULL)),
    ) == [
        "Brand Name: the fixed value “123” is not one of AliExpress's values for this attribute.",
        "Sleeve Length(cm): the value for option 60 “193” is not one of AliExpress's values "
        "for this attribute.",
        "Color: the default value “200001500” is not one of AliExpress's values for this attribute.",
    ]


def test_custom_text_goes_with_other_only_where_the_schema_allows_it(
    shirts_profile: Profile, magento_attributes: None
) -> None:
    assert _problems(
        shirts_profile,
        MappingInput(CATEGORY, "Brand Name", "fixed", fixed=Choice(NONE_BRAND, "My brand")),
        MappingInput(CATEGORY, "Shirts Type", "fixed", fixed=Choice("200001208", "Flannel")),
        MappingInput(CATEGORY, "Pattern Type", "magento", "color", value_map={"49": Choice(OTHER)}),
    ) == [
        "Brand Name: the fixed value: AliExpress takes no custom text for this attribute.",
        "Shirts Type: the fixed value: a custom text goes with “Other” only.",
        "Pattern Type: the value for option 49: “Other” needs its custom text.",
    ]


def test_unknown_magento_attributes_and_options_are_refused(
    shirts_profile: Profile, magento_attributes: None
) -> None:
    assert _problems(
        shirts_profile,
        MappingInput(CATEGORY, "Material", "magento", "fabric"),
        MappingInput(CATEGORY, "Collar", "magento", "color", value_map={"99": Choice("990100011")}),
        MappingInput(SKU, "Size", "magento", "description"),
        MappingInput(CATEGORY, "Gadget Type", "fixed", fixed=Choice("1")),
    ) == [
        "Material: Magento attribute “fabric” is not one of the account's attributes.",
        "Collar: option 99 is not an option of color.",
        "Size: Magento attribute “description” has no options: a SKU attribute maps to a select attribute "
        "(a configurable's axis).",
        "Gadget Type: not an attribute of the category's schema.",
    ]


def test_required_but_unmapped_is_saved_and_reported(
    shirts_profile: Profile, magento_attributes: None
) -> None:
    mappings.save(shirts_profile, [MappingInput(CATEGORY, "Sleeve Length(cm)", "magento", "size")], user=None)

    assert completeness.missing_mappings(shirts_profile) == [
        "Brand Name (required): not mapped.",
        "Sleeve Length(cm) (required): Magento attribute size has no value map and no default value.",
    ]


# --- the page ---------------------------------------------------------------------------------------


def test_the_table_lists_required_first_and_offers_the_axes_for_sku_attributes(
    merchant_client: Client, shirts_profile: Profile, magento_attributes: None
) -> None:
    answer = merchant_client.get(change_url(shirts_profile))
    rows = answer.context["mapping_rows"]
    page = answer.content.decode()

    assert [(r.name, r.kind, r.required) for r in rows[:3]] == [
        ("Brand Name", CATEGORY, True),
        ("Sleeve Length(cm)", CATEGORY, True),
        ("Shirts Type", CATEGORY, False),
    ]
    assert [r.name for r in rows if r.kind == SKU] == ["Color", "Size"]
    color = next(r for r in rows if r.name == "Color")
    assert [a.code for a in color.magento] == ["color", "size", "material"]  # select attributes, axes first
    assert [a.is_axis for a in color.magento] == [True, True, False]
    assert '<option value="color">Color (color) — configurable axis</option>' in page
    assert "Brand Name (required): not mapped." in page  # what is missing, on the page
    assert "Sleeve Length(cm) (required): not mapped." in page


def test_the_page_saves_the_posted_table(
    merchant_client: Client, shirts_profile: Profile, magento_attributes: None
) -> None:
    rows = merchant_client.get(change_url(shirts_profile)).context["mapping_rows"]
    prefix = {r.name: r.prefix for r in rows}
    data = info(
        shirts_profile,
        _tab="category",
        **{f"{r.prefix}-attr": r.name for r in rows},
        **{
            f"{prefix['Brand Name']}-source": "fixed",
            f"{prefix['Brand Name']}-fixed": NONE_BRAND,
            f"{prefix['Color']}-source": "magento",
            f"{prefix['Color']}-magento": "color",
            f"{prefix['Color']}-map-49": BLACK,
            f"{prefix['Color']}-map-50": "",
            f"{prefix['Color']}-swatch": "1",
        },
    )

    answer = merchant_client.post(change_url(shirts_profile), data)

    assert answer.status_code == 302 and answer["Location"].endswith("#category-mapping")
    assert _rows(shirts_profile) == {
        (CATEGORY, "Brand Name"): {
            "source": "fixed", "magento_attribute": "", "fixed_value": NONE_BRAND, "fixed_custom": "",
            "value_map": {}, "default_value": "", "names": False, "swatch": False,
        },
        (SKU, "Color"): {
            "source": "magento", "magento_attribute": "color", "fixed_value": "", "fixed_custom": "",
            "value_map": {"49": {"value": BLACK, "custom": ""}}, "default_value": "", "names": False,
            "swatch": True,
        },
    }  # fmt: skip
    assert ActivityLog.objects.filter(log_type="profile", log_sub_type="mapping").count() == 1


def test_a_refused_table_saves_nothing_and_shows_what_was_posted(
    merchant_client: Client, shirts_profile: Profile, magento_attributes: None
) -> None:
    rows = merchant_client.get(change_url(shirts_profile)).context["mapping_rows"]
    brand = next(r.prefix for r in rows if r.name == "Brand Name")
    data = info(
        shirts_profile,
        name="Renamed",
        **{f"{brand}-attr": "Brand Name", f"{brand}-source": "fixed", f"{brand}-fixed": "123"},
    )

    answer = merchant_client.post(change_url(shirts_profile), data)

    assert answer.status_code == 200
    assert answer.context["adminform"].form.non_field_errors() == [
        "Attribute mapping — Brand Name: the fixed value “123” is not one of AliExpress's values "
        "for this attribute."
    ]
    shown = next(r for r in answer.context["mapping_rows"] if r.name == "Brand Name")
    assert (shown.current.source, shown.current.fixed.value) == ("fixed", "123")
    shirts_profile.refresh_from_db()
    assert shirts_profile.name == "Shirts"
    assert not AttributeMapping.objects.exists()
