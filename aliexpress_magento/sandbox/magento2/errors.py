"""Magento's Web API error bodies: ``{"message", "parameters"?}`` with placeholders left unsubstituted.

Mapping as in ``Magento\\Framework\\Webapi\\ErrorProcessor``: no such entity → 404, authorization → 401,
other localized exceptions → 400. Messages are copied from the recordings (``FINDINGS.md``).
"""

from __future__ import annotations

from typing import Any

NO_ROUTE = "Request does not match any route."
NOT_AUTHORIZED = "The consumer isn't authorized to access %resources."
BAD_SIGNATURE = "The signature is invalid. Verify and try again."
REQUIRED = '"%fieldName" is required. Enter and try again.'
NO_SUCH_ENTITY = "No such entity with %fieldName = %fieldValue"
ENTITY_404 = "The entity that was requested doesn't exist. Verify the entity and try again."
PRODUCT_404 = "The product that was requested doesn't exist. Verify the product and try again."
BAD_LOGIN = (
    "The account sign-in was incorrect or your account is disabled temporarily. "
    "Please wait and try again later."
)


class MagentoError(Exception):
    """Raised by handlers; the sandbox turns it into the HTTP status and body Magento sends."""

    def __init__(self, status: int, message: str, parameters: list[Any] | dict[str, Any] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message}
        if self.parameters is not None:
            body["parameters"] = self.parameters
        return body


def no_route() -> MagentoError:
    return MagentoError(404, NO_ROUTE)


def not_authorized(resource: str) -> MagentoError:
    return MagentoError(401, NOT_AUTHORIZED, {"resources": resource})


def required(field: str) -> MagentoError:
    return MagentoError(400, REQUIRED, {"fieldName": field})


def no_such_entity(field: str, value: object) -> MagentoError:
    return MagentoError(404, NO_SUCH_ENTITY, {"fieldName": field, "fieldValue": value})


def entity_not_found() -> MagentoError:
    return MagentoError(404, ENTITY_404)


def product_not_found() -> MagentoError:
    return MagentoError(404, PRODUCT_404)


def bad_request(message: str, parameters: list[Any] | dict[str, Any] | None = None) -> MagentoError:
    return MagentoError(400, message, parameters)
