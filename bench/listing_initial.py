"""Initial listing of N SKUs from the Magento 2 sandbox into the AliExpress sandbox (issue 13, Measure).

Run: ``.venv/bin/python bench/listing_initial.py [skus ...] [--budget 50] [--feed-delay 30]``
(default 100000; N SKUs = N/5 configurables x 5 colour-and-size children, one distinct image per
configurable). For each size, both sandboxes start as their own processes (the AliExpress one with a
call budget of ``--budget`` calls/s — over it, it answers the rate-limit error — and a feed delay of
``--feed-delay`` s), then a worker process of this script, with a fresh SQLite database:

1. set up, not timed nor counted: the account (its AliExpress budget = the sandbox's; no daily quota),
   authorized; the catalog mirrored; the Shirts profile (colour x size) with every configurable assigned;
2. timed, every HTTP attempt counted at the client: the Image(s) Upload mass action, then Validate &
   Upload (``bulk.run``: the real services), then the feeds.sync job run each time a feed's next query is
   due, until no feed awaits results.

Figures: AliExpress calls made against the minimum — ⌈configurables ÷ Feed Size⌉ feeds x (1 submit +
1 query, once the delay is over) + distinct images (target ≤ 1.05 x); wall time against calls made ÷
budget + the feed delay (target ≤ 1.1 x); the worker's peak RSS (target: within 20 % from 10k to
100k). Listings live at the end must be every configurable.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from collections import Counter
from typing import Any

from listing_harness import (
    CHILDREN,
    Counting,
    django_setup,
    initial_listing,
    peak_rss_mb,
    run_worker,
    sandboxes,
    serve_aliexpress,
    serve_magento,
    setup,
)

AE_KINDS = ("uploadimageforsdk", "feed.submit", "feed.query")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000])
    parser.add_argument("--budget", type=int, default=50, help="AliExpress calls per second")
    parser.add_argument("--feed-delay", type=float, default=30.0, help="the sandbox's feed delay, s")
    parser.add_argument("--families", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--serve-magento", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--serve-aliexpress", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", nargs=3, help=argparse.SUPPRESS)
    return parser.parse_args()


def work(magento: str, aliexpress: str, code: str, budget: int) -> dict[str, Any]:
    """The worker process: set up, then list everything, counted and timed."""
    from aliexpress_magento.accounts import api_clients
    from aliexpress_magento.feeds.models import Feed
    from aliexpress_magento.listings.models import Listing, ListingSku, PhotobankImage
    from aliexpress_magento.profiles.models import ProfileProduct

    counting = Counting()
    with api_clients.route_to(aliexpress, counting), api_clients.route_to(magento, counting):
        started = time.perf_counter()
        account, profile = setup(magento, aliexpress, code, budget)
        setup_seconds = time.perf_counter() - started
        ids = list(ProfileProduct.objects.filter(profile=profile).values_list("product_id", flat=True))
        counting.calls.clear()
        phases = initial_listing(account, ids)
    live = Listing.objects.filter(account=account, status="live")
    return {
        "configurables": len(ids),
        "setup_seconds": setup_seconds,
        "seconds": phases["seconds"],
        "phases": phases,
        "sync_runs": phases["sync_runs"],
        "calls": dict(counting.calls),
        "feeds": Feed.objects.filter(account=account).count(),
        "feed_size": account.feed_size,
        "images": PhotobankImage.objects.filter(account=account).count(),
        "live": live.count(),
        "live_skus": ListingSku.objects.filter(listing__in=live).count(),
        "statuses": dict(Counter(Listing.objects.filter(account=account).values_list("status", flat=True))),
        "peak_rss_mb": peak_rss_mb(),
    }


def report(skus: int, budget: int, delay: float, result: dict[str, Any], load: float) -> list[str]:
    calls = result["calls"]
    ae = {k: v for k, v in calls.items() if not k.startswith("magento")}
    made = sum(v for k, v in ae.items() if "refused" not in k)  # a refused attempt is counted in both
    configurables = result["configurables"]
    feeds_min = math.ceil(configurables / result["feed_size"])
    minimum = 2 * feeds_min + configurables  # one image per configurable
    ideal = made / budget + delay
    phases = result["phases"]
    return [
        f"{skus:,} SKUs ({configurables:,} configurables x {CHILDREN}), budget {budget} calls/s, feed delay "
        f"{delay:.0f} s, load {load:.1f}: set-up (mirror, profile, assign) {result['setup_seconds']:.0f} s",
        f"  AliExpress calls made   {made:>8,}   {json.dumps(ae, sort_keys=True)}",
        f"  minimum                 {minimum:>8,}   ({feeds_min} feeds x (submit + query) + "
        f"{configurables:,} images); ratio {made / minimum:.3f} (target ≤ 1.05)",
        f"  feeds submitted         {result['feeds']:>8,}   (Feed Size {result['feed_size']})",
        f"  Magento calls           {sum(v for k, v in calls.items() if k.startswith('magento')):>8,}   "
        f"{json.dumps({k: v for k, v in calls.items() if k.startswith('magento')}, sort_keys=True)}",
        f"  wall time               {result['seconds']:>8.1f} s (images {phases['upload_images']:.1f} s, "
        f"+ validate & upload {phases['validate_upload'] - phases['upload_images']:.1f} s, + feeds sync "
        f"{result['seconds'] - phases['validate_upload']:.1f} s in {result['sync_runs']:.0f} runs)",
        f"  worker CPU              {phases['cpu_sync']:>8.1f} s (images {phases['cpu_upload_images']:.1f} s,"
        " "
        f"validate & upload {phases['cpu_validate_upload'] - phases['cpu_upload_images']:.1f} s, feeds sync "
        f"{phases['cpu_sync'] - phases['cpu_validate_upload']:.1f} s)",
        f"  calls ÷ budget + delay  {ideal:>8.1f} s; ratio {result['seconds'] / ideal:.3f} (target ≤ 1.1)",
        f"  live                    {result['live']:>8,} products, {result['live_skus']:,} SKUs; "
        f"states {json.dumps(result['statuses'])}",
        f"  worker peak RSS         {result['peak_rss_mb']:>8.0f} MB (the peak so far after the set-up "
        f"{phases['rss_setup']:.0f} MB, the images {phases['rss_upload_images']:.0f} MB, validate & upload "
        f"{phases['rss_validate_upload']:.0f} MB, the feeds sync {phases['rss_sync']:.0f} MB)",
    ]


def main() -> None:
    args = arguments()
    if args.serve_magento:
        serve_magento(args.serve_magento, args.families)
        return
    if args.serve_aliexpress:
        serve_aliexpress(args.serve_aliexpress, args.budget, args.feed_delay)
        return
    if args.work:
        with tempfile.TemporaryDirectory() as var:
            django_setup(var)
            print(json.dumps(work(*args.work, budget=args.budget)))
        return
    rss = {}
    for skus in args.sizes:
        families = skus // CHILDREN
        load = os.getloadavg()[0]
        with sandboxes(__file__, families, args.budget, args.feed_delay) as boxes:
            result = run_worker(__file__, boxes, ["--budget", str(args.budget)])
        print("\n".join(report(skus, args.budget, args.feed_delay, result, load)), flush=True)
        rss[skus] = result["peak_rss_mb"]
    if len(rss) > 1:
        low, high = min(rss), max(rss)
        print(f"peak RSS {high:,} vs {low:,} SKUs: {rss[high] / rss[low]:.2f} x (target ≤ 1.2)")


if __name__ == "__main__":
    sys.exit(main())
