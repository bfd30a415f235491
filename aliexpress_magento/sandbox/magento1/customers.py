"""``customer.list``, ``customer.create`` and ``customer.delete``.

``customer.list`` must be given its filters argument (``{}`` for all): OpenMage on PHP 8 answers HTTP 500
without it (recorded); the dispatcher's argument count does that. Row keys follow
``Mage_Customer_Model_Customer_Api::items`` and the recorded row (``second-store/customer.list.found``):
``entity_id`` as ``customer_id``, then only the attributes that have a value (``isset``), including
``password_hash`` (when created with a password), a ``confirmation`` key (recorded on a store with the
default configuration; unsure when Magento leaves it out) and ``disable_auto_group_change`` "0".
``customer.create`` answers the new id as a string (recorded).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Mapping
from typing import Any

from aliexpress_magento.sandbox.magento1 import filters, stores
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault

RESOURCE = "customer"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
FIELDS = ("email", "firstname", "lastname", "middlename", "prefix", "suffix", "dob", "taxvat", "gender")


def list_customers(ctx: Call, filters_arg: object) -> list[dict[str, Any]]:
    rows = list(ctx.world.customers.values())
    known = {
        "customer_id",
        "entity_id",
        "created_at",
        "updated_at",
        "website_id",
        "store_id",
        "group_id",
        *FIELDS,
    }
    try:
        return [dict(r) for r in filters.apply(rows, filters_arg, known, {"entity_id": "customer_id"})]
    except filters.UnknownField as error:
        raise fault("filters_invalid", RESOURCE, f"Invalid attribute name: {error.field}.") from error


def create(ctx: Call, data: object) -> str:
    fields = data if isinstance(data, Mapping) else {}
    invalid = problems(fields)
    if invalid:
        raise fault("data_invalid", RESOURCE, invalid)
    # Without them the customer is the admin's: website 0, store 0, created in "Admin" (recorded,
    # orders-customers/customer.list.no_website).
    website, store = str(fields.get("website_id", 0)), str(fields.get("store_id", 0))
    if any(_same(c, str(fields["email"]), website) for c in ctx.world.customers.values()):
        raise fault("data_invalid", RESOURCE, "This customer email already exists")
    customer_id = str(ctx.world.next_id("customer"))
    ctx.world.customers[customer_id] = {
        "customer_id": customer_id, "email": str(fields["email"]), "created_at": ctx.stamp,
        "updated_at": ctx.stamp, "store_id": store, "website_id": website, "created_in": _created_in(store),
        **{name: str(fields[name]) for name in FIELDS[1:] if fields.get(name) is not None},
        "group_id": str(fields.get("group_id", 1)),
        **_password(fields.get("password")),
        "confirmation": secrets.token_hex(16), "disable_auto_group_change": "0",
    }  # fmt: skip
    return customer_id


def _created_in(store: str) -> str:
    """The name of the store view the customer was created in ("Admin" for store 0, recorded)."""
    names = {str(view["store_id"]): str(view["name"]) for view in stores.STORE_VIEWS}
    return names.get(store, "Admin")


def _same(customer: Mapping[str, Any], email: str, website: str) -> bool:
    """One e-mail can have a customer in each website (sharing per website, the default; recorded in
    ``openmage-recorded/orders-customers/customer.create.website_2``); case-insensitive (recorded)."""
    return str(customer["email"]).lower() == email.lower() and str(customer["website_id"]) == website


def _password(password: object) -> dict[str, str]:
    """OpenMage's ``hash:salt`` (sha256 of salt + password, a 32-character salt), as recorded in shape."""
    if password is None or password == "":
        return {}
    salt = secrets.token_hex(16)
    return {"password_hash": f"{hashlib.sha256((salt + str(password)).encode()).hexdigest()}:{salt}"}


def problems(fields: Mapping[str, Any]) -> str:
    """``Mage_Customer_Model_Customer::validate``'s messages, one a line (``implode(PHP_EOL, …)``)."""
    found = []
    if not str(fields.get("firstname") or "").strip():
        found.append("The first name cannot be empty.")
    if not str(fields.get("lastname") or "").strip():
        found.append("The last name cannot be empty.")
    if not _EMAIL.match(str(fields.get("email") or "")):
        found.append(f'Invalid email address "{fields.get("email") or ""}".')
    return "\n".join(found)


def delete(ctx: Call, customer_id: object) -> bool:
    """``customer.delete``: true (recorded), or fault 102 "Customer not exists." for an unknown id."""
    if ctx.world.customers.pop(str(customer_id), None) is None:
        raise fault("not_exists", RESOURCE)
    return True


METHODS = {
    "customer.list": Method(RESOURCE, list_customers),
    "customer.create": Method(RESOURCE, create),
    "customer.delete": Method(RESOURCE, delete),
}
