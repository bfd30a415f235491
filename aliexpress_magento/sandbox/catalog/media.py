"""Media gallery entries and the image files behind them, drawn with Pillow on first request.

Files live under ``<base_media_url>catalog/product/<file>``, ``file`` being ``/<c1>/<c2>/<name>.png`` as
Magento's dispersion path builds it. Images are small (96x96 PNG): enough for a client to download,
hash and resize; cached in memory, never persisted.
"""

from __future__ import annotations

import io
import zlib
from functools import lru_cache

from PIL import Image, ImageDraw

from aliexpress_magento.sandbox.catalog import attributes as attrs
from aliexpress_magento.sandbox.catalog.model import Product

PALETTE = {
    "Blue": (40, 90, 200), "Red": (200, 40, 40), "Black": (20, 20, 20), "White": (240, 240, 240),
    "Green": (40, 160, 80), "Yellow": (230, 200, 40), "Grey": (128, 128, 128), "Pink": (240, 150, 190),
    "Navy": (20, 30, 90), "Orange": (240, 140, 30),
}  # fmt: skip
ROLES = ["image", "small_image", "thumbnail"]


def slug(text: str) -> str:
    kept = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in kept.split("-") if part)


def file_name(product: Product, n: int) -> str:
    name = f"{slug(product.sku)}-{n}.png"
    return f"/{name[0]}/{name[1]}/{name}"


def entries(product: Product) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for n in range(1, product.images + 1):
        found.append(
            {
                "id": product.id * 10 + n,
                "media_type": "image",
                "label": f"{product.name} {n}",
                "position": n,
                "disabled": False,
                "types": ROLES if n == 1 else [],
                "file": file_name(product, n),
            }
        )
    return found


@lru_cache(maxsize=512)
def render(file: str, color_name: str) -> bytes:
    """A 96x96 PNG tinted by the product's color, with a stripe that differs per file."""
    base = PALETTE.get(color_name, (150, 120, 90))
    image = Image.new("RGB", (96, 96), base)
    draw = ImageDraw.Draw(image)
    offset = zlib.crc32(file.encode()) % 64
    draw.rectangle((offset, 0, offset + 24, 95), fill=tuple(255 - c for c in base))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def color_of(product: Product) -> str:
    option = product.option("color")
    return attrs.BY_CODE["color"].option_label(option) if option else ""
