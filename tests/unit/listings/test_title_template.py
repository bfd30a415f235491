"""The profile's title template: its form, the tidying around missing values, and the payload builder's
titles and problems with it (every locale, select labels, the length and forbidden characters)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from aliexpress_magento.listings.mappers.payload import build_item
from aliexpress_magento.listings.mappers.problems import Problem
from aliexpress_magento.profiles.title_template import codes, render, syntax_problems
from tests.unit.listings.shirts import TODAY, configurable, profile, settings, simple

VALUES = {"brand": "Acme", "name": "Oxford Shirt", "color": "Red", "size": "M"}


def _render(template: str, *present: str) -> str:
    return render(template, lambda code: VALUES[code] if code in present else "")


@pytest.mark.parametrize(
    ("template", "present", "expected"),
    [
        ("{brand} {name} {color}", ("brand", "name", "color"), "Acme Oxford Shirt Red"),
        ("{brand} {name} {color}", ("name",), "Oxford Shirt"),
        ("{brand} {name} {color}", ("brand", "color"), "Acme Red"),
        ("{brand} - {name} - {color}", ("brand", "color"), "Acme - Red"),
        ("{brand} | {name} | {color}", ("name",), "Oxford Shirt"),
        ("{name} ({color}, {size})", ("name", "size"), "Oxford Shirt (M)"),
        ("{name} ({color}, {size})", ("name", "color"), "Oxford Shirt (Red)"),
        ("{name} ({color}, {size})", ("name",), "Oxford Shirt"),
        ("{name} {color}, {size}", ("name", "size"), "Oxford Shirt, M"),
        ("[{brand}] {name}", ("name",), "Oxford Shirt"),
        ("{name} - {color} - {size} ({brand})", ("name", "brand"), "Oxford Shirt (Acme)"),
        ("  {name}   for men ", ("name",), "Oxford Shirt for men"),
        ("{brand}", (), ""),
    ],
)
def test_missing_values_collapse_without_stray_spaces_or_separators(
    template: str, present: tuple[str, ...], expected: str
) -> None:
    assert _render(template, *present) == expected


def test_the_values_themselves_are_never_tidied() -> None:
    odd = {"brand": " - ", "name": "Shirt -- ( ) x", "color": ""}
    # "-" is a brand's value here, not a separator: it stays; the comma before the empty colour goes.
    assert render("{brand} {name}, {color}", lambda c: odd[c]) == "- Shirt -- ( ) x"
    assert render("{name}|{brand}", lambda c: {"name": "A  B", "brand": "C"}[c]) == "A  B|C"


def test_the_template_form_is_checked() -> None:
    assert codes("{brand} {name} {brand} { color }") == ["brand", "name", "color"]
    assert syntax_problems("{brand} {name} {color}") == []
    assert syntax_problems("") == []
    assert syntax_problems("{Brand Name} <b>{name</b>") == [
        "a “{” or “}” has no partner: write each attribute as {code}.",
        "“{Brand Name}” is not an attribute code (small letters, digits and _, e.g. {brand}).",
        "its own text holds < >, not allowed in a title.",
    ]
    assert syntax_problems("Shirt") == ["it names no attribute, so every product would get the same title."]


# --- the builder -----------------------------------------------------------------------------------


def _with_brand(**changes: object) -> dict[str, object]:
    product = simple()
    attributes = {**product.attributes, "brand": ("7",), "fit": ("Slim",)}
    labels = {**product.option_labels, "brand": {"7": "Acme"}}
    return {"attributes": attributes, "option_labels": labels, **changes}


def test_the_template_builds_every_locales_title_with_that_locales_name() -> None:
    product = simple(
        names={"en_US": "Oxford Shirt", "fr_FR": "Chemise Oxford"},
        **_with_brand(),  # type: ignore[arg-type]
    )
    templated = replace(profile(), title_template="{brand} {name} {fit} {material} {pattern} {color}")

    result = build_item(product, templated, settings(extra_locales=("fr_FR",)), today=TODAY)

    assert result.problems == ()
    # brand: a select's label; fit: a text; material: a multiselect's labels; color: none on this product.
    assert result.item["title_multi_language_list"] == [
        {"locale": "en_US", "title": "Acme Oxford Shirt Slim Cotton, Polyester Paisley"},
        {"locale": "fr_FR", "title": "Acme Chemise Oxford Slim Cotton, Polyester Paisley"},
    ]


def test_no_template_keeps_the_products_name() -> None:
    result = build_item(simple(**_with_brand()), profile(), settings(), today=TODAY)  # type: ignore[arg-type]
    assert result.item["title_multi_language_list"] == [{"locale": "en_US", "title": "Oxford Shirt"}]


def test_a_configurable_takes_its_own_values_not_its_childrens() -> None:
    templated = replace(profile(), title_template="{name} ({color}) {sku}")
    result = build_item(configurable(), templated, settings(), today=TODAY)
    assert result.item["title_multi_language_list"] == [
        {"locale": "en_US", "title": "Oxford Shirt SHIRT-CFG"}
    ]


def test_a_title_too_long_or_with_markup_names_the_template() -> None:
    product = simple(**_with_brand(attributes={"fit": ("x" * 120,), "cut": ("<b>",)}))  # type: ignore[arg-type]
    long_one = replace(profile(), title_template="{name} {fit}")  # 12 + 1 + 120 = 133 characters
    markup = replace(profile(), title_template="{name} {cut}")

    too_long = build_item(product, long_one, settings(), today=TODAY)
    marked = build_item(product, markup, settings(), today=TODAY)

    assert [p for p in too_long.problems if p.path.startswith("/title")] == [
        Problem(
            "/title_multi_language_list/0/title",
            "Title (en_US): the title template “{name} {fit}” for product SHIRT-OXF has 133 characters; "
            "AliExpress allows at most 128.",
        )
    ]
    assert [p for p in marked.problems if p.path.startswith("/title")] == [
        Problem(
            "/title_multi_language_list/0/title",
            "Title (en_US): the title template “{name} {cut}” for product SHIRT-OXF contains < >, "
            "not allowed in a title.",
        )
    ]


def test_a_template_that_gives_nothing_is_a_problem() -> None:
    templated = replace(profile(), title_template="{brand}")
    result = build_item(simple(), templated, settings(), today=TODAY)
    assert result.item["title_multi_language_list"] == [{"locale": "en_US", "title": ""}]
    assert [p for p in result.problems if p.path.startswith("/title")] == [
        Problem(
            "/title_multi_language_list/0/title",
            "Title (en_US): the title template “{brand}” for product SHIRT-OXF gives an empty title: "
            "none of its attributes has a value.",
        )
    ]
