"""Knobs every sandbox has: latency, faults, call rate. Settable in code and over the control endpoint."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

FAULT_KINDS = ("http_500", "timeout", "truncated_json")


@dataclass
class BaseKnobs:
    latency_ms: int = 0
    fault_rate: float = 0.0
    fault_kinds: list[str] = field(default_factory=lambda: list(FAULT_KINDS))
    calls_per_second: float = 0.0  # 0 = unlimited
    daily_quota: int = 0  # 0 = unlimited
    timeout_seconds: float = 0.0  # how long a "timeout" fault stalls before answering 504

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def update(self, changes: dict[str, Any]) -> None:
        """Apply a partial update; unknown names and wrong types are refused before anything changes."""
        known = {f.name: f for f in dataclasses.fields(self)}
        for name, value in changes.items():
            if name not in known:
                raise ValueError(f"unknown knob {name!r}")
            _check_type(name, getattr(self, name), value)
        _check_fault_kinds(changes.get("fault_kinds", self.fault_kinds))
        for name, value in changes.items():
            setattr(self, name, float(value) if isinstance(getattr(self, name), float) else value)


def _check_type(name: str, current: object, value: object) -> None:
    if isinstance(current, bool) or isinstance(value, bool):
        ok = isinstance(current, bool) and isinstance(value, bool)
    elif isinstance(current, float):
        ok = isinstance(value, int | float)
    elif isinstance(current, list):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    else:
        ok = isinstance(value, type(current))
    if not ok:
        raise ValueError(f"knob {name!r} must be a {type(current).__name__}")


def _check_fault_kinds(kinds: list[str]) -> None:
    unknown = sorted(set(kinds) - set(FAULT_KINDS))
    if unknown:
        raise ValueError(f"unknown fault kinds {unknown}; known: {list(FAULT_KINDS)}")
