"""``categories.suggest`` (``aliexpress.solution.product.category.suggest``) against the sandbox, in-process.

No official sample answer exists; the sandbox's ranking is a deterministic word match over its seeded
tree (COVERAGE.md), so these tests pin the client's reading of the shape and the sandbox's answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from aliexpress_magento.clients.aliexpress import AliExpressClient, TerminalError
from aliexpress_magento.clients.aliexpress.categories import SuggestedCategory, parse_suggestions
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.contract.test_aliexpress_client import APP_KEY, APP_SECRET, CALLBACK, FakeClock, connect

SHIRTS = SuggestedCategory(348, "Shirts", (200000343, 348), ("Men's Clothing", "Shirts"))


@pytest.fixture
def client() -> Iterator[AliExpressClient]:
    clock = FakeClock()
    sandbox = AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET, state_file=None, clock=clock)
    with connect(sandbox, clock) as client:
        client.use_token(client.oauth.create_token(sandbox.grant_code(CALLBACK, "st")))
        yield client


def test_a_title_gets_the_leaves_whose_names_it_shares_best_first(client: AliExpressClient) -> None:
    found = client.categories.suggest("Men's cotton shirt, long sleeve", language="en")

    assert found[0] == SHIRTS
    assert [c.category_id for c in found] == [348, 201531301, 200000346, 201513902]
    assert found[1].name_path == ("Men's Clothing", "Tops & Tees", "T-Shirts")
    assert found[1].id_path == (200000343, 200000779, 201531301)


def test_plural_and_case_do_not_matter(client: AliExpressClient) -> None:
    found = client.categories.suggest(
        "IPHONE 15 SILICONE CASES", language="en", image_url="https://x.test/a.jpg"
    )

    assert [(c.category_id, c.name) for c in found] == [(380230, "Phone Bags & Cases")]


def test_a_title_matching_nothing_gets_an_empty_list(client: AliExpressClient) -> None:
    assert client.categories.suggest("zzz qqq", language="en") == ()


def test_the_language_is_required(client: AliExpressClient) -> None:
    with pytest.raises(TerminalError) as caught:
        client.categories.suggest("Men's shirt", language="")

    assert caught.value.code == "MissingParameter"
    assert '"language"' in caught.value.message


def test_the_bare_simplified_shape_reads_the_same() -> None:
    bare = {
        "suggest_category_list": [
            {
                "id": "348",
                "name": "Shirts",
                "id_path": [200000343, 348],
                "name_path": ["Men's Clothing", "Shirts"],
            }
        ]
    }
    assert parse_suggestions(bare) == (SHIRTS,)
    assert parse_suggestions({}) == ()
