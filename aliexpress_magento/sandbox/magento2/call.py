"""What a handler sees of one REST call: the world, path parameters, store, body and searchCriteria."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from werkzeug.wrappers import Request

from aliexpress_magento.sandbox.magento2 import errors
from aliexpress_magento.sandbox.magento2.criteria import SearchCriteria, from_query
from aliexpress_magento.sandbox.magento2.world import World

JsonDict = dict[str, Any]
_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def snake(value: Any) -> Any:
    """DTO keys are accepted in snake_case and camelCase (fact sheet §0); handlers read snake_case."""
    if isinstance(value, dict):
        return {_CAMEL.sub(r"_\1", k).lower(): snake(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snake(v) for v in value]
    return value


def timestamp(now: float) -> str:
    """Magento's 'Y-m-d H:i:s' in UTC."""
    return datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%d %H:%M:%S")


@dataclass
class Call:
    world: World
    request: Request
    params: dict[str, str]
    store_code: str
    now: float
    base_url: str  # "http://host:port/" as the caller reached us
    _body: JsonDict | None = None

    @property
    def stamp(self) -> str:
        return timestamp(self.now)

    def body(self) -> JsonDict:
        if self._body is None:
            raw = self.request.get_data(as_text=True)
            try:
                loaded = json.loads(raw) if raw.strip() else {}
            except ValueError:
                raise errors.bad_request("Decoding error.") from None
            self._body = loaded if isinstance(loaded, dict) else {}
        return self._body

    def arg(self, name: str) -> Any:
        """A required top-level argument (``cartItem``, ``entity``…), its DTO keys in snake_case."""
        body = self.body()
        if body.get(name) is None:
            raise errors.required(name)
        return snake(body[name])

    def optional(self, name: str, default: Any = None) -> Any:
        value = self.body().get(name)
        return default if value is None else snake(value)

    def criteria(self) -> SearchCriteria:
        found = from_query(self.request.args.items(multi=True))
        if found is None:
            raise errors.required("searchCriteria")
        return found

    def int_param(self, name: str) -> int:
        text = self.params[name]
        if not text.lstrip("-").isdigit():
            raise errors.bad_request(
                'The "%value" value\'s type is invalid. The "%type" type was expected. Verify and try again.',
                {"value": text, "type": "int"},
            )
        return int(text)


def int_field(value: Any, name: str) -> int:
    """Typed DTO fields: a value that is not an integer answers Magento's serialization error."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) or (isinstance(value, str) and value.strip().lstrip("-").isdigit()):
        return int(value)
    if value is None:
        return 0
    details = f'The "{value}" value\'s type is invalid. The "int" type was expected. Verify and try again.'
    raise errors.bad_request(
        'Error occurred during "%field_name" processing. %details', {"field_name": name, "details": details}
    )
