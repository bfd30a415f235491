"""The schema parser on the condensed real schema of category 348 (men's Shirts, from
../shared/data/aliexpress/product-schema-example.json) and on the official sample answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aliexpress_magento.profiles.mappers import AllowedValue, AttributeSpec, SchemaDescription, parse_schema

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "aliexpress"


@pytest.fixture(scope="module")
def shirts() -> SchemaDescription:
    example = json.loads((FIXTURES / "product-schema-example.json").read_text())
    return parse_schema(example["schema"])


def _by_name(attributes: tuple[AttributeSpec, ...]) -> dict[str, AttributeSpec]:
    return {a.name: a for a in attributes}


def test_the_category_attributes_in_schema_order(shirts: SchemaDescription) -> None:
    assert shirts.category_id == 348
    assert [a.name for a in shirts.attributes] == [
        "Brand Name",
        "Shirts Type",
        "Material",
        "Sleeve Length(cm)",
        "Model Number",
        "Pattern Type",
        "Place Of Origin",
        "Weight",
    ]


def test_only_brand_name_is_required(shirts: SchemaDescription) -> None:
    assert [a.name for a in shirts.attributes if a.required] == ["Brand Name"]


def test_a_single_value_attribute_with_other_and_its_custom_text(shirts: SchemaDescription) -> None:
    assert _by_name(shirts.attributes)["Shirts Type"] == AttributeSpec(
        name="Shirts Type",
        required=False,
        multi_value=False,
        values=(AllowedValue("200001208", "Casual Shirts"), AllowedValue("4", "Other")),
        custom_value=True,
        units=(),
    )


def test_a_multi_value_attribute_takes_its_values_from_items(shirts: SchemaDescription) -> None:
    material = _by_name(shirts.attributes)["Material"]
    assert material.multi_value is True
    assert material.values == (
        AllowedValue("47", "Cotton"),
        AllowedValue("49", "Polyester"),
        AllowedValue("567", "Linen"),
    )
    assert material.custom_value is False


def test_brand_has_one_value_and_no_custom_text(shirts: SchemaDescription) -> None:
    brand = _by_name(shirts.attributes)["Brand Name"]
    assert (brand.required, brand.multi_value, brand.custom_value) == (True, False, False)
    assert brand.values == (AllowedValue("200010868", "NONE"),)


def test_a_free_text_attribute_has_no_allowed_values(shirts: SchemaDescription) -> None:
    model = _by_name(shirts.attributes)["Model Number"]
    assert (model.values, model.custom_value, model.multi_value) == ((), False, False)


def test_units_of_an_attribute_and_of_the_product(shirts: SchemaDescription) -> None:
    assert _by_name(shirts.attributes)["Weight"].units == (AllowedValue("kg", "kg"), AllowedValue("g", "g"))
    assert _by_name(shirts.attributes)["Material"].units == ()
    assert shirts.product_units[:2] == (
        AllowedValue("100000015", "piece/pieces"),
        AllowedValue("100000000", "bag/bags"),
    )
    assert len(shirts.product_units) == 5


def test_the_sku_attributes(shirts: SchemaDescription) -> None:
    sku = _by_name(shirts.sku_attributes)
    assert list(sku) == ["Size", "Color"]
    assert [v.name for v in sku["Size"].values] == ["S", "M", "L", "XL", "XXL"]
    assert sku["Color"].values[0] == AllowedValue("193", "Black")
    assert sku["Color"].values[-1] == AllowedValue("771", "Beige")
    assert [(a.required, a.multi_value, a.custom_value) for a in sku.values()] == [(False, False, False)] * 2


def test_the_description_is_json_ready(shirts: SchemaDescription) -> None:
    as_json = json.loads(json.dumps(shirts.as_json()))
    assert as_json["attributes"][1]["values"][0] == {"id": "200001208", "name": "Casual Shirts"}
    assert as_json["sku_attributes"][0]["name"] == "Size"


def test_the_official_sample_answer_has_an_empty_schema() -> None:
    sample = json.loads(
        (FIXTURES / "official-samples" / "aliexpress.solution.product.schema.get.json").read_text()
    )
    schema = json.loads(sample["body"]["aliexpress_solution_product_schema_get_response"]["result"]["schema"])
    assert parse_schema(schema) == SchemaDescription(None, (), (), ())
