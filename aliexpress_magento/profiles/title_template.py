"""A profile's title template (issue 13, item 2): the AliExpress title built from Magento attributes,
e.g. ``{brand} {name} {color}``. Pure (no Django): the profile page checks a template with
:func:`syntax_problems` and :func:`codes`, the payload builder fills it with :func:`render`.

- ``{code}`` is a Magento attribute code; ``{name}`` is the product's name in each language's store view
  and ``{sku}`` its SKU (:data:`BUILT_IN`). Everything else is literal text.
- A placeholder without a value (no such attribute on the product, an empty text) disappears cleanly: no
  double spaces, no separator left doubled or dangling at either end, no empty brackets — ``{brand} -
  {name} ({color})`` gives ``Oxford Shirt`` for a product with neither brand nor colour.
- The tidying never touches the values themselves (they are swapped for markers while it runs): a name
  holding ``--`` or ``( )`` reaches AliExpress as Magento has it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

# Characters a title may not hold: HTML's angle brackets (AliExpress strips or refuses markup in subjects)
# and control characters (a pasted tab or line break). The payload builder checks every title with it.
FORBIDDEN = "<>"
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
CODE = re.compile(r"[a-z][a-z0-9_]*\Z")
BUILT_IN = {"name": "the product's name", "sku": "the product's SKU"}

# Separators a merchant puts between values; left doubled or at an end by an empty value, they go.
_SEPARATORS = "-\u2013\u2014|/,:;\u00b7"  # hyphen, en and em dashes, bar, slash, comma, colons, middle dot
_SEP = f"[{re.escape(_SEPARATORS)}]"
_MARK = "\ue000"  # a private-use character: never in a template's literal text (the form refuses it)
_MARKED = re.compile(f"{_MARK}(\\d+){_MARK}")
_RUN = rf"(?:\s*{_SEP})+\s*"  # separators in a row, with any spaces among them
_TIDY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<=[(\[]){_RUN}"), ""),  # separators just inside an opening bracket
    (re.compile(rf"{_RUN}(?=[)\]])"), ""),  # … or just before a closing one
    (re.compile(r"\(\s*\)|\[\s*\]"), ""),  # a pair of brackets left empty
    (re.compile(rf"{_RUN}(?=[(\[])"), " "),  # "Shirt - (Cotton)": a bracket needs no separator
    (re.compile(rf"({_SEP})(?:\s*{_SEP})+"), r"\1"),  # separators in a row: the first one stays
    (re.compile(r"\s+(?=,)"), ""),  # "Shirt , M" → "Shirt, M"
    (re.compile(r"\s+"), " "),
    (re.compile(rf"^[\s{re.escape(_SEPARATORS)}]+|[\s{re.escape(_SEPARATORS)}]+$"), ""),
)


def codes(template: str) -> list[str]:
    """The attribute codes the template names, each once, in order (built-ins included)."""
    return list(dict.fromkeys(m.strip() for m in PLACEHOLDER.findall(template)))


def syntax_problems(template: str) -> list[str]:
    """Sentences for what is wrong with the template's form (its codes are checked against the mirror by
    the caller): a brace without its pair, a placeholder that is not an attribute code, no placeholder."""
    problems = []
    rest = PLACEHOLDER.sub("", template)
    if "{" in rest or "}" in rest:
        problems.append("a “{” or “}” has no partner: write each attribute as {code}.")
    bad = [c for c in codes(template) if not CODE.match(c)]
    problems += [
        f"“{{{c}}}” is not an attribute code (small letters, digits and _, e.g. {{brand}})." for c in bad
    ]
    if not PLACEHOLDER.search(template) and template.strip():
        problems.append("it names no attribute, so every product would get the same title.")
    bad = forbidden_characters(PLACEHOLDER.sub("", template)) + ([_MARK] if _MARK in template else [])
    if bad:
        problems.append(f"its own text holds {shown(bad)}, not allowed in a title.")
    return problems


def forbidden_characters(text: str) -> list[str]:
    return sorted({c for c in text if c in FORBIDDEN or ord(c) < 32 or ord(c) == 127})


def shown(characters: list[str]) -> str:
    return " ".join(c if c.isprintable() else f"U+{ord(c):04X}" for c in characters)


def attribute_text(stored: tuple[str, ...], labels: Mapping[str, str]) -> str:
    """An attribute's text in a title: its stored values, or for a select (``labels`` not empty) their
    option labels — an option id without a label is no text for a title —, joined by ", "."""
    if labels:
        stored = tuple(labels[v] for v in stored if v in labels)
    return ", ".join(v.strip() for v in stored if v.strip())


def render(template: str, value: Callable[[str], str]) -> str:
    """The template with each ``{code}`` replaced by ``value(code)`` (stripped; "" = no value) and the
    literal text around missing values tidied (see the module docstring)."""
    values: list[str] = []
    out: list[str] = []
    for index, part in enumerate(PLACEHOLDER.split(template)):
        if index % 2 == 0:
            out.append(part)
            continue
        found = value(part.strip()).strip()
        if found:
            out.append(f"{_MARK}{len(values)}{_MARK}")
            values.append(found)
    text = "".join(out)
    for pattern, replacement in _TIDY:
        text = pattern.sub(replacement, text)
    return _MARKED.sub(lambda m: values[int(m[1])], text)
