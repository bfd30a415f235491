"""``login``, ``call``, ``multiCall``, ``endSession``: ``Mage_Api_Model_Server_Handler_Abstract`` in Python.

Resource aliases are resolved as ``resources_alias`` in each module's ``api.xml`` does (``product`` →
``catalog_product``…). A handler is called with the call's arguments spread positionally, as
``call_user_func_array`` does; fewer arguments than the PHP method requires is PHP 8's
``ArgumentCountError``, which no handler catches: HTTP 500 (recorded with ``customer.list``).

The API role's ACL is emulated for the connector module's resource only (``acl_denied`` knob): fault 2
"Access denied." as a role saved without those boxes gets it (seen on the OpenMage 20.18 lab store);
the core resources are always granted.
"""

from __future__ import annotations

import inspect
import secrets
from collections.abc import Mapping
from typing import Any

from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import ApiFault, PhpError, fault

ALIASES = {
    "store": "core_store", "product": "catalog_product", "category": "catalog_category",
    "product_attribute": "catalog_product_attribute",
    "product_attribute_set": "catalog_product_attribute_set",
    "product_media": "catalog_product_attribute_media",
    "product_attribute_media": "catalog_product_attribute_media",
    "product_stock": "cataloginventory_stock_item", "country": "directory_country",
    "region": "directory_region", "order": "sales_order", "order_shipment": "sales_order_shipment",
    "magento": "core_magento",
}  # fmt: skip
MODULE_RESOURCE = "aliexpress_connector_product"
# The connector module's ACL ids (magento1-module/.../etc/api.xml, 1.2.0): the resource's, then the method's.
_PRODUCT_ACL = "aliexpress_connector/product"
MODULE_ACL = {
    MODULE_RESOURCE: {
        "children": (_PRODUCT_ACL, f"{_PRODUCT_ACL}/list_children"),
        "changed": (_PRODUCT_ACL, f"{_PRODUCT_ACL}/changed_paged"),
    }
}


class Dispatcher:
    def __init__(self, methods: Mapping[str, Method], api_user: str, api_key: str) -> None:
        self.methods = dict(methods)
        self.api_user, self.api_key = api_user, api_key

    def login(self, ctx: Call, username: object = None, api_key: object = None) -> str:
        if not username or not api_key:
            raise fault("invalid_request_param")
        if (username, api_key) != (self.api_user, self.api_key):
            raise fault("access_denied")
        session = secrets.token_hex(16)
        ctx.world.sessions[session] = ctx.now + ctx.world.knobs.session_ttl_seconds
        return session

    def end_session(self, ctx: Call, session: object = None) -> bool:
        ctx.world.sessions.pop(str(session), None)
        return True

    def call(self, ctx: Call, session: object = None, path: object = "", args: object = None) -> Any:
        self._check_session(ctx, session)
        method = self._resolve(ctx, path)
        try:
            return _invoke(method, ctx, args)
        except (ApiFault, PhpError):
            raise
        except Exception as error:  # a plain PHP Exception: fault 1 with its message
            raise fault("internal", None, str(error)) from error

    def multi_call(
        self, ctx: Call, session: object = None, calls: object = None, options: object = None
    ) -> Any:
        self._check_session(ctx, session)
        stop = isinstance(options, Mapping) and str(options.get("break", "")) == "1"
        results: list[Any] = []
        # The calls as the version's signature let them in (versions.py): a struct keyed "0", "1", … or
        # an array; PHP walks either in the order sent.
        items = (
            list(calls.values()) if isinstance(calls, Mapping) else calls if isinstance(calls, list) else []
        )
        for item in items:
            try:
                if not isinstance(item, list) or not item:
                    raise fault("resource_path_invalid")
                results.append(_invoke(self._resolve(ctx, item[0]), ctx, item[1] if len(item) > 1 else []))
            except ApiFault as error:
                results.append(_fault_array(error))
            except PhpError:
                raise
            except Exception:  # a plain Exception: "internal" without its message (_faultAsArray('internal'))
                results.append(_fault_array(fault("internal")))
            else:
                continue
            if stop:
                break
        return results

    def _check_session(self, ctx: Call, session: object) -> None:
        expires = ctx.world.sessions.get(str(session))
        if expires is None or expires <= ctx.now:
            ctx.world.sessions.pop(str(session), None)
            raise fault("session_expired")

    def _resolve(self, ctx: Call, path: object) -> Method:
        resource, _, name = str(path).partition(".")
        if not resource or not name:
            raise fault("resource_path_invalid")
        resource = ALIASES.get(resource, resource)
        method = self.methods.get(f"{resource}.{name}")
        if method is None or (resource == MODULE_RESOURCE and not ctx.world.knobs.connector_module):
            raise fault("resource_path_invalid")
        if any(_denied(ctx, acl) for acl in MODULE_ACL.get(resource, {}).get(name, ())):
            raise fault("access_denied")  # the resource's ACL, then the method's, as the handler checks
        return method


def _invoke(method: Method, ctx: Call, args: object) -> Any:
    positional = _spread(args)
    if len(positional) < _required(method):
        raise PhpError(f"Too few arguments to {method.resource}")
    return method.handler(ctx, *positional)


def _denied(ctx: Call, acl: str) -> bool:
    """Whether the API role is denied ``acl``: it, or a parent of it, is in the ``acl_denied`` knob (a deny
    on a parent holds for the sub-resources that have no rule of their own, as Zend_Acl inherits it)."""
    parts = acl.split("/")
    return any("/".join(parts[:n]) in ctx.world.knobs.acl_denied for n in range(1, len(parts) + 1))


def _fault_array(error: ApiFault) -> dict[str, Any]:
    """``_faultAsArray``: the code as api.xml holds it, a string (recorded: ``"faultCode": "101"``)."""
    return {"isFault": True, "faultCode": str(error.code), "faultMessage": error.message}


def _spread(args: object) -> list[Any]:
    if args is None:
        return []
    if isinstance(args, list):
        return args
    if isinstance(args, dict):
        # PHP 8 turns string keys into named arguments; names that match no parameter are an Error.
        if args:
            raise PhpError("Unknown named parameter")
        return []
    return [args]


def _required(method: Method) -> int:
    parameters = list(inspect.signature(method.handler).parameters.values())[1:]  # after ctx
    return sum(
        1 for p in parameters if p.default is inspect.Parameter.empty and p.kind == p.POSITIONAL_OR_KEYWORD
    )
