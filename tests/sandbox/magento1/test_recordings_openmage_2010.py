"""The calls recorded on a real OpenMage LTS 20.10.2 (tests/fixtures/openmage-recorded/openmage-20.10/:
multiCall's and call's parameter forms, a failed call's place, core_magento.info) replayed on the sandbox
emulating that version: the same faults, the same answers' shapes. The recordings' ``<session>`` becomes
a sandbox session and the lab's ``LAB-S1`` a demo SKU (another catalog: values differ, not the shape)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox

from .conftest import Fault, Rpc, sellable_simple

RECORDED = Path(__file__).resolve().parents[2] / "fixtures" / "openmage-recorded" / "openmage-20.10"
NAMES = sorted(p.stem for p in RECORDED.glob("*.json"))


def recording(name: str) -> dict[str, Any]:
    return dict(json.loads((RECORDED / f"{name}.json").read_text()))


def replayed_params(params: list[Any], session: str, sku: str) -> list[Any]:
    text = json.dumps(params).replace('"<session>"', json.dumps(session)).replace('"LAB-S1"', json.dumps(sku))
    return list(json.loads(text))


def shape(value: Any) -> Any:
    """What must match: a fault in place exactly, a product by its being one, lists element by element."""
    if isinstance(value, list):
        return [shape(v) for v in value]
    if isinstance(value, dict) and value.get("isFault"):
        return value
    if isinstance(value, dict) and "sku" in value:
        return "a product"
    return value


@pytest.fixture
def emulated(sandbox: Magento1Sandbox) -> Magento1Sandbox:
    sandbox.knobs.update({"emulate": "openmage-20.10"})
    return sandbox


def test_every_recording_is_replayed() -> None:
    assert len(NAMES) == 20 and all(recording(n)["request"]["method"] in ("multiCall", "call") for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_recorded_answer_or_fault(name: str, emulated: Magento1Sandbox, rpc: Rpc) -> None:
    record = recording(name)
    session = rpc("login", DEMO_API_USER, DEMO_API_KEY)
    answer = rpc(
        record["request"]["method"],
        *replayed_params(record["params"], session, sellable_simple(emulated).sku),
    )
    if "fault" in record:
        assert answer == Fault(record["fault"], record["message"])
    else:
        assert shape(answer) == shape(record["response"])
