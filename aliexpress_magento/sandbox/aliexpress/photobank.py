"""``aliexpress.photobank.redefining.uploadimageforsdk`` (multipart ``image_bytes``).

Limits: 3 MB, 5000x5000 px, formats JPEG/PNG/GIF (the legacy docs list jpg/jpeg/gif; png is accepted,
as most current integrations upload it). Error codes are the legacy AOP ones (fact sheet §4.5);
``01202014`` for oversized dimensions is synthesized. Failures answer ``result.is_success=false``.
Uploaded bytes are served back at ``/kf/<name>`` (kept in memory only, not in the state file).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from aliexpress_magento.sandbox.aliexpress.call import Call, JsonDict

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World

MAX_BYTES = 3 * 1024 * 1024
MAX_SIDE = 5000
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif"}
TOTAL_MB = 6144.0
ERRORS = {
    "01202001": "fileName is required",
    "01202005": "Unsupported image format: only jpg, jpeg, png and gif are allowed",
    "01202011": "The image exceeds 3MB",
    "01202012": "fileName exceeds 256 characters",
    "01202014": "The image exceeds 5000x5000 pixels",
}


@dataclass(frozen=True)
class Stored:
    name: str
    data: bytes
    content_type: str


def _failure(code: str, file_name: str) -> JsonDict:
    return {
        "result": {
            "is_success": False,
            "status": "FAILED",
            "error_code": code,
            "error_message": ERRORS[code],
            "file_name": file_name,
        }
    }


def _probe(data: bytes) -> tuple[str, int, int] | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            return str(image.format), image.width, image.height
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None


def upload(world: World, call: Call) -> JsonDict:
    storage = call.files.get("image_bytes")
    file_name = call.text("file_name")  # the API parameter; the multipart part's own name does not count
    if not file_name:
        return _failure("01202001", "")
    if len(file_name) > 256:
        return _failure("01202012", file_name)
    data = storage.read() if storage is not None else b""
    if len(data) > MAX_BYTES:
        return _failure("01202011", file_name)
    probed = _probe(data)
    if probed is None or probed[0] not in FORMATS:
        return _failure("01202005", file_name)
    _, width, height = probed
    if width > MAX_SIDE or height > MAX_SIDE:
        return _failure("01202014", file_name)
    return _stored(world, call, data, file_name, probed)


def _stored(world: World, call: Call, data: bytes, file_name: str, probed: tuple[str, int, int]) -> JsonDict:
    image_format, width, height = probed
    name = f"S{hashlib.sha1(data).hexdigest()}.{FORMATS[image_format]}"  # noqa: S324 - a content name, not security
    world.images[name] = Stored(name, data, f"image/{FORMATS[image_format].replace('jpg', 'jpeg')}")
    world.photobank_used_bytes += len(data)
    return {
        "result": {
            "is_success": True,
            "status": "SUCCESS",
            "photobank_url": f"{call.host_url}kf/{name}",
            "file_name": file_name,
            "width": width,
            "height": height,
            "photobank_total_size": f"{TOTAL_MB:.2f}",
            "photobank_used_size": f"{world.photobank_used_bytes / 1024 / 1024:.2f}",
        }
    }


METHODS = {"aliexpress.photobank.redefining.uploadimageforsdk": upload}
