"""Run a sandbox over HTTP: ``python -m aliexpress_magento.sandbox aliexpress --port 8001 …``,
``python -m aliexpress_magento.sandbox magento2 --port 8002 …`` or
``python -m aliexpress_magento.sandbox magento1 --port 8003 …``.

Defaults are listed in ``sandbox/COVERAGE.md``. Knob flags left out keep the value saved in the
``--state`` file (or the in-code default on a fresh state).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from werkzeug.serving import run_simple

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox
from aliexpress_magento.sandbox.magento1.versions import DEFAULT, VERSIONS
from aliexpress_magento.sandbox.magento2 import DEMO_INTEGRATION_TOKEN, Magento2Sandbox

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
    _magento2(apis)
    _magento1(apis)
    return root


MAGENTO2_KNOB_FLAGS = {
    "latency_ms": int,
    "fault_rate": float,
    "calls_per_second": float,
    "admin_token_ttl_seconds": int,
}


def _magento2(apis: Any) -> None:
    mage = apis.add_parser("magento2", help="the Magento 2 admin REST API (2.4.7-p3 behaviour)")
    mage.add_argument("--host", default="127.0.0.1")
    mage.add_argument("--port", type=int, default=8002)
    mage.add_argument("--admin-user", default="admin")
    mage.add_argument("--admin-password", default="admin-password-1")
    mage.add_argument("--integration-token", default=DEMO_INTEGRATION_TOKEN)
    mage.add_argument("--catalog-size", type=int, default=None, help="N generated SKUs instead of the demo")
    mage.add_argument("--state", default=None, help="JSON file keeping the state across restarts")
    for name, kind in MAGENTO2_KNOB_FLAGS.items():
        mage.add_argument(f"--{name.replace('_', '-')}", type=kind, default=None)


MAGENTO1_KNOB_FLAGS = {
    "latency_ms": int,
    "fault_rate": float,
    "session_ttl_seconds": int,
}


def _magento1(apis: Any) -> None:
    mage = apis.add_parser("magento1", help="the Magento 1.9 / OpenMage LTS web-services API v1 (XML-RPC)")
    mage.add_argument("--host", default="127.0.0.1")
    mage.add_argument("--port", type=int, default=8003)
    mage.add_argument("--api-user", default=DEMO_API_USER)
    mage.add_argument("--api-key", default=DEMO_API_KEY)
    mage.add_argument("--catalog-size", type=int, default=None, help="N generated SKUs instead of the demo")
    mage.add_argument("--state", default=None, help="JSON file keeping the state across restarts")
    mage.add_argument(
        "--without-module",
        action="store_true",
        help="emulate a store without the connector module (its resource answers fault 3)",
    )
    mage.add_argument(
        "--emulate",
        choices=sorted(VERSIONS),
        default=None,
        help=f"the store version to answer like (default {DEFAULT}; OpenMage <= 20.10 and Magento 1.9.4 "
        "take multiCall's calls as an array, OpenMage >= 20.11 as a struct)",
    )
    for name, kind in MAGENTO1_KNOB_FLAGS.items():
        mage.add_argument(f"--{name.replace('_', '-')}", type=kind, default=None)


def build_magento1(args: argparse.Namespace) -> Magento1Sandbox:
    sandbox = Magento1Sandbox(
        api_user=args.api_user,
        api_key=args.api_key,
        state_file=args.state,
        catalog_size=args.catalog_size,
        with_module=False if args.without_module else None,
    )
    changes = {k: getattr(args, k) for k in (*MAGENTO1_KNOB_FLAGS, "emulate") if getattr(args, k) is not None}
    sandbox.knobs.update(changes)
    sandbox.persist()
    return sandbox


def build_magento2(args: argparse.Namespace) -> Magento2Sandbox:
    sandbox = Magento2Sandbox(
        admin_user=args.admin_user,
        admin_password=args.admin_password,
        integration_token=args.integration_token,
        state_file=args.state,
        catalog_size=args.catalog_size,
    )
    changes = {k: getattr(args, k) for k in MAGENTO2_KNOB_FLAGS if getattr(args, k) is not None}
    sandbox.knobs.update(changes)
    sandbox.persist()
    return sandbox


def build(args: argparse.Namespace) -> AliExpressSandbox:
    sandbox = AliExpressSandbox(app_key=args.app_key, app_secret=args.app_secret, state_file=args.state)
    changes: dict[str, Any] = {k: getattr(args, k) for k in KNOB_FLAGS if getattr(args, k) is not None}
    sandbox.knobs.update(changes)
    sandbox.persist()
    return sandbox


def main(argv: Sequence[str] | None = None) -> None:
    args = parser().parse_args(argv)
    if args.api == "magento1":
        store = build_magento1(args)
        module = "with" if store.knobs.connector_module else "without"
        print(
            f"Magento 1 sandbox on http://{args.host}:{args.port}/api/xmlrpc/ "
            f"(API user {args.api_user}, API key {args.api_key}, {module} the connector module, "
            f"answering like {store.knobs.emulate})",
            flush=True,
        )
        run_simple(args.host, args.port, store.wsgi, threaded=True, use_reloader=False)
        return
    if args.api == "magento2":
        mage = build_magento2(args)
        print(
            f"Magento 2 sandbox on http://{args.host}:{args.port}/rest/V1 "
            f"(admin {args.admin_user}, integration token {args.integration_token})",
            flush=True,
        )
        run_simple(args.host, args.port, mage.wsgi, threaded=True, use_reloader=False)
        return
    sandbox = build(args)
    print(f"AliExpress sandbox on http://{args.host}:{args.port} (app key {args.app_key})", flush=True)
    run_simple(args.host, args.port, sandbox.wsgi, threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
