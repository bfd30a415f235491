"""The second store view (``french``) and per-view product texts: a read through ``/rest/french/…``
answers the product's own French name and description, and the default values where it has none, as
Magento's store-scoped attributes fall back, and filters and sorts on those texts compare the view's values
(as recorded on a real 2.4.7-p7 with a second view: tests/fixtures/magento2-recorded/views-rates/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aliexpress_magento.sandbox.magento2 import Magento2Sandbox

from .conftest import Api, FakeClock, criteria, one_axis_configurable, sellable_simple


def _description(product: dict[str, Any]) -> str:
    found = [a["value"] for a in product["custom_attributes"] if a["attribute_code"] == "description"]
    return str(found[0])


def test_a_french_read_answers_the_french_texts_and_falls_back_to_the_default(
    api: Api, sandbox: Magento2Sandbox, clock: FakeClock
) -> None:
    product = sellable_simple(sandbox)
    default = api.ok("GET", f"/rest/default/V1/products/{product.sku}")
    before = default["updated_at"]
    clock.advance(5)
    sandbox.set_view_texts("french", product.sku, name="Chemise", description="<p>Lin</p>")

    french = api.ok("GET", f"/rest/french/V1/products/{product.sku}")
    assert (french["name"], _description(french)) == ("Chemise", "<p>Lin</p>")
    assert french["updated_at"] > before  # saving in the view's scope stamps the product
    for prefix in ("/rest/default/V1", "/rest/V1", "/rest/all/V1"):
        other = api.ok("GET", f"{prefix}/products/{product.sku}")
        assert (other["name"], _description(other)) == (default["name"], _description(default))

    listed = api.ok("GET", "/rest/french/V1/products", params=criteria([("sku", product.sku, "eq")]))
    assert [i["name"] for i in listed["items"]] == ["Chemise"]
    sandbox.set_view_texts("french", product.sku, name="")  # "Use Default Value"
    again = api.ok("GET", f"/rest/french/V1/products/{product.sku}")
    assert (again["name"], _description(again)) == (default["name"], "<p>Lin</p>")


def test_children_read_in_the_french_view_fall_back_too(api: Api, sandbox: Magento2Sandbox) -> None:
    parent = one_axis_configurable(sandbox)
    child = sandbox.world.catalog.children(parent)[0]
    sandbox.set_view_texts("french", child.sku, name="Enfant")
    names = {
        c["sku"]: c["name"]
        for c in api.ok("GET", f"/rest/french/V1/configurable-products/{parent.sku}/children")
    }
    assert names[child.sku] == "Enfant"
    assert all(names[c.sku] == c.name for c in sandbox.world.catalog.children(parent)[1:])


def test_the_french_view_is_listed_with_its_config(api: Api) -> None:
    views = {v["code"]: v for v in api.ok("GET", "/rest/V1/store/storeViews")}
    assert (views["french"]["id"], views["french"]["website_id"]) == (2, 1)
    configs = api.ok("GET", "/rest/V1/store/storeConfigs", params={"storeCodes[]": "french"})
    assert [(c["code"], c["locale"]) for c in configs] == [("french", "fr_FR")]
    assert [c["code"] for c in api.ok("GET", "/rest/V1/store/storeConfigs")] == ["default", "french"]


def test_the_control_endpoint_refuses_an_unknown_view_or_field(anon: Api, sandbox: Magento2Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    answer = anon.http.post("/_sandbox/view-texts", json={"store": "french", "sku": sku, "name": "Chemise"})
    assert answer.json() == {"sku": sku, "store": "french", "updated": ["name"]}
    assert sandbox.world.view_texts == {"french": {sku.lower(): {"name": "Chemise"}}}
    unknown = anon.http.post("/_sandbox/view-texts", json={"store": "german", "sku": sku, "name": "Hemd"})
    assert unknown.status_code == 400 and "unknown store view 'german'" in unknown.json()["error"]
    field = anon.http.post("/_sandbox/view-texts", json={"store": "french", "sku": sku, "price": 3})
    assert field.status_code == 400
    missing = anon.http.post("/_sandbox/view-texts", json={"store": "french", "sku": "NOPE", "name": "x"})
    assert missing.status_code == 404


def test_view_texts_survive_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    state = tmp_path / "magento2.json"
    first = Magento2Sandbox(state_file=str(state), clock=clock)
    sku = sellable_simple(first).sku
    first.set_view_texts("french", sku, name="Chemise")
    second = Api(Magento2Sandbox(state_file=str(state), clock=clock))
    second.login()
    assert second.ok("GET", f"/rest/french/V1/products/{sku}")["name"] == "Chemise"


def test_filters_and_sorts_on_texts_in_a_view_compare_the_views_values(
    api: Api, sandbox: Magento2Sandbox
) -> None:
    """Recorded (views-rates/products.name_like.fr, .name_like_default_name.fr, .sort_name.fr,
    .description_like.fr): under /rest/fr/ a name filter finds the fr name and no longer the default one,
    a name sort orders by the fr names, a description filter sees the fr description."""
    # The French names reverse the default names' order.
    first, second = sorted([sellable_simple(sandbox), one_axis_configurable(sandbox)], key=lambda p: p.name)
    assert first.name < second.name
    sandbox.set_view_texts("french", first.sku, name="Zz chemise", description="<p>Lin fin</p>")
    sandbox.set_view_texts("french", second.sku, name="Aa veste")
    skus = [("sku", f"{first.sku},{second.sku}", "in")]

    def listed(prefix: str, filters: list[tuple[str, str | None, str | None]], sort: str = "") -> list[str]:
        params = criteria(filters, skus)  # AND the two SKUs: demo names repeat across families
        if sort:
            params |= {
                "searchCriteria[sortOrders][0][field]": sort,
                "searchCriteria[sortOrders][0][direction]": "ASC",
            }
        return [i["sku"] for i in api.ok("GET", f"{prefix}/V1/products", params=params)["items"]]

    assert listed("/rest/french", [("name", "Zz chemise", "eq")]) == [first.sku]
    assert listed("/rest/french", [("name", first.name, "eq")]) == []
    assert listed("/rest/default", [("name", first.name, "eq")]) == [first.sku]
    assert listed("/rest/french", [("description", "%Lin fin%", "like")]) == [first.sku]
    assert listed("/rest/default", [("description", "%Lin fin%", "like")]) == []
    assert listed("/rest/french", skus, sort="name") == [second.sku, first.sku]
    assert listed("/rest/default", skus, sort="name") == [first.sku, second.sku]
    assert listed("/rest/all", skus, sort="name") == [first.sku, second.sku]
