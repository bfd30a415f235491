"""CPU per in-process AliExpress sandbox call (target: <= 2 ms for a typical call).

Run: ``.venv/bin/python bench/aliexpress_sandbox_cpu.py [calls]``. Measures process CPU time for
``aliexpress.solution.product.info.get`` and ``aliexpress.solution.order.get`` (20 orders), both
straight into the WSGI app (the sandbox's own cost) and through httpx's WSGITransport (what a client
test pays). Signing is done once per call, as a client would.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
import time
from collections.abc import Callable
from io import BytesIO
from urllib.parse import urlencode

import httpx
from werkzeug.test import EnvironBuilder

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox

KEY, SECRET = "bench-key", "bench-secret"


def signed(params: dict[str, str]) -> dict[str, str]:
    text = "".join(k + v for k, v in sorted(params.items()) if v != "")
    return {**params, "sign": hmac.new(SECRET.encode(), text.encode(), hashlib.sha256).hexdigest().upper()}


def form(session: str, method: str, **extra: str) -> dict[str, str]:
    params = {
        "app_key": KEY,
        "timestamp": str(int(time.time() * 1000)),
        "sign_method": "sha256",
        "method": method,
        "session": session,
        **extra,
    }
    return signed(params)


def measure(label: str, calls: int, run: Callable[[], None]) -> None:
    run()  # warm caches (schemas, validators)
    start = time.process_time()
    for _ in range(calls):
        run()
    per_call = (time.process_time() - start) / calls * 1000
    print(f"{label:<55} {per_call:7.3f} ms CPU/call")


def main(calls: int) -> None:
    sandbox = AliExpressSandbox(app_key=KEY, app_secret=SECRET)
    session = sandbox.world.tokens.issue("2000000001", time.time(), 3600, 7200).access_token
    sandbox.place_orders(20, status="WAIT_SELLER_SEND_GOODS")
    info = form(session, "aliexpress.solution.product.info.get", product_id="1005001000000101")
    query = json.dumps({"create_date_start": "2000-01-01 00:00:00", "page_size": 20, "current_page": 1})
    orders = form(session, "aliexpress.solution.order.get", param0=query)

    def wsgi(body: dict[str, str]) -> Callable[[], None]:
        data = urlencode(body).encode()

        def run() -> None:
            environ = EnvironBuilder(
                path="/sync",
                method="POST",
                input_stream=BytesIO(data),
                content_type="application/x-www-form-urlencoded",
                content_length=len(data),
            ).get_environ()
            b"".join(sandbox.wsgi(environ, lambda status, headers, exc_info=None: lambda _: None))

        return run

    client = httpx.Client(transport=httpx.WSGITransport(app=sandbox.wsgi), base_url="http://sandbox.test")
    measure("product.info.get, WSGI direct", calls, wsgi(info))
    measure("order.get (20 orders), WSGI direct", calls, wsgi(orders))
    measure(
        "product.info.get, via httpx WSGITransport",
        calls,
        lambda: client.post("/sync", data=info).raise_for_status(),
    )
    measure(
        "order.get (20 orders), via httpx WSGITransport",
        calls,
        lambda: client.post("/sync", data=orders).raise_for_status(),
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
