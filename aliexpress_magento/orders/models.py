"""AliExpress orders (DESIGN.md §4 ``AliExpressOrder``): the claim row of each order, its attempts, and
where an account's order fetch stands.

The claim row is what makes import exactly-once: it is unique on (account, AliExpress order id), written
and committed before any Magento call, and it keeps the cart a Magento placement used (the Store's
placement journal), so a run after a crash finds the order the crashed one made instead of making another.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class ImportStatus(models.TextChoices):
    # Claimed (fetched), never tried yet.
    NEW = "new", "New"
    # An attempt started: Magento may hold the order already (the next attempt looks it up first).
    CREATING = "creating", "Creating"
    IMPORTED = "imported", "Imported"
    FAILED = "failed", "Failed"
    # Seen in a status not chosen in Fetch Order Status (e.g. unpaid): created once it is.
    WAITING = "waiting", "Waiting for status"
    # Failed, then a merchant marked it handled (Failed Orders → Mark handled): it leaves the failed grid
    # and no run tries it again (only Retry now on View Aliexpress Orders does).
    HANDLED = "handled", "Handled by hand"


# A run tries these again (FAILED only when its next retry is due).
UNFINISHED = (ImportStatus.NEW, ImportStatus.CREATING, ImportStatus.WAITING)


class AliExpressOrder(models.Model):
    account = models.ForeignKey(
        "accounts.Account", verbose_name="Account", on_delete=models.CASCADE, related_name="orders"
    )
    # 16-17 digits: a 64-bit integer, never a float.
    aliexpress_order_id = models.BigIntegerField("AliExpress Order Id")
    aliexpress_status = models.CharField("AliExpress Status", max_length=40, blank=True)
    buyer_login_id = models.CharField("Buyer", max_length=128, blank=True)
    buyer_name = models.CharField("Buyer name", max_length=255, blank=True)
    aliexpress_created_at = models.DateTimeField("Created on AliExpress", null=True, blank=True)
    aliexpress_modified_at = models.DateTimeField("Modified on AliExpress", null=True, blank=True)
    aliexpress_total = models.DecimalField("Total", max_digits=14, decimal_places=2, null=True, blank=True)
    aliexpress_currency = models.CharField("Currency", max_length=3, blank=True)
    # The raw answers, as AliExpress gave them: order.get's row, order.info.get's data, receiptinfo's.
    list_payload = models.JSONField(default=dict, blank=True)
    detail_payload = models.JSONField(default=dict, blank=True)
    receipt_payload = models.JSONField(default=dict, blank=True)

    status = models.CharField(
        "Import status", max_length=10, choices=ImportStatus.choices, default=ImportStatus.NEW, db_index=True
    )
    attempts = models.PositiveSmallIntegerField("Attempts", default=0)
    next_retry_at = models.DateTimeField("Next retry", null=True, blank=True)
    failure_reason = models.TextField("Failure reason", blank=True)
    # True once an attempt called the Store's create_order: Magento may hold the order from then on, so
    # every later attempt looks it up before anything else (services/importer.py).
    placement_started = models.BooleanField(default=False)
    # The placement journal (stores.base.PlacementJournal): the cart a placement turned into an order.
    cart_ref = models.CharField(max_length=64, blank=True)

    magento_order_id = models.BigIntegerField("Magento order id", null=True, blank=True)
    magento_order_number = models.CharField("Magento Order #", max_length=64, blank=True)
    magento_state = models.CharField("Magento state", max_length=32, blank=True)
    magento_status = models.CharField("Magento Status", max_length=32, blank=True)
    magento_grand_total = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    magento_currency = models.CharField(max_length=3, blank=True)
    # Magento's grand total or currency differs from AliExpress's (field notes #4): a comment says so.
    totals_mismatch = models.BooleanField("Totals differ", default=False)

    # E-mail (services/notifications.py): when the new-order e-mail was handled (sent, or skipped for want
    # of a notification address), and when this order's failure went out in a digest. Claimed by a
    # conditional update before sending: never two e-mails for one order.
    notified_at = models.DateTimeField("New-order e-mail", null=True, blank=True)
    failure_notified_at = models.DateTimeField("Failure e-mailed", null=True, blank=True)

    # Shipments sent to AliExpress (services/shipments.py; each one is an OrderShipment row).
    shipment_state = models.CharField(
        "Shipped on AliExpress", max_length=4, choices=[("part", "Part"), ("all", "All")], blank=True
    )
    shipment_sent_at = models.DateTimeField("Shipment sent", null=True, blank=True)
    # The last shipment AliExpress refused or that cannot be sent (its reason); cleared by a later success.
    shipment_error = models.TextField("Shipment problem", blank=True)

    # Status sync (services/status.py).
    finished_at = models.DateTimeField("Finished on AliExpress", null=True, blank=True)
    magento_canceled_at = models.DateTimeField("Canceled in Magento", null=True, blank=True)
    # Something a person must handle: cancelled on AliExpress after the Magento order shipped, or a
    # cancel Magento refused.
    status_alert = models.TextField("Needs attention", blank=True)

    created_at = models.DateTimeField("Fetched", default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    imported_at = models.DateTimeField("Imported", null=True, blank=True)
    handled_at = models.DateTimeField("Marked handled", null=True, blank=True)
    # When AliExpress wants the goods sent (orders.shipby): from the detail's ``over_time_left`` or the
    # list row's ``timeout_left_time`` at the read; empty when AliExpress gave neither.
    ship_by = models.DateTimeField("Ship by", null=True, blank=True)

    class Meta:
        verbose_name = "aliexpress order"
        verbose_name_plural = "Aliexpress Orders"
        ordering = ("-aliexpress_created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("account", "aliexpress_order_id"), name="orders_one_claim_per_aliexpress_order"
            )
        ]
        indexes = [
            models.Index(fields=("account", "status", "next_retry_at"), name="orders_due"),
            # The journal clears a cart reference off the account's other rows at every placement
            # (services/journal.py): without this, a scan of every row, the run's slowest statement.
            models.Index(fields=("account", "cart_ref"), name="orders_cart_ref"),
        ]

    def __str__(self) -> str:
        return f"AliExpress order {self.aliexpress_order_id}"

    @property
    def external_id(self) -> str:
        """The Magento order's ``ext_order_id``: the key the Store looks an order up by."""
        return str(self.aliexpress_order_id)


class FailedOrder(AliExpressOrder):
    """The failed claim rows, as View Aliexpress Failed Orders shows them (a second grid of one table)."""

    class Meta:
        proxy = True
        verbose_name = "aliexpress failed order"
        verbose_name_plural = "Aliexpress Failed Orders"


class ShipmentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    # AliExpress refused it for good (its tracking-number rule, an order no longer shippable): not resent.
    REFUSED = "refused", "Refused"
    # A transient failure: sent again at ``next_retry_at`` up to MAX_SEND_ATTEMPTS.
    FAILED = "failed", "Failed (retrying)"
    # Nothing can be sent yet: no tracking number, or no Carrier Mapping for its carrier. Looked at again
    # every run (a mapping added later lets it go).
    BLOCKED = "blocked", "Cannot be sent"


class OrderShipment(models.Model):
    """One Magento shipment's tracking number, declared to AliExpress (``order.fulfill``) at most once.

    Unique per order, Magento shipment and tracking number: a shipment read again (the watermark's
    overlap, a track added later) never makes a second row, so never a second declaration."""

    order = models.ForeignKey(AliExpressOrder, on_delete=models.CASCADE, related_name="shipments")
    magento_shipment_id = models.BigIntegerField("Magento shipment")
    tracking_number = models.CharField("Tracking number", max_length=128, blank=True)
    magento_carrier = models.CharField("Magento carrier", max_length=64, blank=True)
    carrier_title = models.CharField(max_length=128, blank=True)
    # What was (or will be) sent: the AliExpress logistics service, the URL with ``other``, part or all.
    service_name = models.CharField("AliExpress service", max_length=128, blank=True)
    tracking_website = models.CharField(max_length=255, blank=True)
    send_type = models.CharField(max_length=4, blank=True)
    # The shipment's lines, SKU → quantity (text): what decides ``send_type``.
    lines = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=8, choices=ShipmentStatus.choices, default=ShipmentStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_retry_at = models.DateTimeField(null=True, blank=True)
    # The last attempt may have reached AliExpress (a cut answer): the next one checks the order first.
    maybe_sent = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    shipped_at = models.DateTimeField("Shipped in Magento", null=True, blank=True)
    sent_at = models.DateTimeField("Sent to AliExpress", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("shipped_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("order", "magento_shipment_id", "tracking_number"), name="orders_one_send_per_track"
            )
        ]

    def __str__(self) -> str:
        number = self.tracking_number or "no tracking number"
        return f"shipment {self.magento_shipment_id} ({number}) of {self.order}"


class AttemptOutcome(models.TextChoices):
    CREATED = "created", "Created"
    FOUND = "found", "Found (created earlier)"
    FAILED = "failed", "Failed"
    WAITING = "waiting", "Waiting for status"


class OrderAttempt(models.Model):
    """One try at creating one order: what the merchant reads in the order's history."""

    order = models.ForeignKey(AliExpressOrder, on_delete=models.CASCADE, related_name="attempt_rows")
    started_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=10, choices=AttemptOutcome.choices)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ("started_at", "id")

    def __str__(self) -> str:
        return f"{self.order} at {self.started_at:%Y-%m-%d %H:%M:%S}: {self.outcome}"


class OrderFetchState(models.Model):
    """Where an account's order fetch stands: the next fetch reads orders modified since ``watermark``
    (less the overlap); without one, the last ``backfill_days`` days."""

    account = models.OneToOneField("accounts.Account", on_delete=models.CASCADE, related_name="+")
    # The end of the last window read completely and committed (UTC).
    watermark = models.DateTimeField(null=True, blank=True)
    backfill_days = models.PositiveSmallIntegerField(
        "Back-fill window (days)",
        default=7,
        help_text="The first fetch reads the orders modified in this many days before it; so does the "
        "first after a longer pause (older changes are not read).",
    )
    last_fetch_at = models.DateTimeField(null=True, blank=True)
    # The running order run's progress, for the Fetch latest Aliexpress Orders panel (services/progress).
    run_phase = models.CharField(max_length=10, blank=True)  # "fetching", "importing", "" when idle
    run_done = models.PositiveIntegerField(default=0)
    run_total = models.PositiveIntegerField(null=True, blank=True)
    # Orders imported while the fetch still reads (the import runs beside it: services/pipeline.py).
    run_imported = models.PositiveIntegerField(default=0)
    run_started_at = models.DateTimeField(null=True, blank=True)
    run_finished_at = models.DateTimeField(null=True, blank=True)
    run_message = models.TextField(blank=True)
    # The shipment sync reads Magento shipments updated since this (less the overlap); the status sync
    # reads AliExpress orders modified since its own. Each moves to its run's start after the commit.
    shipments_watermark = models.DateTimeField(null=True, blank=True)
    status_watermark = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"order fetch of account {self.account_id}"
