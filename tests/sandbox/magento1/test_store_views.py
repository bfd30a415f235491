"""The second store view (``french``, id 2) and per-view product texts on Magento 1: ``catalog_product.info``
and ``.list`` with that view as their store argument answer the product's own French name and description,
and the default values where it has none (sandbox/catalog/views.py), as recorded on a real OpenMage 20.18
with a second view (tests/fixtures/openmage-recorded/views/)."""

from __future__ import annotations

from pathlib import Path

from aliexpress_magento.sandbox.magento1 import Magento1Sandbox

from .conftest import FakeClock, Fault, Rpc, sellable_simple


def test_a_french_read_answers_the_french_texts_and_falls_back_to_the_default(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    product, other = sellable_simple(sandbox), sandbox.world.catalog.products[0]
    default = rpc.call("catalog_product.info", product.sku, None, None, "sku")
    sandbox.set_view_texts("french", product.sku, name="Chemise", description="<p>Lin</p>")
    for store in ("french", 2, "2"):
        french = rpc.call("catalog_product.info", product.sku, store, None, "sku")
        assert (french["name"], french["description"]) == ("Chemise", "<p>Lin</p>")
        assert french["short_description"] == default["short_description"]  # not overridden: the default
    for store in (None, "default", 1, "admin", 0):
        again = rpc.call("catalog_product.info", product.sku, store, None, "sku")
        assert (again["name"], again["description"]) == (default["name"], default["description"])
    plain = rpc.call("catalog_product.info", other.sku, "french", None, "sku")
    assert plain["name"] == other.name
    listed = rpc.call("catalog_product.list", {"sku": {"in": [product.sku, other.sku]}}, "french")
    assert {r["sku"]: r["name"] for r in listed} == {product.sku: "Chemise", other.sku: other.name}


def test_an_unknown_view_is_the_store_fault(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    sku = sellable_simple(sandbox).sku
    assert rpc.call("catalog_product.info", sku, "german", None, "sku") == Fault(
        100, "Requested store view not found."
    )
    assert [v["code"] for v in rpc.call("store.list")] == ["default", "french"]
    assert rpc.call("store.info", "french")["store_id"] == 2


def test_view_texts_survive_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    state = tmp_path / "magento1.json"
    first = Magento1Sandbox(state_file=str(state), clock=clock)
    sku = sellable_simple(first).sku
    first.set_view_texts("french", sku, description="<p>Lin</p>")
    again = Rpc(Magento1Sandbox(state_file=str(state), clock=clock))
    assert again.call("catalog_product.info", sku, "french", None, "sku")["description"] == "<p>Lin</p>"


def test_a_name_filter_in_a_view_compares_the_views_names(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    """Recorded (views/catalog_product.list.name_like.fr, .name_eq_default.fr): in fr, ``name like
    'Produit%'`` found the product whose fr name starts so, and its default name found nothing."""
    product = sellable_simple(sandbox)
    sandbox.set_view_texts("french", product.sku, name="Produit simple")
    one = {"sku": {"eq": product.sku}}
    assert rpc.call("catalog_product.list", {**one, "name": {"like": "Produit%"}}, "french") == rpc.call(
        "catalog_product.list", one, "french"
    )
    assert [r["name"] for r in rpc.call("catalog_product.list", one, "french")] == ["Produit simple"]
    assert rpc.call("catalog_product.list", {**one, "name": {"eq": product.name}}, "french") == []
    assert [r["sku"] for r in rpc.call("catalog_product.list", {**one, "name": {"eq": product.name}}, 1)] == [
        product.sku
    ]


def test_an_unknown_view_faults_every_call_of_a_multicall_in_place(
    rpc: Rpc, sandbox: Magento1Sandbox
) -> None:
    """Recorded (views/multiCall.info.unknown_view): a known and an unknown SKU in an unknown view both
    answer the store fault, code as a string, in place; the store fault wins over "Product not exists."."""
    sku = sellable_simple(sandbox).sku
    calls = {
        "0": ["catalog_product.info", [sku, "nosuchview", None, "sku"]],
        "1": ["catalog_product.info", ["NOPE", "nosuchview", None, "sku"]],
    }
    rpc.call("store.list")  # logs in
    answers = rpc("multiCall", rpc.session, calls)
    fault = {"isFault": True, "faultCode": "100", "faultMessage": "Requested store view not found."}
    assert answers == [fault, fault]
    assert rpc.call("catalog_product.list", {"sku": {"eq": sku}}, "nosuchview") == Fault(
        100, "Requested store view not found."
    )
