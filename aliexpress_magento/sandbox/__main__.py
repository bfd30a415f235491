"""Run a sandbox over HTTP: ``python -m aliexpress_magento.sandbox aliexpress --port 8001 …``.

Defaults are listed in ``sandbox/COVERAGE.md``. Knob flags left out keep the value saved in the
``--state`` file (or the in-code default on a fresh state).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from werkzeug.serving import run_simple

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox

KNOB_FLAGS = {
    "feed_delay_seconds": float,
    "buyer_orders_per_minute": float,
    "access_token_ttl_seconds": int,
    "refresh_token_ttl_seconds": int,
    "latency_ms": int,
    "fault_rate": float,
    "calls_per_second": float,
    "daily_quota": int,
    "callback_url": str,
}


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m aliexpress_magento.sandbox")
    apis = root.add_subparsers(dest="api", required=True)
    ali = apis.add_parser("aliexpress", help="the AliExpress Open Platform seller API (IOP gateway)")
    ali.add_argument("--host", default="127.0.0.1")
    ali.add_argument("--port", type=int, default=8001)
    ali.add_argument("--app-key", default="demo-key")
    ali.add_argument("--app-secret", default="demo-secret")
    ali.add_argument("--state", default=None, help="JSON file keeping the state across restarts")
    for name, kind in KNOB_FLAGS.items():
        ali.add_argument(f"--{name.replace('_', '-')}", type=kind, default=None)
    return root


def build(args: argparse.Namespace) -> AliExpressSandbox:
    sandbox = AliExpressSandbox(app_key=args.app_key, app_secret=args.app_secret, state_file=args.state)
    changes: dict[str, Any] = {k: getattr(args, k) for k in KNOB_FLAGS if getattr(args, k) is not None}
    sandbox.knobs.update(changes)
    sandbox.persist()
    return sandbox


def main(argv: Sequence[str] | None = None) -> None:
    args = parser().parse_args(argv)
    sandbox = build(args)
    print(f"AliExpress sandbox on http://{args.host}:{args.port} (app key {args.app_key})", flush=True)
    run_simple(args.host, args.port, sandbox.wsgi, threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
