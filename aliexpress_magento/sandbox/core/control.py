"""The ``/_sandbox/<name>`` dispatcher the Magento sandboxes share (JSON in, JSON out), and the two actions
every sandbox offers: the knobs and a reset."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from werkzeug.wrappers import Request, Response

from aliexpress_magento.sandbox.core.http import JsonDict, json_response, read_json_body
from aliexpress_magento.sandbox.core.knobs import BaseKnobs


class Controllable(Protocol):
    @property
    def knobs(self) -> BaseKnobs: ...

    def reset(self) -> None: ...

    def persist(self) -> None: ...


S = TypeVar("S", bound=Controllable)
Actions = Mapping[str, tuple[tuple[str, ...], Callable[[S, Request, JsonDict], Any]]]


def knobs(sandbox: Controllable, request: Request, body: JsonDict) -> Any:
    if request.method == "POST":
        sandbox.knobs.update(body)
    return sandbox.knobs.as_json()


def reset(sandbox: Controllable, request: Request, body: JsonDict) -> Any:
    sandbox.reset()
    return {"ok": True}


def handle(sandbox: S, request: Request, name: str, actions: Actions[S]) -> Response:
    """Run the action; 400 ``{"error"}`` on bad input, 404 for an unknown action or object; a POST is
    persisted."""
    found = actions.get(name)
    if found is None or request.method not in found[0]:
        return json_response({"error": f"no control endpoint {request.method} /_sandbox/{name}"}, 404)
    try:
        answer = found[1](sandbox, request, read_json_body(request))
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as error:
        return json_response({"error": f"{type(error).__name__}: {error}"}, 400)
    except LookupError as error:
        return json_response({"error": str(error)}, 404)
    if request.method == "POST":
        sandbox.persist()
    return json_response(answer)
