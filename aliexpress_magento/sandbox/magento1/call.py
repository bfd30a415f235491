"""What a resource handler sees of one API call (``Call``, as in the other two sandboxes): the world, the
time and the URL the caller reached."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aliexpress_magento.sandbox.magento1.values import stamp
from aliexpress_magento.sandbox.magento1.world import World

Handler = Callable[..., Any]


@dataclass
class Call:
    world: World
    now: float
    base_url: str  # "http://host:port/" as the caller reached us (media URLs are built from it)

    @property
    def stamp(self) -> str:
        return stamp(self.now)


@dataclass(frozen=True)
class Method:
    resource: str  # the canonical resource name: its faults are looked up under it
    handler: Handler
