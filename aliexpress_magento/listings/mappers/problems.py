"""A problem with a listing, in a sentence a merchant understands, and where it sits in the item.

``path`` is a JSON pointer into the item (``/category_attributes/Brand Name``,
``/sku_info_list/0/price``): the builder's own problems and the schema's are merged by it, so a
required attribute the profile does not map is told once, by whichever knows more about it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    message: str


def pointer(*parts: str | int) -> str:
    return "".join(f"/{part}" for part in parts)


def covers(outer: str, inner: str) -> bool:
    """``outer`` is ``inner`` or one of its ancestors (the root "" covers nothing but itself)."""
    return inner == outer or (outer != "" and inner.startswith(outer + "/"))


def merge(first: Iterable[Problem], then: Iterable[Problem]) -> tuple[Problem, ...]:
    """``first`` in full, then each problem of ``then`` whose place ``first`` does not speak of yet;
    an exact repeat of a message is dropped too."""
    kept = list(dict.fromkeys(first))
    for problem in then:
        if not any(covers(k.path, problem.path) or k.message == problem.message for k in kept):
            kept.append(problem)
    return tuple(kept)
