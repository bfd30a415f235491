"""The calls recorded on a real OpenMage LTS 20.18 (tests/fixtures/openmage-recorded, README there),
replayed on the sandbox: the same keys, the same value types, the same fault codes and messages.

Values differ (another catalog); so do the store's own attribute codes: the recorded store had
``lab_size``, the demo catalog has ``color``, ``size``, ``brand`` and ``material`` (README of the
recordings: "attribute codes such as lab_size are that store's own").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aliexpress_magento.sandbox.magento1 import Magento1Sandbox
from aliexpress_magento.sandbox.magento1.attributes import BY_CODE

from .conftest import ADDRESS, Fault, Rpc, sellable_simple, two_axis_configurable

RECORDED = Path(__file__).resolve().parents[2] / "fixtures" / "openmage-recorded"
STORE_OWN = {"lab_size", "color", "size", "brand", "material", "aliexpress_sku"}


def recorded(name: str) -> Any:
    return json.loads((RECORDED / f"{name}.json").read_text())


def assert_same_shape(answer: Any, record: Any) -> None:
    """The same keys and value types, recursively. Each element of a list must have the shape of some
    recorded element (lists mix shapes: an attribute's ``type`` is a string or null); a recorded empty list
    says only "a list"."""
    if isinstance(record, dict):
        assert isinstance(answer, dict)
        assert set(answer) - STORE_OWN == set(record) - STORE_OWN
        for key in set(record) - STORE_OWN:
            assert_same_shape(answer[key], record[key])
    elif isinstance(record, list):
        assert isinstance(answer, list)
        if record:
            assert answer and all(any(_fits(a, r) for r in record) for a in answer)
    else:
        assert type(answer) is type(record), (answer, record)


def _fits(answer: Any, record: Any) -> bool:
    try:
        assert_same_shape(answer, record)
    except AssertionError:
        return False
    return True


@pytest.fixture
def checkout(rpc: Rpc, sandbox: Magento1Sandbox) -> dict[str, Any]:
    """The recorded guest checkout, answer by answer."""
    product = sellable_simple(sandbox)
    answers: dict[str, Any] = {"cart.create": rpc.call("cart.create", 1)}
    quote = answers["cart.create"]
    steps = [
        ("cart_product.add", [quote, [{"sku": product.sku, "qty": 1}]]),
        ("cart_product.list", [quote]),
        (
            "cart_customer.set",
            [quote, {"mode": "guest", "firstname": "Li", "lastname": "Wei", "email": "l@x.io"}],
        ),
        (
            "cart_customer.addresses",
            [quote, [{**ADDRESS, "mode": "billing"}, {**ADDRESS, "mode": "shipping"}]],
        ),
        ("cart_shipping.list", [quote]),
        ("cart_shipping.method", [quote, "flatrate_flatrate"]),
        ("cart_payment.list", [quote]),
        ("cart_payment.method", [quote, {"method": "checkmo"}]),
        ("cart.totals", [quote]),
        ("cart.order", [quote]),
    ]
    for name, args in steps:
        answers[name] = rpc.call(name, *args)
    return answers


CART_CALLS = [
    "cart.create", "cart_product.add", "cart_product.list", "cart_customer.set", "cart_customer.addresses",
    "cart_shipping.list", "cart_shipping.method", "cart_payment.list", "cart_payment.method", "cart.totals",
    "cart.order",
]  # fmt: skip


@pytest.mark.parametrize("name", CART_CALLS)
def test_the_guest_checkout_answers_as_recorded(checkout: dict[str, Any], name: str) -> None:
    assert_same_shape(checkout[name], recorded(name))


def test_the_cart_answers_are_the_recorded_scalars(checkout: dict[str, Any]) -> None:
    assert isinstance(checkout["cart.create"], int) and not isinstance(checkout["cart.create"], bool)
    assert checkout["cart.order"] == "100000001"
    assert [checkout[n] for n in CART_CALLS if recorded(n) is True] == [True] * 5


def test_store_list(rpc: Rpc) -> None:
    default, french = rpc.call("store.list")
    assert [default] == recorded("store.list")  # the same default store view, to the value
    # the sandbox's second view (not recorded: modelled on the first, sandbox/catalog/views.py)
    assert {**french, "store_id": 1, "code": "default", "name": "Default Store View"} == default


def test_catalog_product_list(rpc: Rpc) -> None:
    assert_same_shape(
        rpc.call("catalog_product.list", {"sku": {"like": "SP-%"}}), recorded("catalog_product.list")
    )


def test_catalog_product_info_of_a_simple_product(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    product = sellable_simple(sandbox)
    answer = rpc.call("catalog_product.info", product.sku, None, None, "sku")
    assert_same_shape(answer, recorded("catalog_product.info.simple"))
    assert (answer["brand"], answer["size"]) == (str(product.option("brand")), None)


def test_catalog_product_info_of_a_configurable_product(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    product = two_axis_configurable(sandbox)
    answer = rpc.call("catalog_product.info", product.sku, None, None, "sku")
    assert_same_shape(answer, recorded("catalog_product.info.configurable"))
    assert "color" not in answer and "size" not in answer  # its axes are not its own attributes, as lab_size


def test_product_attribute_list(rpc: Rpc) -> None:
    answer = rpc.call("product_attribute.list", 4)
    assert_same_shape(answer, recorded("product_attribute.list"))
    assert {a["code"] for a in answer} - STORE_OWN == {
        a["code"] for a in recorded("product_attribute.list")
    } - STORE_OWN


def test_product_attribute_options_of_status(rpc: Rpc) -> None:
    assert rpc.call("product_attribute.options", BY_CODE["status"].attribute_id) == recorded(
        "product_attribute.options"
    )


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("fault.product_not_exists", ("call", "catalog_product.info", "NO-SUCH-SKU", None, None, "sku")),
        ("fault.cart_not_exists", ("call", "cart_product.list", 987654)),
        ("fault.login_denied", ("login", "demo-api-user", "wrong-key")),
        ("fault.session_expired", ("session", "store.list")),
    ],
)
def test_faults_as_recorded(rpc: Rpc, name: str, call: tuple[Any, ...]) -> None:
    kind, *args = call
    if kind == "call":
        answer = rpc.call(args[0], *args[1:])
    elif kind == "login":
        answer = rpc("login", *args)
    else:
        answer = rpc("call", "0123456789abcdef0123456789abcdef", args[0], [])
    record = recorded(name)
    assert answer == Fault(record["fault"], record["message"])
