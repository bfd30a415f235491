"""An authorized account on the AliExpress sandbox and on a Magento sandbox (2 or 1: every test here runs
on both), whose AliExpress shop sells Magento SKUs only: the buyer simulator's orders name them."""

from __future__ import annotations

import copy
import xmlrpc.client
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
import pytest
from django.utils import timezone

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.aliexpress.gateway import Gateway
from aliexpress_magento.orders.models import AliExpressOrder
from aliexpress_magento.orders.services import run
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from aliexpress_magento.sandbox.catalog.model import ENABLED, SIMPLE
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.flow.accounts.conftest import AE_URL, M2_URL, authorize
from tests.support.accounts import APP_KEY, APP_SECRET, M2_TOKEN, make_account

BUYER = "aliqatest07"  # a seed buyer paying in USD, the Magento sandboxes' base currency
PAID = "WAIT_SELLER_SEND_GOODS"
Tracking = tuple[str, str, str]  # (tracking number, Magento carrier code, carrier title)


@dataclass
class Shop:
    account: Account
    magento: Magento2Sandbox | Magento1Sandbox
    aliexpress: AliExpressSandbox

    def magento_orders(self) -> int:
        return len(self.magento.world.orders)

    def comments(self, magento_order_id: int) -> list[str]:
        """The comments on one Magento order."""
        if isinstance(self.magento, Magento1Sandbox):
            return [str(h["comment"] or "") for h in self.magento.order(magento_order_id)["status_history"]]
        histories = self.magento.world.orders[str(magento_order_id)].get("status_histories") or []
        return [str(h.get("comment") or "") for h in histories]

    def order_customer(self, magento_order_id: int) -> tuple[str, str]:
        """(customer id or "" for a guest, customer e-mail) of one Magento order."""
        if isinstance(self.magento, Magento1Sandbox):
            order = self.magento.order(magento_order_id)
        else:
            order = self.magento.world.orders[str(magento_order_id)]
        return str(order.get("customer_id") or ""), str(order["customer_email"])

    def customers(self, email: str) -> list[str]:
        """The ids of the Magento customers with ``email``."""
        rows = self.magento.world.customers.items()
        return [key for key, row in rows if str(row["email"]).lower() == email.lower()]

    def sell(self, skus: dict[str, int], price: str = "12.00") -> None:
        """The AliExpress shop sells these SKU codes (inventory each) and nothing else."""
        products = self.aliexpress.world.products
        template = next(iter(products.products.values())).instance
        for product in products.products.values():
            product.status = "offline"
        instance = copy.deepcopy(template)
        instance["sku_info_list"] = [
            {"sku_code": sku, "inventory": qty, "price": price} for sku, qty in skus.items()
        ]
        products.add(instance, self.aliexpress.clock())

    def salable_simples(self, n: int) -> list[str]:
        """``n`` Magento SKUs sold on their own (not a configurable's child), enabled, 10+ salable."""
        found = [
            p.sku
            for p in self.magento.world.catalog.products
            if p.type_id == SIMPLE and p.status == ENABLED and p.parent_id is None and "/" not in p.sku
            and self.magento.salable_qty(p.sku) >= 10
        ]  # fmt: skip
        return found[:n]

    def set_stock(self, sku: str, qty: float) -> None:
        if isinstance(self.magento, Magento1Sandbox):
            # Managed stock without backorders: Magento 1 puts an item with no quantity out of stock.
            self.magento.set_stock(sku, qty, in_stock=qty > 0)
        else:
            self.magento.set_source_qty(sku, qty)

    def place(self, n: int, status: str = PAID) -> list[int]:
        return self.aliexpress.place_orders(n, status=status, buyer_login_id=BUYER)

    def run(self, now: datetime | None = None) -> run.RunCounts:
        return run.fetch_and_import(self.account, now=now or timezone.now())

    def ship(self, magento_order_id: int, tracks: Sequence[Tracking], skus: Sequence[str] = ()) -> None:
        """Ship the Magento order's open lines (only those of ``skus`` when given) with ``tracks``
        (number, carrier code, title), as the merchant does in Magento's admin."""
        if isinstance(self.magento, Magento1Sandbox):
            increment = str(self.magento.order(magento_order_id)["increment_id"])
            self.magento.ship(increment, tracks, list(skus) or None)
            return
        order = self.magento.world.orders[str(magento_order_id)]
        items = [
            {"order_item_id": i["item_id"], "qty": i["qty_ordered"]}
            for i in order["items"]
            if not i.get("parent_item_id") and i["sku"] in skus
        ]
        sent = [{"track_number": n, "carrier_code": c, "title": t} for n, c, t in tracks]
        with httpx.Client(transport=httpx.WSGITransport(app=self.magento), base_url=M2_URL) as api:
            answer = api.post(
                f"/rest/V1/order/{magento_order_id}/ship",
                json={"items": items, "tracks": sent},
                headers={"Authorization": f"Bearer {M2_TOKEN}"},
            )
        answer.raise_for_status()

    def add_track(self, magento_order_id: int, track: Tracking) -> None:
        """A tracking number added later to the order's (first) shipment, through each platform's API."""
        number, carrier, title = track
        if isinstance(self.magento, Magento1Sandbox):
            shipment = next(
                s["shipment"]["increment_id"]
                for s in self.magento.world.shipments.values()
                if str(s["shipment"]["order_id"]) == str(magento_order_id)
            )
            with httpx.Client(
                transport=httpx.WSGITransport(app=self.magento.wsgi), base_url="http://magento1.test"
            ) as api:
                rpc = "/api/xmlrpc/"
                login = api.post(rpc, content=xmlrpc.client.dumps((DEMO_API_USER, DEMO_API_KEY), "login"))
                session = xmlrpc.client.loads(login.content)[0][0]
                args = [shipment, carrier, title, number]
                call = xmlrpc.client.dumps((session, "sales_order_shipment.addTrack", args), "call")
                xmlrpc.client.loads(api.post(rpc, content=call).content)  # raises a fault
            return
        shipment_id = next(
            int(s["entity_id"])
            for s in self.magento.world.shipments.values()
            if int(s["order_id"]) == magento_order_id
        )
        entity = {"parent_id": shipment_id, "order_id": magento_order_id, "track_number": number}
        entity |= {"carrier_code": carrier, "title": title}
        with httpx.Client(transport=httpx.WSGITransport(app=self.magento), base_url=M2_URL) as api:
            answer = api.post(
                "/rest/V1/shipment/track",
                json={"entity": entity},
                headers={"Authorization": f"Bearer {M2_TOKEN}"},
            )
        answer.raise_for_status()

    def magento_state(self, magento_order_id: int) -> str:
        if isinstance(self.magento, Magento1Sandbox):
            return str(self.magento.order(magento_order_id)["state"])
        return str(self.magento.world.orders[str(magento_order_id)]["state"])

    def claims(self) -> dict[int, AliExpressOrder]:
        return {c.aliexpress_order_id: c for c in AliExpressOrder.objects.filter(account=self.account)}


def sign_on_sandbox_clock(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests that set the AliExpress sandbox's clock: the client signs its calls with that clock too
    (the sandbox refuses a timestamp more than 2 hours off its own)."""
    monkeypatch.setattr(Gateway, "_timestamp", lambda _self: str(int(shop.aliexpress.clock() * 1000)))


def later(minutes: int) -> datetime:
    return timezone.now() + timedelta(minutes=minutes)


def magento_sandbox(platform: str) -> tuple[Magento2Sandbox | Magento1Sandbox, dict[str, str]]:
    """The Magento sandbox of ``platform`` ("magento2" / "magento1") and the account fields that reach it
    with the default payment and shipping methods."""
    fields = {"default_payment_method": "checkmo", "default_shipping_method": "flatrate_flatrate"}
    if platform == "magento1":
        fields |= {"platform": "magento1", "magento1_api_user": DEMO_API_USER}
        fields |= {"magento1_api_key": DEMO_API_KEY}
        return Magento1Sandbox(with_module=True), fields
    return Magento2Sandbox(integration_token=M2_TOKEN), fields


@pytest.fixture(params=["magento2", "magento1"])
def shop(request: pytest.FixtureRequest, db: None) -> Iterator[Shop]:
    ae = AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET)
    magento, fields = magento_sandbox(request.param)
    fields["order_id_prefix"] = "AE-"
    with (
        api_clients.route_to(AE_URL, httpx.WSGITransport(app=ae)),
        api_clients.route_to(M2_URL, httpx.WSGITransport(app=magento)),
    ):
        yield Shop(authorize(ae, make_account(AE_URL, M2_URL, **fields)), magento, ae)
