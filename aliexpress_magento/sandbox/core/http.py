"""Request parsing and response building shared by the emulators."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Request, Response

JsonDict = dict[str, Any]


@dataclass(frozen=True)
class RequestParams:
    """Query string and body merged, as the official SDKs split them differently (fact sheet §1.2)."""

    values: dict[str, str]
    files: dict[str, FileStorage] = field(default_factory=dict)


def merged_params(request: Request) -> RequestParams:
    """Body values win over query values of the same name; file parts are kept apart (never signed)."""
    values: dict[str, str] = dict(request.args.items())
    values.update(request.form.items())
    files = {name: storage for name, storage in request.files.items()}
    return RequestParams(values=values, files=files)


def dumps(body: object) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def json_response(body: object, status: int = 200) -> Response:
    return Response(dumps(body), status=status, content_type="application/json;charset=UTF-8")


def html_response(html: str, status: int = 200) -> Response:
    return Response(html, status=status, content_type="text/html; charset=utf-8")


def read_json_body(request: Request) -> JsonDict:
    """Control endpoints take a JSON object body; an empty body means no arguments."""
    raw = request.get_data(as_text=True)
    if not raw.strip():
        return {}
    loaded = json.loads(raw)
    if not isinstance(loaded, dict):
        raise ValueError("the body must be a JSON object")
    return loaded
