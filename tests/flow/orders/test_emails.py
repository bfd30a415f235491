"""E-mail after an import run: one per Magento order created, one digest of new failures; on both Magento
sandboxes, through Django's mail (the test outbox)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from aliexpress_magento.orders.models import ImportStatus

from .conftest import Shop, later

Capture = Callable[..., AbstractContextManager[list[Callable[[], None]]]]


def test_one_email_per_new_order_and_one_digest_of_new_failures(
    shop: Shop, django_capture_on_commit_callbacks: Capture
) -> None:
    (sku,) = shop.salable_simples(1)
    shop.sell({"NOT-IN-MAGENTO": 5})
    (failing,) = shop.place(1)
    shop.sell({sku: 30})
    good = shop.place(2)

    with django_capture_on_commit_callbacks(execute=True):
        shop.run()
    with django_capture_on_commit_callbacks(execute=True):
        shop.run()  # nothing new
    with django_capture_on_commit_callbacks(execute=True):
        shop.run(later(16))  # the failed order fails again: not new, no second digest

    claims = shop.claims()
    assert claims[failing].status == ImportStatus.FAILED and claims[failing].attempts == 2
    subjects = sorted(m.subject for m in mail.outbox)
    expected = [
        f"[AliExpress connector] Demo shop: New order {claims[o].magento_order_number} (AliExpress order {o})"
        for o in good
    ]
    assert subjects == sorted([*expected, "[AliExpress connector] Demo shop: 1 AliExpress order(s) failed"])
    assert {tuple(m.to) for m in mail.outbox} == {("owner@example.com",)}
    digest = next(m for m in mail.outbox if m.subject.endswith("failed"))
    assert (
        f"- {failing} (attempt 1): Unknown SKU in Magento: NOT-IN-MAGENTO. It is neither a Magento SKU nor a "
        "listed AliExpress SKU (set the Alternate SKU Attribute if your AliExpress SKU codes are not Magento "
        "SKUs).\n"
    ) in digest.body
    first = next(m for m in mail.outbox if str(good[0]) in m.subject)
    line = claims[good[0]].detail_payload["child_order_list"]["global_aeop_tp_child_order_dto"][0]
    assert f"- {line['product_count']} x {line['sku_code']} {line['product_name']}\n" in first.body
    assert f"was created in Magento as order {claims[good[0]].magento_order_number}." in first.body
    assert all(claims[o].notified_at is not None for o in good)


def test_a_mail_failure_never_stops_the_import_and_the_next_run_sends_it(
    shop: Shop, django_capture_on_commit_callbacks: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop.sell(dict.fromkeys(shop.salable_simples(1), 30))
    (order_id,) = shop.place(1)

    def refused(*args: object, **kwargs: object) -> int:
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("aliexpress_magento.accounts.services.notify.send_mail", refused)
    with django_capture_on_commit_callbacks(execute=True):
        shop.run()
    claim = shop.claims()[order_id]
    assert (claim.status, claim.notified_at, len(mail.outbox)) == (ImportStatus.IMPORTED, None, 0)

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        shop.run()
    with django_capture_on_commit_callbacks(execute=True):
        shop.run()
    subject = f"New order {claim.magento_order_number} (AliExpress order {order_id})"
    assert [m.subject for m in mail.outbox] == [f"[AliExpress connector] Demo shop: {subject}"]


def test_without_a_notification_address_orders_are_marked_not_mailed(
    shop: Shop, django_capture_on_commit_callbacks: Capture
) -> None:
    shop.account.notification_email = ""
    shop.account.save(update_fields=["notification_email"])
    shop.sell(dict.fromkeys(shop.salable_simples(1), 30))
    (order_id,) = shop.place(1)
    with django_capture_on_commit_callbacks(execute=True):
        shop.run()
    shop.account.notification_email = "owner@example.com"
    shop.account.save(update_fields=["notification_email"])
    with django_capture_on_commit_callbacks(execute=True):
        shop.run()  # an address set later does not send old news
    assert mail.outbox == [] and shop.claims()[order_id].notified_at is not None


def test_the_default_backend_writes_the_mail_as_a_file(
    shop: Shop, django_capture_on_commit_callbacks: Capture, settings: Any, tmp_path: Path
) -> None:
    """The project's default (no EMAIL_HOST): one file per e-mail under the mail directory."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    shop.sell(dict.fromkeys(shop.salable_simples(1), 30))
    (order_id,) = shop.place(1)

    with django_capture_on_commit_callbacks(execute=True):
        shop.run()

    (written,) = (tmp_path / "mail").iterdir()
    text = written.read_text()
    assert "To: owner@example.com" in text
    assert f"AliExpress order {order_id} was created in Magento as order" in text
