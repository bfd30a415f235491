"""The Magento 2 sandbox with a generated N-SKU catalog: build time, memory, and paging cost.

Run: ``.venv/bin/python bench/magento2_sandbox_catalog.py [skus] [page_size]`` (defaults 100000, 1000).
Builds ``Magento2Sandbox(catalog_size=N)``, then reads every product through ``GET /rest/V1/products``
page by page in-process (httpx WSGITransport), stopping on ``total_count``, and prints SKUs per second
and peak RSS. The sandbox's own cost only: no client code is involved.
"""

from __future__ import annotations

import resource
import sys
import time

import httpx

from aliexpress_magento.sandbox.magento2 import DEMO_INTEGRATION_TOKEN, Magento2Sandbox


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(skus: int, page_size: int) -> None:
    started = time.perf_counter()
    sandbox = Magento2Sandbox(catalog_size=skus)
    built = time.perf_counter() - started
    print(f"built {skus} SKUs in {built:.1f} s, peak RSS {peak_rss_mb():.0f} MB")
    http = httpx.Client(
        transport=httpx.WSGITransport(app=sandbox.wsgi),
        base_url="http://sandbox.test",
        headers={"Authorization": f"Bearer {DEMO_INTEGRATION_TOKEN}"},
    )
    read, page, started = 0, 1, time.perf_counter()
    while True:
        params = {"searchCriteria[pageSize]": page_size, "searchCriteria[currentPage]": page}
        body = http.get("/rest/V1/products", params=params).json()
        read += len(body["items"])
        if page * page_size >= body["total_count"]:
            break
        page += 1
    spent = time.perf_counter() - started
    print(f"read {read} products in {page} pages: {read / spent:.0f} SKUs/s, peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
