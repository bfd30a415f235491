"""Photobank area (fact sheet §4.5): ``aliexpress.photobank.redefining.uploadimageforsdk``.

No sample answer exists for this method; the fields follow the IOP SDK model (``is_success``) and the
sibling ``uploadimage`` doc page (``success``): both flags are read. Limits are checked before sending.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import envelope
from .envelope import Json
from .gateway import Gateway
from .params import FilePart

UPLOAD = "aliexpress.photobank.redefining.uploadimageforsdk"
MAX_BYTES = 3 * 1024 * 1024
MAX_FILE_NAME = 256
_CONTENT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif"}


@dataclass(frozen=True)
class UploadedImage:
    photobank_url: str
    file_name: str
    width: int | None
    height: int | None
    status: str


def parse_upload(payload: Json) -> UploadedImage:
    result = envelope.obj(payload, "result")
    return UploadedImage(
        photobank_url=envelope.text(result, "photobank_url"),
        file_name=envelope.text(result, "file_name"),
        width=envelope.ident(result, "width"),
        height=envelope.ident(result, "height"),
        status=envelope.text(result, "status"),
    )


class Photobank:
    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    def upload(self, file_name: str, image: bytes, *, group_id: str | None = None) -> UploadedImage:
        """Multipart: ``image_bytes`` is the file part (not signed); ``file_name`` and ``group_id`` are
        signed form fields. Not re-sent after a possible delivery (it would store a duplicate)."""
        if len(image) > MAX_BYTES:
            raise ValueError(f"image is {len(image)} bytes; the photobank takes at most {MAX_BYTES}")
        if not 0 < len(file_name) <= MAX_FILE_NAME:
            raise ValueError(f"file_name must be 1..{MAX_FILE_NAME} characters")
        extension = file_name.rsplit(".", 1)[-1].lower()
        part = FilePart(file_name, image, _CONTENT_TYPES.get(extension, "application/octet-stream"))
        payload = self._gateway.call(
            UPLOAD,
            {"file_name": file_name, "group_id": group_id},
            files={"image_bytes": part},
            idempotent=False,
        )
        return parse_upload(payload)
