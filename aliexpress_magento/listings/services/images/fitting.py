"""Fitting an image to the photobank's limits (fact sheet §4.5): pure, bytes in, bytes out, Pillow only.

Limits: at most 3 MB and 5000 x 5000 pixels, formats JPEG, PNG and GIF (the sandbox's list; the legacy
docs name jpg/jpeg/gif, current integrations upload PNG too). An image already within the limits is
sent byte for byte, so the same source always gives the same bytes (and the same cache entry).

With *Auto Image Resizing* on, anything else is made to fit:
- other formats (WEBP, BMP, TIFF …) and GIF become JPEG — a GIF's later frames never show on a product
  page and its 256 colours look poor — and so do CMYK and other non-RGB JPEGs (browsers draw CMYK badly);
  transparency is flattened onto white, the EXIF orientation applied;
- the longest side is scaled down to 5000 px;
- past 3 MB, the JPEG quality is lowered step by step, then the picture is scaled down by a fifth and
  tried again; a PNG that stays too big becomes a JPEG the same way.
Without it, an image outside the limits is refused with a sentence naming the limit.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 3 * 1024 * 1024
MAX_SIDE = 5000
ACCEPTED = frozenset({"JPEG", "PNG", "GIF"})
KEPT_WHEN_RESIZING = frozenset({"JPEG", "PNG"})  # the formats auto resizing sends without converting
# Pillow's decompression-bomb guard is a warning below 2x its limit; an image this large is refused first.
MAX_PIXELS = 100_000_000
JPEG_QUALITIES = (90, 85, 80, 70, 60)
SCALE_STEP = 0.8
_RGB_JPEG_MODES = frozenset({"RGB", "L"})


class ImageProblem(ValueError):
    """Why the image cannot go to the photobank, as the end of a sentence starting with its name."""


@dataclass(frozen=True)
class Fitted:
    content: bytes
    format: str  # "JPEG", "PNG" or "GIF"
    width: int
    height: int
    changed: bool  # re-encoded (False: the source bytes as they were)

    @property
    def extension(self) -> str:
        return {"JPEG": "jpg", "PNG": "png", "GIF": "gif"}[self.format]


def fit(data: bytes, *, resize: bool) -> Fitted:
    """``data`` within the photobank's limits, re-encoded only when ``resize`` allows and it must be."""
    with _opened(data) as image:
        fmt, width, height = str(image.format), image.width, image.height
        problem = _outside_limits(fmt, image, len(data))
        if problem is not None and not resize:
            raise ImageProblem(f"{problem}, and Auto Image Resizing is off")
        try:  # decoded even when sent as it is: a truncated file would show broken on AliExpress
            image.load()
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageProblem(f"could not be read ({exc})") from exc
        if problem is None and not (resize and _worth_converting(fmt, image)):
            return Fitted(data, fmt, width, height, changed=False)
        return _refit(_upright(image), fmt)


def _upright(image: Image.Image) -> Image.Image:
    """The picture turned as its EXIF orientation says; as it is when the EXIF block is unreadable
    (Pillow raises SyntaxError on a malformed one, seen in the wild on edited photos)."""
    try:
        return ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, KeyError, TypeError):
        return image


def _opened(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError) as exc:
        raise ImageProblem("is not an image (JPEG, PNG, GIF, WEBP …)") from exc
    except Image.DecompressionBombError as exc:
        raise ImageProblem(f"has more than {MAX_PIXELS:,} pixels") from exc
    if image.width * image.height > MAX_PIXELS:
        image.close()
        raise ImageProblem(f"is {image.width} x {image.height} pixels: more than {MAX_PIXELS:,} pixels")
    return image


def _outside_limits(fmt: str, image: Image.Image, size: int) -> str | None:
    """Which of the photobank's limits the image breaks, or None."""
    if fmt not in ACCEPTED:
        return f"is a {fmt} image; the photobank takes JPEG, PNG or GIF"
    if image.width > MAX_SIDE or image.height > MAX_SIDE:
        limit = f"{MAX_SIDE} x {MAX_SIDE}"
        return f"is {image.width} x {image.height} pixels; the photobank takes at most {limit}"
    if size > MAX_BYTES:
        return f"is {_mb(size)}; the photobank takes at most {_mb(MAX_BYTES)}"
    return None


def _worth_converting(fmt: str, image: Image.Image) -> bool:
    """Accepted, but better sent as an RGB JPEG when resizing is allowed: a GIF, a CMYK JPEG."""
    return fmt not in KEPT_WHEN_RESIZING or (fmt == "JPEG" and image.mode not in _RGB_JPEG_MODES)


def _refit(image: Image.Image, source_format: str) -> Fitted:
    image = _within_side(image)
    if source_format == "PNG":
        png = _encode(image, "PNG")
        if len(png) <= MAX_BYTES:
            return Fitted(png, "PNG", image.width, image.height, changed=True)
    rgb = _flattened(image)
    for candidate in _shrinking(rgb):
        for quality in JPEG_QUALITIES:
            jpeg = _encode(candidate, "JPEG", quality=quality)
            if len(jpeg) <= MAX_BYTES:
                return Fitted(jpeg, "JPEG", candidate.width, candidate.height, changed=True)
    raise ImageProblem(f"could not be brought under {_mb(MAX_BYTES)}")  # pragma: no cover - 64 px fits


def _within_side(image: Image.Image) -> Image.Image:
    if max(image.size) <= MAX_SIDE:
        return image
    scale = MAX_SIDE / max(image.size)
    size = (_side(image.width * scale), _side(image.height * scale))
    return image.resize(size, Image.Resampling.LANCZOS)


def _side(length: float) -> int:
    return max(1, min(MAX_SIDE, round(length)))


def _shrinking(image: Image.Image) -> Iterator[Image.Image]:
    """The picture, then smaller by a fifth each time, down to 64 px on its longest side."""
    yield image
    while max(image.size) > 64:
        size = (max(1, int(image.width * SCALE_STEP)), max(1, int(image.height * SCALE_STEP)))
        image = image.resize(size, Image.Resampling.LANCZOS)
        yield image


def _flattened(image: Image.Image) -> Image.Image:
    """RGB for JPEG: transparency onto white, palette / CMYK / 16-bit converted."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image if image.mode == "RGB" else image.convert("RGB")


def _encode(image: Image.Image, fmt: str, *, quality: int = 90) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=quality, optimize=True)
    else:
        image.save(out, fmt, optimize=True)
    return out.getvalue()


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
