"""Customers: search, get, create. E-mail uniqueness is per website and case-insensitive (MySQL
collation), with the recorded 400 message; ``default_billing``/``default_shipping`` are string ids while
each address carries booleans, as recorded. The demo store has one customer (id 1)."""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.magento2 import errors, results
from aliexpress_magento.sandbox.magento2.call import Call, timestamp
from aliexpress_magento.sandbox.magento2.routing import Route
from aliexpress_magento.sandbox.magento2.world import World

JsonDict = dict[str, Any]
ACL = "Magento_Customer::manage"
DUPLICATE = "A customer with the same email address already exists in an associated website."
REGIONS = {"TX": ("Texas", 57), "CA": ("California", 12), "NY": ("New York", 43), "MI": ("Michigan", 33)}
DEMO_CUSTOMER: JsonDict = {
    "email": "roni_cost@example.com", "firstname": "Veronica", "lastname": "Costello",
    "addresses": [{
        "firstname": "Veronica", "lastname": "Costello", "street": ["6146 Honey Bluff Parkway"],
        "city": "Austin", "region_id": 57, "postcode": "78701", "country_id": "US",
        "telephone": "(555) 229-3326", "default_billing": True, "default_shipping": True,
    }],
}  # fmt: skip


def region(address: JsonDict) -> JsonDict:
    """Fill ``region`` (object) and ``region_id`` from whichever of the region fields was sent."""
    given = address.get("region")
    code: object = given.get("region_code") if isinstance(given, dict) else address.get("region_code")
    region_id = address.get("region_id") or (given.get("region_id") if isinstance(given, dict) else None)
    for known, (name, rid) in REGIONS.items():
        if known == code or rid == region_id:
            return {"region_code": known, "region": name, "region_id": rid}
    label = given.get("region") if isinstance(given, dict) else given
    return {"region_code": str(code or ""), "region": str(label or ""), "region_id": int(region_id or 0)}


def _address(world: World, customer_id: int, sent: JsonDict) -> JsonDict:
    found = region(sent)
    address: JsonDict = {
        "id": world.next_id("customer_address"), "customer_id": customer_id, "region": found,
        "region_id": found["region_id"], "country_id": sent.get("country_id", "US"),
        "street": list(sent.get("street") or []), "telephone": str(sent.get("telephone", "")),
        "postcode": str(sent.get("postcode", "")), "city": str(sent.get("city", "")),
        "firstname": str(sent.get("firstname", "")), "lastname": str(sent.get("lastname", "")),
    }  # fmt: skip
    for flag in ("default_shipping", "default_billing"):
        if sent.get(flag):
            address[flag] = True
    return address


def by_email(world: World, email: str, website_id: int | None = None) -> JsonDict | None:
    """The customer with ``email`` (in ``website_id`` when given: one e-mail can have a customer in each
    website, recorded in ``magento2-recorded/orders-customers/customers.create.website_2``)."""
    for customer in world.customers.values():
        if str(customer["email"]).lower() == email.lower() and website_id in (None, customer["website_id"]):
            return customer
    return None


def create(world: World, sent: JsonDict, now: float) -> JsonDict:
    if not sent.get("email"):
        raise errors.bad_request("The customer email is missing. Enter and try again.")
    for name, label in (("firstname", "First Name"), ("lastname", "Last Name")):
        if not sent.get(name):
            raise errors.bad_request('"%1" is a required value.', [label])  # unsure: exact wording
    if by_email(world, str(sent["email"]), int(sent.get("website_id", 1))) is not None:
        raise errors.bad_request(DUPLICATE)
    customer_id = world.next_id("customer")
    stamp = timestamp(now)
    customer: JsonDict = {
        "id": customer_id, "group_id": int(sent.get("group_id", 1)), "created_at": stamp, "updated_at": stamp,
        "created_in": "Default Store View", "email": str(sent["email"]), "firstname": str(sent["firstname"]),
        "lastname": str(sent["lastname"]), "store_id": int(sent.get("store_id", 1)),
        "website_id": int(sent.get("website_id", 1)), "disable_auto_group_change": 0,
        "extension_attributes": {"is_subscribed": False},
    }  # fmt: skip
    customer["addresses"] = [_address(world, customer_id, a) for a in sent.get("addresses") or []]
    for flag in ("default_billing", "default_shipping"):
        chosen = [a["id"] for a in customer["addresses"] if a.get(flag)]
        if chosen:
            customer[flag] = str(chosen[0])
    world.customers[str(customer_id)] = customer
    return customer


def get(world: World, customer_id: int) -> JsonDict:
    customer = world.customers.get(str(customer_id))
    if customer is None:
        raise errors.no_such_entity("customerId", customer_id)
    return customer


def search(call: Call) -> object:
    return results.search(list(call.world.customers.values()), call.criteria(), results.DICTS, dict)


def get_customer(call: Call) -> object:
    return get(call.world, call.int_param("customerId"))


def create_customer(call: Call) -> object:
    return create(call.world, call.arg("customer"), call.now)


ROUTES = [
    Route("GET", "/V1/customers/search", search, ACL),
    Route("GET", "/V1/customers/{customerId}", get_customer, ACL),
    Route("POST", "/V1/customers", create_customer, ACL),
]
