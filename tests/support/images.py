"""Test pictures drawn with Pillow: sizes, formats and contents chosen per test."""

from __future__ import annotations

import io
import os
from typing import Any

from PIL import Image, ImageDraw


def picture(size: tuple[int, int], fmt: str, *, mode: str = "RGB", noise: bool = False, **save: Any) -> bytes:
    """A ``size`` image in ``fmt``: a gradient band on a plain ground (compresses well), or random
    pixels with ``noise`` (does not compress: the file stays big)."""
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (40, 90, 200))
        ImageDraw.Draw(image).rectangle((size[0] // 4, 0, size[0] // 2, size[1]), fill=(240, 140, 30))
    if mode != "RGB":
        image = image.convert(mode)
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
