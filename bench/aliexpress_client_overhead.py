"""Client overhead per AliExpress call against an in-memory MockTransport (not a test).

Measures what the client itself costs per call — parameter encoding, signing, the httpx round trip
through a transport that answers instantly, JSON decoding, error checks and typed parsing — for a
typical call (order.get answering the official sample with one order), as CPU time per call.

    .venv/bin/python bench/aliexpress_client_overhead.py [calls]
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from aliexpress_magento.clients.aliexpress import AliExpressClient
from aliexpress_magento.clients.aliexpress.orders import OrderQuery

SAMPLE = (
    Path(__file__).resolve().parents[1]
    / "tests/fixtures/aliexpress/official-samples/aliexpress.solution.order.get.json"
)


def main(calls: int) -> None:
    body = json.dumps(json.loads(SAMPLE.read_text())["body"]).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    client = AliExpressClient(
        "12345678", "secret", base_url="http://bench.local", access_token="t", transport=transport
    )
    query = OrderQuery(
        create_date_start=datetime(2024, 1, 1, tzinfo=UTC), order_status_list=("WAIT_SELLER_SEND_GOODS",)
    )
    for _ in range(50):  # warm-up
        client.orders.get(query)
    started_cpu, started_wall = time.process_time(), time.perf_counter()
    for _ in range(calls):
        client.orders.get(query)
    cpu = (time.process_time() - started_cpu) / calls
    wall = (time.perf_counter() - started_wall) / calls
    label = "aliexpress client, orders.get via MockTransport"
    print(f"{label}: {cpu * 1e6:.0f} µs CPU/call, {wall * 1e6:.0f} µs wall/call ({calls} calls)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
