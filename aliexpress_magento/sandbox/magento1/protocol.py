"""The XML-RPC wire: requests decoded and answers encoded with the standard library, as Zend_XmlRpc_Server
does it for Magento (``<nil/>`` for PHP null, faults as ``faultCode``/``faultString`` structs).

An unknown XML-RPC method is Zend's fault 620 ``Method "…" does not exist``; an undecodable body is
Zend's fault 651 ``Failed to parse request``.
"""

from __future__ import annotations

import xmlrpc.client
from typing import Any

from werkzeug.wrappers import Response

XML = "text/xml; charset=UTF-8"


def decode(body: bytes) -> tuple[str, tuple[Any, ...]] | None:
    try:
        params, method = xmlrpc.client.loads(body, use_builtin_types=True)
    except Exception:  # any parse failure: the server answers its own fault
        return None
    return str(method or ""), params


def answer(value: Any) -> Response:
    return Response(xmlrpc.client.dumps((value,), methodresponse=True, allow_none=True), content_type=XML)


def fault_answer(code: int, message: str) -> Response:
    return Response(
        xmlrpc.client.dumps(xmlrpc.client.Fault(code, message), allow_none=True), content_type=XML
    )


def php_error() -> Response:
    """What the recorded store answered to an uncaught PHP Error: HTTP 500, nothing usable in the body."""
    return Response(b"", status=500, content_type="text/html; charset=UTF-8")
