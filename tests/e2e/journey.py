"""The merchant's whole journey through the console of a fresh ``scripts/run`` (issue 15), step by step.

Everything the merchant does goes through the console's pages in Chromium; what happens outside the
console goes through the sandboxes' ``/_sandbox/…`` control endpoints, as the outside world would: the
AliExpress buyer places orders, the Magento warehouse ships and the Magento admin changes a price and a
stock. Jobs run in the service's own Celery worker: the merchant starts them with the console's buttons
(Refresh catalog, Validate & Upload, Sync Feeds, Fetch latest Aliexpress Orders, Retry now, and the
dashboard's Run now for the cron-only syncs), and every wait is for text on a page, never a sleep.

Each step leaves a screenshot and a caption in ``shots`` (``tour.json`` lists them), which
``scripts/tour`` turns into the README's Tour section.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

JOB_WAIT = 120_000  # ms: a job queued on the service's one worker, behind whatever beat queued first
PROFILE_CODE, PROFILE_NAME = "shirts", "Shirts"
SHIRTS_CATEGORY = "Men > Shirts"  # the demo catalog's Magento category (Oxford Shirts and Polo Shirts)
# Magento's colours to AliExpress's: the same name where AliExpress has it, else a colour of its list
# with "Send custom names" on, so buyers read Magento's own label (Pink, Navy, Orange).
COLOURS = {
    "Blue": "Blue", "Red": "Red", "Black": "Black", "White": "White", "Green": "Green",
    "Yellow": "Yellow", "Grey": "Gray", "Pink": "Champagne", "Navy": "Sky Blue", "Orange": "Khaki",
}  # fmt: skip
SIZES = {size: size for size in ("XS", "S", "M", "L", "XL", "XXL")}
CARRIER, CARRIER_TITLE, SERVICE, TRACKING = "dhl", "DHL", "DHL", "1234567890"  # DHL: 10 digits


@dataclass
class Service:
    """A fresh scripts/run: the console, the sandboxes and the printed login."""

    console: str
    aliexpress: str
    magento2: str
    magento1: str
    username: str
    password: str


@dataclass
class Shot:
    file: str
    title: str
    caption: str


@dataclass
class Journey:
    page: Page
    service: Service
    platform: str  # "magento2" or "magento1"
    shots: Path
    taken: list[Shot] = field(default_factory=list)

    # --- plumbing --------------------------------------------------------------------------------------
    @property
    def magento(self) -> str:
        return self.service.magento2 if self.platform == "magento2" else self.service.magento1

    def open(self, path: str) -> None:
        self.page.goto(self.service.console + path.lstrip("/"))

    def menu(self, label: str) -> None:
        """Open a page from the dashboard's menu, as a person does."""
        self.open("/admin/")
        self.page.click(f"#content-main a:text-is('{label}')")

    def shot(self, name: str, title: str, caption: str, focus: str = "") -> None:
        """A screenshot of the window as the merchant sees it, scrolled to ``focus`` (a selector) when
        given, with its title and caption for the Tour."""
        file = f"{len(self.taken) + 1:02d}-{name}.jpg"
        self.shots.mkdir(parents=True, exist_ok=True)
        if focus:
            # Vertically only: a grid wider than the window must not scroll the menu out of view.
            top = "e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 8)"
            self.page.locator(focus).first.evaluate(top)
        self.page.screenshot(path=str(self.shots / file), type="jpeg", quality=75)
        self.taken.append(Shot(file, title, caption))
        (self.shots / "tour.json").write_text(json.dumps([vars(s) for s in self.taken], indent=1) + "\n")

    @staticmethod
    def control(base: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """A sandbox's control endpoint: GET without a body, POST with one."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            base.rstrip("/") + path, data=data, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())

    def reload_until(self, done: Callable[[], bool], seconds: int = 120) -> None:
        """For pages that do not poll: reload once a second until ``done()`` (the caller then asserts)."""
        for _ in range(seconds):
            if done():
                return
            self.page.wait_for_timeout(1000)
            self.page.reload()

    def per_page(self, size: int) -> None:
        """The grid's "View N per page"."""
        with self.page.expect_navigation():
            self.page.select_option("#per-page", str(size))

    def success(self) -> Locator:
        return self.page.locator(".messagelist .success")

    def card(self, selector: str) -> Locator:
        return self.page.locator(selector).filter(has=self.page.locator("h2", has_text="Demo shop"))

    def run_now(self, job_title: str) -> None:
        """The dashboard's Run now on a job row; waits for the row to show the run's success."""
        self.open("/admin/")
        row = self.card(".account-card").locator("tr", has=self.page.locator(f"td:text-is('{job_title}')"))
        row.locator("button:has-text('Run now')").click()
        expect(self.success()).to_contain_text(f"{job_title} of Demo shop is queued")
        status = row.locator("span.badge")
        # The dashboard does not poll: reload until the run has finished.
        self.reload_until(lambda: status.count() > 0 and status.inner_text() in ("Success", "Error"))
        expect(status).to_have_text("Success")

    def walk(self) -> None:
        """The whole journey, steps 1 to 7."""
        self.log_in()
        if self.platform == "magento1":
            self.connect_magento1()
        self.refresh_catalog()
        self.create_profile()
        count = self.assign_products()
        self.upload(count)
        self.sync_feeds(count)
        self.see_live(count)
        self.first_tick_done()
        sold = self.sell()
        numbers = self.import_orders(sold)
        first = next(iter(sold.good))
        self.ship(first, numbers[first])
        self.change_price_and_stock(sold)
        self.logs(sold)

    # --- 1. log in, the account connected --------------------------------------------------------------
    def log_in(self) -> None:
        self.open("/admin/login/")
        self.page.fill("#id_username", self.service.username)
        self.page.fill("#id_password", self.service.password)
        self.page.click("input[type=submit]")
        expect(self.page.locator("#site-name")).to_be_visible()
        expect(self.card(".account-card").locator(".account-status")).to_have_text("Connected")
        self.shot(
            "dashboard",
            "Dashboard",
            "Logged in with the printed credentials: the demo account "
            "Demo shop is connected to the AliExpress sandbox.",
        )

    def connect_magento1(self) -> None:
        """Magento 1 only: point the demo account at the Magento 1 sandbox on its Configuration page."""
        self.menu("Configuration")
        self.page.click("#result_list a:text-is('Demo shop')")
        self.page.select_option("#id_platform", "magento1")
        self.page.fill("#id_magento_base_url", self.service.magento1)
        self.page.fill("#id_magento1_api_user", "demo-api-user")
        self.page.fill("#id_magento1_api_key", "demo-api-key-0123456789")
        self.page.click("input[name=_continue]")
        expect(self.success()).to_contain_text("was changed successfully")
        self.page.click("button:has-text('Test Magento connection')")
        expect(self.success()).to_contain_text("Connected to Magento 1: store view Default Store View")
        self.shot(
            "magento1-connection",
            "Configuration: the Magento 1 store",
            "The demo account moved to "
            "the Magento 1 sandbox (base URL, API user and key); Test Magento connection answers.",
            focus=".field-platform",
        )

    # --- 2. the catalog and the profile ----------------------------------------------------------------
    def refresh_catalog(self) -> None:
        self.menu("Magento Catalog")
        panel = self.page.locator(".catalog-refresh-panel").first
        panel.locator("button:has-text('Full refresh')").click()
        progress = panel.locator(".catalog-refresh-progress")
        expect(progress).to_contain_text("Done: read ", timeout=JOB_WAIT)
        self.page.reload()
        expect(self.page.locator("#total-records")).not_to_have_text("Total 0 records found")
        self.shot(
            "catalog",
            "Magento Catalog",
            "Full refresh mirrors the store's catalog; the progress follows the job to Done.",
        )

    def create_profile(self) -> None:
        self.menu("Manage Profiles")
        self.page.click("a:has-text('Add New Profile')")
        self.page.fill("#id_code", PROFILE_CODE)
        self.page.fill("#id_name", PROFILE_NAME)
        self.save_profile()
        expect(self.success()).to_contain_text("was added successfully")
        self.page.click("#profile-tabs a[data-tab=category]")
        self.page.click('button.tree-toggle:has-text("Men\'s Clothing")')
        self.page.click("button.tree-pick:text-is('• Shirts')")
        expect(self.page.locator("#chosen-category")).to_have_text("Men's Clothing > Shirts (348)")
        expect(self.page.locator("#missing-mappings li")).to_have_text(
            ["Brand Name (required): not mapped.", "Sleeve Length(cm) (required): not mapped."]
        )
        self.shot(
            "category",
            "Profile: the AliExpress category",
            "A new profile picks Men's Clothing > "
            "Shirts from AliExpress's category tree; the page lists the required attributes still unmapped.",
        )

        self.fixed("Brand Name", "NONE")
        self.fixed("Sleeve Length(cm)", "Full")
        self.axis("Color", "color", COLOURS)
        self.axis("Size", "size", SIZES)
        self.save_profile()
        saved = "Attribute mapping saved (4 attributes changed)."
        expect(self.page.locator(".messagelist")).to_contain_text(saved)
        expect(self.page.locator("#missing-mappings")).to_have_count(0)
        self.shot(
            "mapping",
            "Profile: attributes and variation axes",
            "Brand and sleeve length get fixed "
            "values; Magento's colour and size, the configurables' axes, map option by option.",
            focus="tr[data-attribute='Color']",
        )

    def save_profile(self) -> None:
        self.page.click(".profile-buttons >> nth=0 >> input[name=_continue]")

    def row(self, attribute: str) -> Locator:
        return self.page.locator(f"tr[data-attribute='{attribute}']")

    def fixed(self, attribute: str, value: str) -> None:
        row = self.row(attribute)
        row.locator(".source-select").select_option("fixed")
        row.locator(".mapping-fixed select").select_option(label=value)

    def axis(self, attribute: str, magento_code: str, values: dict[str, str]) -> None:
        row = self.row(attribute)
        row.locator(".source-select").select_option("magento")
        row.locator(".magento-select").select_option(magento_code)
        lines = row.locator(".value-map tr[data-option]")
        expect(lines.first).to_be_visible()
        for line in lines.all():
            label = line.locator("td").first.inner_text().strip()
            line.locator("select").select_option(label=values[label])
        row.locator("input[name$='-custom_names']").check()

    def assign_products(self) -> int:
        """Profile Products: filter the Men > Shirts category, Select All, Assign; returns how many."""
        self.page.click("#profile-tabs a:has-text('Profile Products')")
        self.page.click("#reset-filter")
        category = self.page.locator("#filter-category option", has_text=re.compile(r"Shirts$"))
        self.page.select_option("#filter-category", category.get_attribute("value"))
        self.page.click("#search-button")
        total = self.page.locator("#total-records")
        expect(total).to_have_text(re.compile(r"Total \d+ records found"))
        count = int(re.findall(r"\d+", total.inner_text())[0])
        types = set(self.page.locator("#product-grid td.field-type").all_inner_texts())
        assert types == {"simple", "configurable"}, types
        self.page.click("#select-all")
        expect(self.page.locator("#selected-count")).to_have_text(str(count))
        self.page.select_option("#massaction-action", "assign")
        self.page.click("#massaction-submit")
        expect(self.page.locator(".messagelist")).to_contain_text(f"Products assigned: {count} assigned.")
        self.shot(
            "profile-products",
            "Profile Products",
            f"The catalog filtered by the Magento category "
            f"{SHIRTS_CATEGORY}: {count} products, simple and configurable, assigned in one go.",
        )
        return count

    # --- 3. upload -------------------------------------------------------------------------------------
    def upload(self, count: int) -> None:
        self.menu("Manage Products")
        expect(self.page.locator("#total-records")).to_have_text(f"Total {count} records found")
        self.page.click("#massaction a[data-select=all]")
        expect(self.page.locator("#massaction-count")).to_have_text(str(count))
        label = "Validate & Upload Product(s)"
        self.page.select_option("#massaction-action", label=label)
        self.page.click("#massaction-submit")
        panel = self.page.locator(".bulk-panel")
        expect(panel.locator(".bulk-text")).to_have_text(
            re.compile(rf"(Queued|Running|Done): {re.escape(label)}")
        )
        expect(panel.locator(".bulk-text")).to_have_text(
            f"Done: {label}: {count} of {count} products processed: {count} done, 0 skipped, 0 failed.",
            timeout=JOB_WAIT,
        )
        self.shot(
            "upload",
            "Manage Products: Validate & Upload",
            "Select All, Validate & Upload: the "
            "progress bar follows the job; every product is validated and sent in a feed.",
        )

    def sync_feeds(self, count: int) -> None:
        self.menu("Api Feeds")
        status = self.page.locator("#result_list tbody td.field-status_badge")
        for _ in range(30):  # AliExpress processes a feed in its own time (10 s in the sandbox)
            if status.all_inner_texts() == ["Finished"]:
                break
            self.page.click("button:has-text('Sync Feeds')")
            expect(self.page.locator(".messagelist")).to_be_visible()
            self.page.wait_for_timeout(2000)
            self.page.reload()
        expect(status).to_have_text(["Finished"])
        expect(self.page.locator("#result_list tbody td.field-succeeded")).to_have_text([str(count)])
        self.shot(
            "feeds",
            "Api Feeds",
            "Sync Feeds asks AliExpress for the feed's results: finished, every item succeeded.",
        )

    def see_live(self, count: int) -> None:
        self.menu("Manage Products")
        states = self.page.locator("#result_list tbody .listing-state")
        expect(states).to_have_text(["Live"] * count, timeout=JOB_WAIT)
        self.shot(
            "live",
            "Manage Products: live",
            "Every product is live on AliExpress, with its AliExpress product id.",
        )

    def first_tick_done(self) -> None:
        """The worker's first scheduler tick (a minute after start) runs every enabled job once, the
        Order Cron among them: wait for it on the dashboard, so that no scheduled order fetch overlaps the
        journey's own (the next is 10 minutes later)."""
        self.open("/admin/")
        runs = self.card(".account-card").locator("tr.job-ordersfetch span.badge")
        self.reload_until(lambda: runs.count() > 0 and runs.inner_text() == "Success")
        expect(runs).to_have_text("Success")

    # --- 4. orders -------------------------------------------------------------------------------------
    def live_skus(self) -> dict[str, dict[str, Any]]:
        """AliExpress's SKUs of the live products: SKU code → {product_id, price, inventory}."""
        found = {}
        for product in self.control(self.service.aliexpress, "/_sandbox/products")["products"]:
            if product["status"] == "onSelling":
                for sku in product["skus"]:
                    found[sku["sku_code"]] = {**sku, "product_id": product["product_id"]}
        return found

    def magento_stock(self, sku: str, qty: int) -> None:
        if self.platform == "magento2":
            self.control(self.magento, "/_sandbox/source-items", {"sku": sku, "quantity": qty})
        else:
            self.control(self.magento, "/_sandbox/stock", {"sku": sku, "qty": qty, "is_in_stock": qty > 0})

    def buyer_orders(self, skus: list[str]) -> int:
        answer = self.control(
            self.service.aliexpress,
            "/_sandbox/orders",
            {"status": "WAIT_SELLER_SEND_GOODS", "sku_codes": skus},
        )
        (order_id,) = answer["order_ids"]
        return int(order_id)

    def fetch_orders(self, expected: str) -> None:
        self.menu("View Aliexpress Orders")
        panel = self.page.locator(".orders-fetch-panel").first
        panel.locator("button:has-text('Fetch latest Aliexpress Orders')").click()
        expect(panel.locator(".orders-fetch-progress")).to_have_text(expected, timeout=JOB_WAIT)
        self.page.reload()

    def sell(self) -> Sold:
        """The buyer orders a Polo Shirt and an Oxford Shirt; a third order is for a Polo Shirt whose
        last units the shop sold in Magento before the inventory sync told AliExpress (Magento: 0)."""
        live = self.live_skus()
        in_stock = sorted(code for code, sku in live.items() if int(sku["inventory"]) >= 5)
        polo, broken_sku = [code for code in in_stock if code.startswith("SP-POLO-")][:2]
        oxford = next(code for code in in_stock if code.startswith("CF-OXFORD-"))
        self.magento_stock(broken_sku, 0)
        good = {self.buyer_orders([sku]): sku for sku in (polo, oxford)}
        return Sold(good, self.buyer_orders([broken_sku]), broken_sku, int(live[broken_sku]["inventory"]))

    def import_orders(self, sold: Sold) -> dict[int, str]:
        """Fetch latest Aliexpress Orders; the two good orders are in Magento, the broken one is on the
        failed grid; its cause fixed (stock back in Magento), Retry now imports it. Returns each order's
        Magento order number."""
        self.fetch_orders("Done: 3 orders listed, 3 new, 0 changed; import: 2 created, 1 failed.")
        expect(self.page.locator("#total-records")).to_have_text("Total 3 records found")
        for order_id in sold.good:
            expect(self.order_row(order_id).locator("td.field-status")).to_have_text("Imported")
        expect(self.order_row(sold.broken).locator("td.field-status")).to_have_text("Failed")
        self.shot(
            "orders",
            "View Aliexpress Orders",
            "The buyer placed three orders; Fetch latest "
            "Aliexpress Orders imports two into Magento. The third names a SKU Magento has sold out.",
        )

        self.menu("View Aliexpress Failed Orders")
        expect(self.page.locator("#total-records")).to_have_text("Total 1 records found")
        row = self.order_row(sold.broken)
        expect(row.locator("td.field-reason")).to_contain_text(sold.broken_sku)
        self.shot("failed-order", "View Aliexpress Failed Orders", "The failed order with its reason.")

        self.magento_stock(sold.broken_sku, sold.restock)  # the merchant finds the units and restocks
        row.locator("input.action-select").check()
        self.page.select_option("#massaction-action", label="Retry now")
        self.page.click("#massaction-submit")
        expect(self.success()).to_have_text("1 order is due again; its import is queued.")
        expect(self.page.locator("#total-records")).to_have_text("Total 0 records found")
        self.shot(
            "retried",
            "Failed order retried",
            "Restocked in Magento, Retry now imports it: the failed grid is empty.",
        )

        self.menu("View Aliexpress Orders")
        retried = self.order_row(sold.broken).locator("td.field-status")
        self.reload_until(lambda: retried.inner_text() == "Imported")  # the import runs in the worker
        numbers = {}
        for order_id in (*sold.good, sold.broken):
            row = self.order_row(order_id)
            expect(row.locator("td.field-status")).to_have_text("Imported")
            numbers[order_id] = row.locator("td.field-magento_order").inner_text().strip()
        return numbers

    # --- 5. a shipment -----------------------------------------------------------------------------------
    def ship(self, order_id: int, magento_number: str) -> None:
        """Carrier Mapping (Magento's dhl → AliExpress's DHL) on the Configuration page; the warehouse
        ships the Magento order with a DHL tracking number; Run now on the Shipment Sync Cron; the
        AliExpress order holds the tracking number."""
        self.menu("Configuration")
        self.page.click("#result_list a:text-is('Demo shop')")
        self.page.fill("#id_carrier_mappings-0-magento_carrier", CARRIER)
        self.page.fill("#id_carrier_mappings-0-magento_title", CARRIER_TITLE)
        self.page.fill("#id_carrier_mappings-0-aliexpress_service", SERVICE)
        self.page.click("input[name=_continue]")
        expect(self.success()).to_contain_text("was changed successfully")
        self.shot(
            "carrier-mapping",
            "Configuration: Carrier Mapping",
            "Magento's DHL carrier is sent to AliExpress as its DHL logistics service.",
            focus="#carrier_mappings-group",
        )

        self.control(self.magento, "/_sandbox/ship", {
            "increment_id": magento_number, "tracks": [[TRACKING, CARRIER, CARRIER_TITLE]],
        })  # fmt: skip
        self.run_now("Shipment Sync Cron")
        self.shot(
            "shipment-sync",
            "Dashboard: Shipment Sync Cron",
            "The warehouse shipped Magento order "
            f"{magento_number} with DHL {TRACKING}; Run now on the Shipment Sync Cron sends it.",
        )
        order = self.control(self.service.aliexpress, f"/_sandbox/orders/{order_id}")
        assert [(s["service_name"], s["logistics_no"]) for s in order["shipments"]] == [(SERVICE, TRACKING)]
        assert order["status"] == "WAIT_BUYER_ACCEPT_GOODS", order["status"]
        self.menu("View Aliexpress Orders")
        expect(self.order_row(order_id).locator("td.field-shipment")).to_contain_text("All, ")

    # --- 6. a price and a stock changed in Magento ---------------------------------------------------------
    def change_price_and_stock(self, sold: Sold) -> tuple[str, Decimal, int]:
        """Magento's admin changes a Polo Shirt nobody ordered: its price and its stock. Refresh catalog
        mirrors it; Run now on the Price and Inventory Crons pushes exactly those two values."""
        before = self.live_skus()
        ordered = {*sold.good.values(), sold.broken_sku}
        sku = next(c for c in sorted(before) if c.startswith("SP-POLO-") and c not in ordered)
        price = money(before[sku]["price"]) + Decimal("5.00")
        qty = int(before[sku]["inventory"]) + 7
        self.control(self.magento, "/_sandbox/products", {"sku": sku, "price": float(price)})
        self.magento_stock(sku, qty)

        self.menu("Magento Catalog")
        panel = self.page.locator(".catalog-refresh-panel").first
        panel.locator("button:has-text('Refresh catalog')").click()
        expect(self.success()).to_be_visible()
        expect(panel.locator(".catalog-refresh-progress")).to_contain_text("Done: read ", timeout=JOB_WAIT)
        self.run_now("Price Cron")
        self.run_now("Inventory Cron")
        listings = self.card(".listings-card")
        expect(listings.locator(".listing-runs")).to_be_visible()
        self.shot(
            "price-inventory",
            "Dashboard: price and inventory pushed",
            f"{sku}'s price and stock changed in Magento; after Refresh catalog, Run now on the Price and "
            "Inventory Crons pushes them.",
            focus=".listings-card",
        )

        after = self.live_skus()
        changed = {
            (code, field): after[code][field]
            for code in after
            for field in ("price", "inventory")
            if str(after[code][field]) != str(before.get(code, {}).get(field))
        }
        assert changed == {(sku, "price"): changed.get((sku, "price")), (sku, "inventory"): qty}, changed
        assert money(changed[(sku, "price")]) == price
        return sku, price, qty

    # --- 7. the logs ---------------------------------------------------------------------------------------
    def logs(self, sold: Sold) -> None:
        self.menu("Cron Logs")
        self.per_page(100)
        codes = set(self.page.locator("#result_list tbody td.field-job_code").all_inner_texts())
        wanted = {
            "catalog.refresh", "listings.bulk_action", "feeds.sync", "orders.fetch", "orders.import",
            "orders.sync_shipments", "listings.sync_price", "listings.sync_inventory",
        }  # fmt: skip
        assert wanted <= codes, wanted - codes
        statuses = set(self.page.locator("#result_list tbody td.field-status_badge").all_inner_texts())
        assert statuses == {"Success"}, statuses
        self.shot("cron-logs", "Cron Logs", "Every job the journey ran, each a success.")

        self.menu("Activity Logs")
        self.per_page(100)
        comments = "\n".join(self.page.locator("#result_list tbody td.field-comment").all_inner_texts())
        for step in (
            f"Profile “{PROFILE_NAME}” ({PROFILE_CODE}) created, active.",
            f"Profile “{PROFILE_NAME}” ({PROFILE_CODE}) attribute mapping saved",
            f"Products assigned to profile {PROFILE_NAME}: ",
            "Validate & Upload Product(s): ",
            "Submitted ",
            "Feed results: ",
            "Fetch latest Aliexpress Orders requested.",
            f"AliExpress order {sold.broken} not created: Out of stock in Magento: {sold.broken_sku}",
            f"Retry now: AliExpress order {sold.broken} is due for import again.",
            "sent to AliExpress: 1 sent.",
            "Price update: 1 done,",
            "Inventory update: ",
        ):
            assert step in comments, step
        self.shot(
            "activity-logs",
            "Activity Logs",
            "Every step, from the profile's creation to the "
            "price and inventory pushes, with the failed order's reason and its retry.",
        )

    def order_row(self, order_id: int) -> Locator:
        return self.page.locator(
            "#result_list tbody tr",
            has=self.page.locator(f"td.field-aliexpress_order_id:text-is('{order_id}')"),
        )


def money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@dataclass
class Sold:
    """The orders the journey's buyer placed: AliExpress order id → the SKU ordered."""

    good: dict[int, str]
    broken: int
    broken_sku: str
    restock: int  # the quantity the broken order's SKU had: what the merchant puts back in Magento
