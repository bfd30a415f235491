"""What a business-method handler receives, and helpers to read its parameters."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from werkzeug.datastructures import FileStorage

from aliexpress_magento.sandbox.aliexpress import timefmt
from aliexpress_magento.sandbox.aliexpress.errors import invalid_parameter, missing_parameter

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World

JsonDict = dict[str, Any]


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, str]
    seller_id: str
    now: float
    host_url: str = "http://localhost/"
    files: dict[str, FileStorage] = field(default_factory=dict)

    def text(self, name: str, default: str = "") -> str:
        return self.params.get(name, default)

    def required(self, name: str) -> str:
        value = self.params.get(name, "")
        if value == "":
            raise missing_parameter(name)
        return value

    def integer(self, name: str, default: int | None = None) -> int:
        raw = self.params.get(name, "")
        if raw == "" and default is not None:
            return default
        try:
            return int(self.required(name))
        except ValueError:
            raise invalid_parameter(f"{name} must be a number") from None

    def pacific(self, name: str) -> float | None:
        """An optional ``yyyy-MM-dd HH:mm:ss`` US Pacific time, as epoch seconds."""
        raw = self.params.get(name, "")
        if raw == "":
            return None
        try:
            return timefmt.parse_pacific(raw)
        except ValueError:
            raise invalid_parameter(f"{name} must be yyyy-MM-dd HH:mm:ss") from None

    def json(self, name: str) -> Any:
        """A nested parameter, sent as one form field holding a JSON string (fact sheet §1.2)."""
        try:
            return json.loads(self.required(name))
        except json.JSONDecodeError:
            raise invalid_parameter(f"{name} is not valid JSON") from None

    def json_object(self, name: str) -> JsonDict:
        value = self.json(name)
        if not isinstance(value, dict):
            raise invalid_parameter(f"{name} must be a JSON object")
        return value


Handler = Callable[["World", Call], JsonDict]
