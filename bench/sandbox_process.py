"""The store-read benchmarks' shared harness: a sandbox started as its own process on a free local port
(``python -m aliexpress_magento.sandbox KIND --catalog-size N …``), and the reader run as another process
of the benchmark script (``SCRIPT --read URL …``, printing JSON) so that its peak RSS is its own."""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

import httpx

# The code measured is the checkout this script is in (a worktree, too), not whichever one the virtualenv
# has installed: first on this process's path and on its children's (the sandbox, the reader).
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (ROOT, os.environ.get("PYTHONPATH", "")) if p)

from aliexpress_magento.stores import Store  # noqa: E402

TIMEOUT = httpx.Timeout(120.0, connect=5.0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(base: str, probe: str, timeout: float = 120.0) -> None:
    """Any HTTP answer at ``base + probe`` means the sandbox listens."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}{probe}", timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"sandbox at {base} did not start")


@contextmanager
def sandbox(kind: str, skus: int, probe: str, extra: Sequence[str] = ()) -> Iterator[str]:
    """The sandbox ``kind`` with ``skus`` generated SKUs, running until the block ends; yields its URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "aliexpress_magento.sandbox", kind, "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--catalog-size", str(skus), *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_up(base, probe)
        yield base
    finally:
        process.terminate()
        process.wait()


def read_in_process(script: str, base: str, page_size: int, extra: Sequence[str] = ()) -> dict[str, float]:
    reader = [sys.executable, script, "--read", base, "--page-size", str(page_size), *extra]
    return dict(json.loads(subprocess.run(reader, check=True, capture_output=True, text=True).stdout))


def arguments(sizes: Sequence[int]) -> argparse.ArgumentParser:
    """The options every store-read benchmark takes (``--read`` is the reader process's)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=list(sizes))
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--read", help="internal: read from this sandbox URL and print JSON")
    return parser


def read_everything(store: Store, page_size: int) -> dict[str, float]:
    """Every product changed since the epoch, counted (the reader process's work), and its figures."""
    started, count = time.perf_counter(), 0
    for _ in store.products_changed_since(datetime(1970, 1, 1, tzinfo=UTC), page_size=page_size):
        count += 1
    return figures(count, time.perf_counter() - started)


def figures(count: int, elapsed: float) -> dict[str, float]:
    """What the reader prints: SKUs/s, its own CPU time (apart from the sandbox's) and its peak RSS."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "skus": count,
        "seconds": elapsed,
        "skus_per_second": count / elapsed,
        "client_cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
    }


def summary(label: str, result: dict[str, float]) -> str:
    return (
        f"{label}: read {result['skus']:.0f} in {result['seconds']:.1f} s = "
        f"{result['skus_per_second']:.0f} SKUs/s (reader CPU {result['client_cpu_seconds']:.1f} s = "
        f"{result['skus'] / result['client_cpu_seconds']:.0f} SKUs per CPU second), "
        f"reader peak RSS {result['peak_rss_mb']:.0f} MB"
    )
