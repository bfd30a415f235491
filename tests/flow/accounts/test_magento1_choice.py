"""The configuration page's Magento 1 choice: its credentials, the quote-only rule, and the connection
test that also says whether the connector module answers."""

from __future__ import annotations

import httpx
import pytest
from django.urls import reverse

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.magento1.connector import CHANGED, CHILDREN, RESOURCE
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.stores.magento1 import Magento1Store

from .test_configuration_page import ADD, _errors, form_data

M1_URL = "https://openmage.sandbox.test"


def _magento1(account: Account, sandbox: Magento1Sandbox, **fields: str) -> None:
    values = {
        "platform": "magento1",
        "magento_base_url": M1_URL,
        "magento1_api_user": DEMO_API_USER,
        "magento1_api_key": DEMO_API_KEY,
        **fields,
    }
    Account.objects.filter(pk=account.pk).update(**values)


def _test_magento(client, account: Account) -> str:  # type: ignore[no-untyped-def]
    answer = client.post(reverse("admin:accounts_account_test_magento", args=[account.pk]), follow=True)
    (said,) = [str(m) for m in answer.context["messages"]]
    return said


@pytest.mark.parametrize("with_module", [True, False])
def test_connection_names_the_store_and_the_connector_module(merchant_client, account, with_module) -> None:
    sandbox = Magento1Sandbox(with_module=with_module)
    _magento1(account, sandbox)
    with api_clients.route_to(M1_URL, httpx.WSGITransport(app=sandbox)):
        said = _test_magento(merchant_client, account)
    module = (
        "The connector module answers."
        if with_module
        else "The connector module is NOT installed: configurable products cannot be listed (see the README)."
    )
    assert said == f"Connected to Magento 1: store view Default Store View (default), website id 1. {module}"


def _denied(ctx: Call, *args: object) -> None:
    raise fault("access_denied")  # what Magento answers a role without the method's ACL


@pytest.mark.parametrize(
    ("handler", "module"),
    [
        (
            None,
            "The connector module answers, but is older than 1.1.0: catalog reads list every changed "
            "product at once (update it, see the README).",
        ),
        (
            _denied,
            "The connector module answers, but the API role lacks its resource Changed products (paged): "
            "catalog reads list every changed product at once until it is granted.",
        ),
    ],
)
def test_connection_says_when_the_module_cannot_page(merchant_client, account, handler, module) -> None:
    sandbox = Magento1Sandbox()
    if handler is None:
        del sandbox.dispatcher.methods[CHANGED]  # a 1.0.0 module: children only
    else:
        sandbox.dispatcher.methods[CHANGED] = Method(RESOURCE, handler)
    _magento1(account, sandbox)
    with api_clients.route_to(M1_URL, httpx.WSGITransport(app=sandbox)):
        said = _test_magento(merchant_client, account)
    assert said == f"Connected to Magento 1: store view Default Store View (default), website id 1. {module}"


def test_connection_says_when_the_role_was_granted_nothing_of_the_module(merchant_client, account) -> None:
    sandbox = Magento1Sandbox()
    for path in (CHILDREN, CHANGED):
        sandbox.dispatcher.methods[path] = Method(RESOURCE, _denied)
    _magento1(account, sandbox)
    with api_clients.route_to(M1_URL, httpx.WSGITransport(app=sandbox)):
        said = _test_magento(merchant_client, account)
    assert said == (
        "Connected to Magento 1: store view Default Store View (default), website id 1. The connector module "
        "is installed, but the API role was not granted its resources: catalog reads go on as on a store "
        "without the module (configurable products without their children, so they cannot be listed) until "
        "the role is granted them (see the README)."
    )


def test_a_wrong_api_key_is_named(merchant_client, account) -> None:
    sandbox = Magento1Sandbox()
    _magento1(account, sandbox, magento1_api_key="not-the-key")
    with api_clients.route_to(M1_URL, httpx.WSGITransport(app=sandbox)):
        said = _test_magento(merchant_client, account)
    assert said.startswith("Authentication: Magento 1 refused the API user or key (Access denied.)")


def test_the_store_is_a_magento1_store_and_lists_come_from_it(merchant_client, account) -> None:
    sandbox = Magento1Sandbox()
    _magento1(account, sandbox)
    account.refresh_from_db()
    assert isinstance(api_clients.store(account), Magento1Store)
    with api_clients.route_to(M1_URL, httpx.WSGITransport(app=sandbox)):
        merchant_client.post(reverse("admin:accounts_account_refresh_lists", args=[account.pk]))
    account.refresh_from_db()
    choices = account.remote_choices
    assert choices["errors"] == {}
    assert [v["code"] for v in choices["store_views"]] == ["default", "french"]
    assert "checkmo" in [code for code, _ in choices["methods"]["payment"]]
    assert "flatrate_flatrate" in [code for code, _ in choices["methods"]["shipping"]]


def test_magento1_needs_the_quote_method_and_its_credentials(merchant_client) -> None:
    page = merchant_client.post(
        ADD, form_data(platform="magento1", use_quote_method=None, magento1_api_user="", magento1_api_key="")
    )
    errors = _errors(page)
    assert errors["use_quote_method"] == [
        "Magento 1 creates orders with the quote method only (its API has no direct order creation)."
    ]
    assert errors["magento1_api_user"] == ["API user is required while the account is Enabled."]
    assert errors["magento1_api_key"] == ["API key is required while the account is Enabled."]
    assert "magento_token" not in errors  # Magento 2's credentials are not asked for


def test_magento1_settings_are_saved_with_the_key_encrypted(merchant_client) -> None:
    answer = merchant_client.post(
        ADD,
        form_data(platform="magento1", magento1_api_user="connector", magento1_api_key="m1-key-0123456789"),
    )
    assert answer.status_code == 302, _errors(answer)
    account = Account.objects.get()
    assert (account.platform, account.magento1_api_user, account.magento1_api_key) == (
        "magento1",
        "connector",
        "m1-key-0123456789",
    )
    html = merchant_client.get(reverse("admin:accounts_account_change", args=[account.pk])).content.decode()
    assert "m1-key-0123456789" not in html
