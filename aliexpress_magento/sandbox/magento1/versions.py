"""The store versions the sandbox can emulate, and Zend_XmlRpc_Server's signature check that tells them apart.

Zend_XmlRpc_Server builds each server method's signatures from its docblock ``@param`` tags (fewer tags
than parameters: the last ones *and the tags' positions shift*, the missing types become "mixed", which
it maps to struct) and refuses a request whose parameter types match none of them exactly, before the
method runs: fault 623 "Calling parameters do not match signature" (``Zend_XmlRpc_Server::_handle``).

- ``openmage-20.18`` (default; recorded, ``openmage-recorded/README.md``): ``multiCall``'s docblock has
  two tags for three parameters since v20.11.0, so its calls and options are "mixed" → struct: the calls
  as an array are fault 623 (recorded), as a struct keyed "0", "1", … accepted (recorded); the options as
  a struct (the same rule; not recorded). ``core_magento.info`` names the OpenMage version (recorded).
- ``openmage-20.10`` (OpenMage 20.10.x; recorded on a real 20.10.2, ``openmage-recorded/openmage-20.10/``):
  ``@param array $calls`` and ``@param array $options``: the calls as an array only (a struct keyed "0",
  "1", … is fault 623, with or without options), the options as an array only (``{}``, ``{"break": 1}``
  and nil are fault 623, ``[]`` and ``[1]`` accepted: ``break`` cannot be said at all); a failed call's
  place is the same ``{"isFault": true, "faultCode": "101", …}``; ``core_magento.info`` names
  ``openmage_version`` 20.10.2.
- ``magento-1.9.4`` (Magento 1.9.4.x): the same docblock as 20.10, so the same signatures — inferred from
  20.10.2 and the source, **unsure**: no 1.9.4 store answered. ``core_magento.info`` has no
  ``openmage_version`` (``Mage_Core_Model_Magento_Api::info`` before OpenMage added it; unsure).

``call``'s arguments are ``@param array $args`` in both: a struct (or a scalar) is fault 623 (recorded on
20.18 for a struct).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

SIGNATURE_MISMATCH = (623, "Calling parameters do not match signature")
Prototypes = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Version:
    multicall: Prototypes
    info: dict[str, str]


_COMMON: dict[str, Prototypes] = {
    "login": (("string",), ("string", "string")),
    "call": (("string", "string"), ("string", "string", "array")),
    "endSession": (("string",),),
}
_ARRAY_FORM: Prototypes = (("string",), ("string", "array"), ("string", "array", "array"))
VERSIONS = {
    "openmage-20.18": Version(
        multicall=(("string",), ("string", "struct"), ("string", "struct", "struct")),
        info={"magento_edition": "Community", "magento_version": "1.9.4.5", "openmage_version": "20.18.0"},
    ),
    "openmage-20.10": Version(
        multicall=_ARRAY_FORM,
        info={"magento_edition": "Community", "magento_version": "1.9.4.5", "openmage_version": "20.10.2"},
    ),
    "magento-1.9.4": Version(
        multicall=_ARRAY_FORM, info={"magento_edition": "Community", "magento_version": "1.9.4.5"}
    ),
}
DEFAULT = "openmage-20.18"


def version(name: str) -> Version:
    return VERSIONS.get(name, VERSIONS[DEFAULT])


def matches(name: str, method: str, params: tuple[Any, ...]) -> bool:
    """Whether the request's parameter types are one of the method's signatures (unknown methods: yes,
    they are refused as such before)."""
    prototypes = version(name).multicall if method == "multiCall" else _COMMON.get(method)
    return prototypes is None or tuple(xmlrpc_type(p) for p in params) in prototypes


def xmlrpc_type(value: object) -> str:
    """The XML-RPC type of a value as ``xmlrpc.client`` decoded it (an untyped ``<value>`` is a string)."""
    if isinstance(value, bool):
        return "boolean"
    kinds: tuple[tuple[type | tuple[type, ...], str], ...] = (
        (int, "int"), (float, "double"), (str, "string"), ((bytes, bytearray), "base64"),
        (datetime.datetime, "dateTime.iso8601"), (list, "array"), (dict, "struct"),
    )  # fmt: skip
    for kind, name in kinds:
        if isinstance(value, kind):
            return name
    return "nil"
