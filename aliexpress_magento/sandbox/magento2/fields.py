"""The ``fields=`` query parameter: ``items[sku,price],total_count`` trims the answer.

Grammar as in ``Magento\\Webapi\\Controller\\Rest\\ResponseFieldsFilter``: comma-separated names, each
optionally followed by ``[...]`` with the same grammar applied to the value (to each element of a list).
Observed on 2.4.7: an empty list trimmed with sub-fields becomes ``null`` (``search.fields_no_match``).
"""

from __future__ import annotations

from typing import Any

Spec = dict[str, "Spec | None"]


def parse(text: str) -> Spec:
    return _parse_list(text.replace(" ", ""), 0)[0]


def _parse_list(text: str, pos: int) -> tuple[Spec, int]:
    spec: Spec = {}
    name = ""
    while pos < len(text):
        char = text[pos]
        if char == "[":
            inner, pos = _parse_list(text, pos + 1)
            spec[name], name = inner, ""
        elif char == "]":
            if name:
                spec[name] = None
            return spec, pos + 1
        elif char == ",":
            if name:
                spec[name], name = None, ""
            pos += 1
            continue
        else:
            name += char
        if char != "[":
            pos += 1
    if name:
        spec[name] = None
    return spec, pos


def project(body: Any, spec: Spec) -> Any:
    if isinstance(body, list):
        if not body:
            return None
        return [project(item, spec) for item in body]
    if not isinstance(body, dict):
        return body
    trimmed: dict[str, Any] = {}
    for name, inner in spec.items():
        if name in body:
            trimmed[name] = body[name] if inner is None else project(body[name], inner)
    return trimmed
