"""The listing benchmarks' shared harness (issue 13, Measure): both sandboxes as their own processes, the
connector's work in a third (its peak RSS its own), and the calls that work makes counted at its clients.

- ``serve_magento``: the Magento 2 sandbox with ``families`` configurables of 5 children each (colour x
  size: 3 colours x 2 sizes, the last cell left out), one image per configurable and none on the
  children, so each configurable needs exactly one distinct image; the children's stock and prices are
  the generator's.
- ``serve_aliexpress``: the AliExpress sandbox with a call budget (``calls_per_second``, over which it
  answers the rate-limit error) and a feed delay; it prints a one-time authorization code first.
- ``Counting``: an httpx transport routed under the account's base URLs (``api_clients.route_to``) that
  counts each HTTP attempt by AliExpress API method (or Magento path kind) before sending it.
- ``setup``: a fresh account, authorized, the catalog mirrored, the Shirts profile (category 348,
  colour x size, every Magento value mapped) with every configurable assigned.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from sandbox_process import free_port, wait_until_up

APP_KEY, APP_SECRET = "501234", "app-secret-0123456789abcdef"
M2_TOKEN = "demo-integration-token-0123456789"
REDIRECT = "https://console.test/aliexpress/callback/"
CHILDREN = 5
SHIRTS, MENS = 348, 200000343
NONE_BRAND, FULL_SLEEVE = "200010868", "200001500"
_METHOD = re.compile(rb'(?:^|[&?])method=([A-Za-z0-9._]+)|name="method"\r\n\r\n([A-Za-z0-9._]+)')


# --- the sandboxes, each in its own process --------------------------------------------------------------


def _families_catalog(seed: int, families: int) -> Any:
    """``families`` configurables x :data:`CHILDREN` colour-and-size children, built with the sandbox's
    own generator pieces (the same names, prices, stock, special prices)."""
    from aliexpress_magento.sandbox.catalog import demo
    from aliexpress_magento.sandbox.catalog.model import CONFIGURABLE

    builder = demo._Builder(seed)
    for _ in range(families):
        builder.families += 1
        kind = demo.CONFIGURABLE_KINDS[builder.families % len(demo.CONFIGURABLE_KINDS)]
        colors, sizes = demo._axes(builder.rng, 6)  # a 3 x 2 grid; its first five cells are used
        stem = f"CF-{kind[1]}-{builder.families:05d}"
        common = builder._common(kind)
        cells = [(c, s) for c in colors for s in sizes][:CHILDREN]
        kids = [builder._child(stem, kind, common, c, s) for c, s in cells]
        for kid in kids:
            kid.images = 0
        parent = builder._product(stem, f"{demo._brand(common)} {kind[0]}", CONFIGURABLE, 0.0)
        parent.children, parent.axes = tuple(k.id for k in kids), ("color", "size")
        parent.category_ids, parent.options, parent.images = kind[2], common, 1
        for kid in kids:
            kid.parent_id = parent.id
    return builder.catalog


def _distinct_render(file: str, color_name: str) -> bytes:
    """The sandbox's image with the file name's hash drawn as 32 black-or-white pixels on its first row:
    its own 96x96 images repeat after 64 files per colour, and the photobank cache (rightly) uploads
    identical bytes once; the benchmark wants one distinct image per configurable."""
    import io
    import zlib

    from PIL import Image

    from aliexpress_magento.sandbox.catalog import media

    image = Image.open(io.BytesIO(_SANDBOX_RENDER(file, color_name))).convert("RGB")
    stamp = zlib.crc32(file.encode())
    for bit in range(32):
        image.putpixel((bit, 0), (255, 255, 255) if stamp >> bit & 1 else (0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    assert media.render is _distinct_render
    return out.getvalue()


_SANDBOX_RENDER: Any = None


def serve_magento(port: int, families: int) -> None:
    global _SANDBOX_RENDER
    from werkzeug.serving import run_simple

    from aliexpress_magento.sandbox.catalog import demo, media
    from aliexpress_magento.sandbox.magento2 import Magento2Sandbox

    demo.generate = lambda seed=0, size=None: _families_catalog(seed, families)  # type: ignore[assignment]
    _SANDBOX_RENDER, media.render = media.render, _distinct_render  # type: ignore[assignment]
    sandbox = Magento2Sandbox(integration_token=M2_TOKEN, catalog_size=families)
    run_simple("127.0.0.1", port, sandbox.wsgi, threaded=True, use_reloader=False)


def serve_aliexpress(port: int, calls_per_second: float, feed_delay: float) -> None:
    from werkzeug.serving import run_simple

    from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox

    sandbox = AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET)
    sandbox.knobs.calls_per_second = calls_per_second
    sandbox.knobs.feed_delay_seconds = feed_delay
    print(sandbox.grant_code(REDIRECT), flush=True)
    run_simple("127.0.0.1", port, sandbox.wsgi, threaded=True, use_reloader=False)


@dataclass
class Sandboxes:
    magento: str
    aliexpress: str
    code: str


@contextmanager
def sandboxes(script: str, families: int, calls_per_second: float, feed_delay: float) -> Iterator[Sandboxes]:
    """Both sandboxes as processes of ``script`` (``--serve-magento`` / ``--serve-aliexpress``)."""
    m2_port, ae_port = free_port(), free_port()
    m2 = subprocess.Popen(
        [sys.executable, script, "--serve-magento", str(m2_port), "--families", str(families)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ae_command = [sys.executable, script, "--serve-aliexpress", str(ae_port)]
    ae_command += ["--budget", str(calls_per_second), "--feed-delay", str(feed_delay)]
    ae = subprocess.Popen(ae_command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert ae.stdout is not None
        code = ae.stdout.readline().strip()
        m2_base, ae_base = f"http://127.0.0.1:{m2_port}", f"http://127.0.0.1:{ae_port}"
        wait_until_up(ae_base, "/sync")
        wait_until_up(m2_base, "/rest/V1/directory/currency", timeout=600)
        yield Sandboxes(m2_base, ae_base, code)
    finally:
        for process in (m2, ae):
            process.terminate()
            process.wait()


def run_worker(script: str, boxes: Sandboxes, extra: list[str]) -> dict[str, Any]:
    """``script --work`` against the sandboxes, in a fresh VAR_DIR / SQLite database; its JSON answer."""
    command = [sys.executable, script, "--work", boxes.magento, boxes.aliexpress, boxes.code, *extra]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# --- counting at the client ------------------------------------------------------------------------------


class Counting(httpx.BaseTransport):
    """Counts every HTTP attempt (retries included) by AliExpress method or Magento path kind."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.calls: Counter[str] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        kind = _kind(request)
        self.calls[kind] += 1
        response = self.inner.handle_request(request)
        if not kind.startswith("magento"):
            body = response.read()  # AliExpress answers are small: read here to see its refusals
            if b'"ApiCallLimit"' in body:
                self.calls[f"{kind} (refused: ApiCallLimit)"] += 1
        return response

    def close(self) -> None:  # the clients close theirs after each job; this one lives on
        pass


def _kind(request: httpx.Request) -> str:
    path = request.url.path
    if path.startswith("/media/"):
        return "magento media"
    if path.startswith("/rest/"):
        return "magento rest"
    found = _METHOD.search(request.url.query) or _METHOD.search(request.read())
    return (found.group(1) or found.group(2)).decode() if found else path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the connector's side (the worker process) -----------------------------------------------------------


def django_setup(var: str) -> None:
    os.environ.update({"VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "aliexpress_magento.settings"})
    os.environ["DATABASE_URL"] = f"sqlite:///{var}/bench.sqlite3"
    import logging

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    logging.getLogger("aliexpress_magento").setLevel(logging.WARNING)


def setup(magento: str, aliexpress: str, code: str, budget: int) -> tuple[Any, Any]:
    """The account (authorized, its AliExpress budget ``budget`` calls/s, no daily quota, Magento
    unlimited), the mirror, and the Shirts profile with every configurable assigned."""
    from aliexpress_magento.accounts.models import Account
    from aliexpress_magento.accounts.services import oauth
    from aliexpress_magento.catalog.models import CatalogProduct
    from aliexpress_magento.catalog.services import refresh
    from aliexpress_magento.profiles.services import assignment

    account = Account.objects.create(
        name="Bench shop",
        enabled=True,
        api_base_url=aliexpress,
        app_key=APP_KEY,
        app_secret=APP_SECRET,
        magento_base_url=magento,
        magento_token=M2_TOKEN,
        customer_email="bench@example.com",
        notification_email="bench@example.com",
        aliexpress_qps=budget,
        aliexpress_daily_quota=0,
        magento_qps=0,
        freight_template_id="1000",
    )
    oauth.exchange(account, code)
    account.refresh_from_db()
    refresh.refresh(account, full=True)
    profile = _shirts_profile(account)
    configurables = CatalogProduct.objects.filter(account=account, type="configurable")
    assignment.assign(profile, configurables, move=False)
    return account, profile


def _shirts_profile(account: Any) -> Any:
    """As tests/flow/listings/test_upload.py's: Brand fixed, Sleeve Length from ``material`` (every
    material to Full), each Magento colour and size to its own AliExpress value in the schema's order."""
    from aliexpress_magento.catalog.models import CatalogAttribute
    from aliexpress_magento.profiles.models import CategorySchema, Profile
    from aliexpress_magento.profiles.services import categories, completeness, mappings, schemas
    from aliexpress_magento.profiles.services.mappings import Choice, MappingInput

    categories.children(account)
    categories.children(account, MENS)
    schemas.schema(account, SHIRTS)
    profile = Profile.objects.create(
        account=account, code="shirts", name="Shirts", category_id=SHIRTS, category_path=["Men's", "Shirts"]
    )

    def options(code: str) -> list[str]:
        attribute = CatalogAttribute.objects.get(account=account, code=code)
        return [str(o["id"]) for o in attribute.options if str(o["id"])]

    parsed = CategorySchema.objects.get(account=account, category_id=SHIRTS).parsed

    def ae_values(name: str) -> list[Choice]:
        (spec,) = [a for a in parsed["sku_attributes"] if a["name"] == name]
        return [Choice(str(v["id"])) for v in spec["values"] if str(v["id"]) != "4"]

    mappings.save(
        profile,
        [
            MappingInput("category", "Brand Name", "fixed", fixed=Choice(NONE_BRAND)),
            MappingInput(
                "category",
                "Sleeve Length(cm)",
                "magento",
                "material",
                value_map={m: Choice(FULL_SLEEVE) for m in options("material")},
            ),
            MappingInput(
                "sku",
                "Color",
                "magento",
                "color",
                value_map=dict(zip(options("color"), ae_values("Color"), strict=False)),
            ),
            MappingInput(
                "sku",
                "Size",
                "magento",
                "size",
                value_map=dict(zip(options("size"), ae_values("Size"), strict=False)),
            ),
        ],
        user=None,
    )
    missing = completeness.missing_mappings(profile)
    assert not missing, missing
    return profile


def mass_action(account: Any, action: str, product_ids: list[int]) -> Any:
    """A Manage Products mass action as the job runs it: the row ``bulk.request`` writes (without its
    message to the broker, which no worker reads here), then ``bulk.run``."""
    from aliexpress_magento.listings.models import BulkAction
    from aliexpress_magento.listings.services import bulk

    row = BulkAction.objects.create(
        account=account, action=action, product_ids=product_ids, total=len(product_ids)
    )
    return bulk.run(account, row.pk)


def sync_until_settled(account: Any) -> int:
    """Run the feeds.sync job as its schedule would, each time a feed's next query is due, until no
    feed awaits results; returns how many runs queried something."""
    from django.utils import timezone

    from aliexpress_magento.feeds import selectors
    from aliexpress_magento.feeds.tasks import sync_feeds

    runs = 0
    while True:
        waiting = list(selectors.awaiting_results(account).values_list("next_query_at", flat=True))
        if not waiting:
            return runs
        known = [w for w in waiting if w is not None]
        wait = (min(known) - timezone.now()).total_seconds() if len(known) == len(waiting) else 0
        if wait > 0:
            time.sleep(wait + 0.01)
        sync_feeds.apply(kwargs={"account_id": account.pk})
        runs += 1


def initial_listing(account: Any, ids: list[int]) -> dict[str, float]:
    """Image(s) Upload, Validate & Upload, then the feeds sync until no feed awaits results: the
    seconds since the start at the end of each (``BENCH_PROFILE=upload_images`` or ``validate_upload``
    runs that action under cProfile, its top 40 by cumulative time to stderr)."""
    started, cpu = time.perf_counter(), cpu_seconds()
    phases: dict[str, float] = {"rss_setup": peak_rss_mb()}
    for action in ("upload_images", "validate_upload"):
        _profiled(action, lambda: mass_action(account, action, ids))  # noqa: B023 - called at once
        phases[action] = time.perf_counter() - started
        phases[f"rss_{action}"], phases[f"cpu_{action}"] = peak_rss_mb(), cpu_seconds() - cpu
    phases["sync_runs"] = sync_until_settled(account)
    phases["seconds"] = time.perf_counter() - started
    phases["rss_sync"], phases["cpu_sync"] = peak_rss_mb(), cpu_seconds() - cpu
    return phases


def cpu_seconds() -> float:
    """This process's CPU time: on a shared machine, steadier than the wall clock."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _profiled(phase: str, run: Callable[[], Any]) -> None:
    if os.environ.get("BENCH_PROFILE") != phase:
        run()
        return
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.runcall(run)
    pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
