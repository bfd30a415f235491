"""The demo account scripts/run creates: wired to both sandboxes, authorized through the consent page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.support.serving import serve


@pytest.fixture
def sandboxes() -> Iterator[tuple[str, str]]:
    ae = serve(AliExpressSandbox(app_key="demo-key", app_secret="demo-secret"))
    m2 = serve(Magento2Sandbox())
    yield next(ae), next(m2)
    for server in (ae, m2):
        next(server, None)


def test_the_demo_account_is_created_once_and_authorized(merchant, sandboxes, capsys) -> None:
    ae_url, m2_url = sandboxes
    args = ["--aliexpress-url", ae_url, "--magento-url", m2_url, "--console-url", "http://127.0.0.1:8000/"]
    call_command("ensure_demo_account", *args)
    account = Account.objects.get()
    assert (account.name, account.enabled, account.api_base_url, account.magento_base_url) == (
        "Demo shop",
        True,
        ae_url,
        m2_url,
    )
    assert account.access_token and account.seller_login
    assert capsys.readouterr().out == (
        f"Demo account 'Demo shop' authorized on the AliExpress sandbox as seller {account.seller_login}; "
        f"Magento: {m2_url}\n"
    )
    choices = account.remote_choices
    assert choices["errors"] == {}
    assert choices["freight_templates"] and [v["code"] for v in choices["store_views"]] == [
        "default",
        "french",
    ]
    # The shop's first freight template is chosen: the demo uploads out of the box.
    assert account.freight_template_id == choices["freight_templates"][0][0] == "1000"
    token = account.access_token
    call_command("ensure_demo_account", *args)
    assert capsys.readouterr().out == "Demo account 'Demo shop' is ready (already authorized).\n"
    assert Account.objects.get().access_token == token
