"""Catalog: the demo data, configurable children and options, attributes, categories, media, stores."""

from __future__ import annotations

import base64
import io

from PIL import Image

from aliexpress_magento.sandbox.catalog import demo
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.sandbox.magento2.conftest import Api, criteria, one_axis_configurable


def test_the_demo_catalog_has_the_promised_mix() -> None:
    catalog = demo.generate()
    configurables = [p for p in catalog.products if p.type_id == "configurable"]
    standalone = [p for p in catalog.products if p.type_id == "simple" and p.parent_id is None]
    assert (len(configurables), len(standalone)) == (40, 60)
    assert all(3 <= len(p.children) <= 8 for p in configurables)
    assert {c for p in catalog.products for c in p.category_ids} == set(range(3, 13))
    assert sum(p.status == 2 for p in catalog.products) == 8
    assert sum(1 for qty, status in catalog.stock.values() if status == 0) == 34
    assert all(2 <= p.images <= 4 for p in [*configurables, *standalone])
    assert [p.sku for p in demo.generate().products] == [p.sku for p in catalog.products]


def test_the_benchmark_generator_is_exact_and_deterministic() -> None:
    first, again = demo.generate(seed=3, size=2003), demo.generate(seed=3, size=2003)
    assert len(first.products) == 2003
    assert len({p.sku for p in first.products}) == 2003
    assert [(p.sku, p.price) for p in first.products] == [(p.sku, p.price) for p in again.products]
    assert sum(p.type_id == "configurable" for p in first.products) > 200


def test_configurable_children_and_options(api: Api, sandbox: Magento2Sandbox) -> None:
    parent = next(p for p in sandbox.world.catalog.products if p.axes == ("color", "size"))
    kids = sandbox.world.catalog.children(parent)
    body = api.ok("GET", f"/rest/V1/products/{parent.sku}")
    assert body["price"] == 0 and "weight" not in body
    assert body["extension_attributes"]["configurable_product_links"] == [k.id for k in kids]
    options = api.ok("GET", f"/rest/V1/configurable-products/{parent.sku}/options/all")
    assert [(o["attribute_id"], o["label"], o["position"]) for o in options] == [
        ("93", "Color", 0),
        ("137", "Size", 1),
    ]
    colors = [v["value_index"] for v in options[0]["values"]]
    assert sorted(colors) == sorted({k.option("color") for k in kids})
    assert body["extension_attributes"]["configurable_product_options"] == options
    children = api.ok("GET", f"/rest/V1/configurable-products/{parent.sku}/children")
    assert [c["sku"] for c in children] == [k.sku for k in kids]
    assert all("extension_attributes" not in c and "options" not in c for c in children)
    one = api.ok("GET", f"/rest/V1/configurable-products/{parent.sku}/options/{options[1]['id']}")
    assert one == options[1]


def test_list_items_have_no_stock_item_but_single_gets_do(api: Api) -> None:
    listed = api.ok("GET", "/rest/V1/products", params=criteria(pageSize=3))["items"]
    assert all("stock_item" not in item["extension_attributes"] for item in listed)
    single = api.ok("GET", f"/rest/V1/products/{listed[0]['sku']}")
    assert single["extension_attributes"]["stock_item"]["low_stock_date"] is None


def test_attribute_options_start_with_the_placeholder(api: Api) -> None:
    options = api.ok("GET", "/rest/V1/products/attributes/color/options")
    assert options[:3] == [
        {"label": " ", "value": ""},
        {"label": "Blue", "value": "5"},
        {"label": "Red", "value": "4"},
    ]
    size = api.ok("GET", "/rest/V1/products/attributes/size")
    assert (size["attribute_id"], size["frontend_input"], size["is_user_defined"]) == (137, "select", True)
    assert [o["label"] for o in size["options"]] == [" ", "XS", "S", "M", "L", "XL", "XXL"]


def test_categories_skip_disabled_products_but_search_does_not(api: Api, sandbox: Magento2Sandbox) -> None:
    tree = api.ok("GET", "/rest/V1/categories")
    assert (tree["id"], tree["name"], tree["level"], tree["product_count"]) == (2, "Default Category", 1, 0)
    assert [c["name"] for c in tree["children_data"]] == ["Women", "Men", "Accessories", "Home"]
    catalog = sandbox.world.catalog
    category = next(c for c in range(3, 13) if any(p.status == 2 for p in catalog.in_category(c)))
    enabled = [p.sku for p in catalog.in_category(category) if p.status == 1]
    links = api.ok("GET", f"/rest/V1/categories/{category}/products")
    assert [link["sku"] for link in links] == enabled and links[0]["category_id"] == str(category)
    searched = api.ok("GET", "/rest/V1/products", params=criteria([("category_id", str(category), "eq")]))
    assert searched["total_count"] == len(catalog.in_category(category))
    one = api.ok("GET", "/rest/V1/categories/4")
    assert (one["path"], one["children"], one["level"]) == ("1/2/3/4", "", 3)
    missing = api.get("/rest/V1/categories/987654")
    assert missing.json() == {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "id", "fieldValue": 987654},
    }


def test_media_files_are_served_from_the_base_media_url(api: Api, sandbox: Magento2Sandbox) -> None:
    parent = one_axis_configurable(sandbox)
    entries = api.ok("GET", f"/rest/V1/products/{parent.sku}/media")
    assert len(entries) == parent.images and entries[0]["types"] == ["image", "small_image", "thumbnail"]
    config = api.ok("GET", "/rest/V1/store/storeConfigs")[0]
    assert config["base_media_url"] == "http://sandbox.test/media/"
    url = config["base_media_url"] + "catalog/product" + entries[1]["file"]
    image = api.http.get(url)
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(image.content)).size == (96, 96)
    assert api.http.get(config["base_media_url"] + "catalog/product/n/o/nope.png").status_code == 404


def test_json_escapes_slashes_like_php(api: Api) -> None:
    raw = api.get("/rest/V1/products/GIFT%2FCARD-005").text
    assert '"sku":"GIFT\\/CARD-005"' in raw


def test_stores(api: Api) -> None:
    assert [w["code"] for w in api.ok("GET", "/rest/V1/store/websites")] == ["base", "admin"]
    # The default view, the admin entry, then the others, as a real 2.4.7-p7 lists them
    # (views-rates/store.storeViews: ids 1, 0, 2, 3); 2 is french here.
    assert [v["id"] for v in api.ok("GET", "/rest/V1/store/storeViews")] == [1, 0, 2]
    assert api.ok("GET", "/rest/V1/store/storeGroups")[0]["root_category_id"] == 2
    assert api.ok("GET", "/rest/V1/store/storeConfigs", params={"storeCodes[]": "nope"}) == []


def test_gallery_routes_carry_the_file_content(api: Api, sandbox: Magento2Sandbox) -> None:
    parent = one_axis_configurable(sandbox)
    entries = api.ok("GET", f"/rest/V1/products/{parent.sku}/media")
    assert sorted(entries[0]) == [
        "content",
        "disabled",
        "file",
        "id",
        "label",
        "media_type",
        "position",
        "types",
    ]
    content = entries[0]["content"]
    assert (content["type"], content["name"]) == ("image/png", entries[0]["file"].rsplit("/", 1)[-1])
    served = api.http.get("/media/catalog/product" + entries[0]["file"]).content
    assert base64.b64decode(content["base64_encoded_data"]) == served
    one = api.ok("GET", f"/rest/V1/products/{parent.sku}/media/{entries[1]['id']}")
    assert one == entries[1]
    assert api.get(f"/rest/V1/products/{parent.sku}/media/1").json() == {
        "message": "Such image doesn't exist"
    }
