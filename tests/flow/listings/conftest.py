"""An authorized account on the AliExpress sandbox (photobank calls counted) and the Magento 2 sandbox,
whose media URL also serves the odd files a test puts there (huge, WEBP, HTML, redirects)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx
import pytest
from werkzeug.wrappers import Request, Response

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.flow.accounts.conftest import AE_URL, M2_URL, authorize
from tests.support.accounts import APP_KEY, APP_SECRET, M2_TOKEN, make_account

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

UPLOAD = "aliexpress.photobank.redefining.uploadimageforsdk"
EXTRA = "/media/catalog/product/t/e/"  # where a test's own files are served, beside the demo catalog's


@dataclass
class StoreMedia:
    """A Magento sandbox, plus files and redirects under :data:`EXTRA`; counts media requests."""

    sandbox: Magento2Sandbox | Magento1Sandbox
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    downloads: Counter[str] = field(default_factory=Counter)

    def put(self, name: str, data: bytes, content_type: str = "image/png") -> str:
        self.files[EXTRA + name] = (data, content_type)
        return f"{M2_URL}{EXTRA}{name}"

    def redirect(self, name: str, location: str) -> str:
        self.redirects[EXTRA + name] = location
        return f"{M2_URL}{EXTRA}{name}"

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        if request.path.startswith("/media/"):
            self.downloads[request.path] += 1
        if request.path in self.files:
            data, content_type = self.files[request.path]
            response = Response(data, content_type=content_type)
        elif request.path in self.redirects:
            response = Response(status=302, headers={"Location": self.redirects[request.path]})
        else:
            return self.sandbox(environ, start_response)
        return response(environ, start_response)


@pytest.fixture
def ae_sandbox() -> AliExpressSandbox:
    return AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET)


@pytest.fixture
def media(request: pytest.FixtureRequest) -> Iterator[StoreMedia]:
    """The Magento 2 sandbox; ``parametrize("media", ["magento1"], indirect=True)`` for Magento 1's."""
    platform = getattr(request, "param", "magento2")
    sandbox = (
        Magento1Sandbox(with_module=True)
        if platform == "magento1"
        else Magento2Sandbox(integration_token=M2_TOKEN)
    )
    store = StoreMedia(sandbox)
    with api_clients.route_to(M2_URL, httpx.WSGITransport(app=store)):
        yield store


@pytest.fixture
def authorized(
    db, ae_sandbox: AliExpressSandbox, ae_calls: Counter[str], media: StoreMedia
) -> tuple[Account, int]:  # type: ignore[no-untyped-def]
    """The account, and the AliExpress calls its authorization made (they count in its daily quota)."""
    magento1 = {"platform": "magento1", "magento1_api_user": DEMO_API_USER, "magento1_api_key": DEMO_API_KEY}
    fields = magento1 if isinstance(media.sandbox, Magento1Sandbox) else {}
    account = authorize(ae_sandbox, make_account(AE_URL, M2_URL, **fields))
    spent = sum(ae_calls.values())
    ae_calls.clear()  # the token exchange is not an upload
    return account, spent


@pytest.fixture
def account(authorized: tuple[Account, int]) -> Account:
    return authorized[0]


@pytest.fixture
def photobank(ae_sandbox: AliExpressSandbox) -> Iterator[httpx.Client]:
    """A browser on the AliExpress sandbox, to look at what the photobank stored."""
    with httpx.Client(transport=httpx.WSGITransport(app=ae_sandbox)) as client:
        yield client
