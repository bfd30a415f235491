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
        indexes = [models.Index(fields=("account", "status", "next_retry_at"), name="orders_due")]

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
        help_text="The first fetch reads the orders modified in this many days before it.",
    )
    last_fetch_at = models.DateTimeField(null=True, blank=True)
    # The running order run's progress, for the Fetch latest Aliexpress Orders panel (services/progress).
    run_phase = models.CharField(max_length=10, blank=True)  # "fetching", "importing", "" when idle
    run_done = models.PositiveIntegerField(default=0)
    run_total = models.PositiveIntegerField(null=True, blank=True)
    run_started_at = models.DateTimeField(null=True, blank=True)
    run_finished_at = models.DateTimeField(null=True, blank=True)
    run_message = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"order fetch of account {self.account_id}"
