"""Photobank upload limits: 3 MB, 5000x5000, formats; the file part is not signed."""

from __future__ import annotations

import io
import os
from typing import Any

from PIL import Image

from tests.sandbox.conftest import Api

UPLOAD = "aliexpress.photobank.redefining.uploadimageforsdk"


def image(size: tuple[int, int], fmt: str, noise: bool = False) -> bytes:
    if noise:  # random pixels do not compress: the file stays big
        picture = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        picture = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    picture.save(buffer, fmt)
    return buffer.getvalue()


def upload(api: Api, data: bytes, file_name: str = "shirt.jpg") -> dict[str, Any]:
    values = api.signed(
        api.system(method=UPLOAD, session=api.session, **({"file_name": file_name} if file_name else {}))
    )
    response = api.http.post(
        "/sync", data=values, files={"image_bytes": (file_name or "blob", data, "image/jpeg")}
    )
    result: dict[str, Any] = response.json()["aliexpress_photobank_redefining_uploadimageforsdk_response"][
        "result"
    ]
    return result


def test_a_jpeg_is_stored_and_served_back(api: Api) -> None:
    data = image((800, 600), "JPEG")
    result = upload(api, data)
    assert (result["is_success"], result["status"], result["width"], result["height"]) == (
        True,
        "SUCCESS",
        800,
        600,
    )
    assert result["photobank_url"].startswith("http://sandbox.test/kf/S")
    served = api.http.get(result["photobank_url"])
    assert (served.status_code, served.headers["content-type"], served.content) == (200, "image/jpeg", data)


def test_png_and_gif_are_accepted_at_5000_pixels(api: Api) -> None:
    assert upload(api, image((5000, 10), "PNG"), "wide.png")["is_success"] is True
    assert upload(api, image((10, 10), "GIF"), "tiny.gif")["is_success"] is True


def test_more_than_5000_pixels_is_refused(api: Api) -> None:
    result = upload(api, image((5001, 10), "PNG"), "wide.png")
    assert (result["is_success"], result["error_code"], result["error_message"]) == (
        False,
        "01202014",
        "The image exceeds 5000x5000 pixels",
    )


def test_more_than_3_mb_is_refused(api: Api) -> None:
    data = image((1100, 1000), "PNG", noise=True)
    assert len(data) > 3 * 1024 * 1024
    result = upload(api, data, "noise.png")
    assert (result["is_success"], result["error_code"], result["error_message"]) == (
        False,
        "01202011",
        "The image exceeds 3MB",
    )


def test_other_formats_and_non_images_are_refused(api: Api) -> None:
    for data in (image((20, 20), "BMP"), image((20, 20), "WEBP"), b"not an image"):
        result = upload(api, data, "x.bin")
        assert (result["is_success"], result["error_code"]) == (False, "01202005")


def test_a_missing_or_long_file_name_is_refused(api: Api) -> None:
    values = api.signed(api.system(method=UPLOAD, session=api.session))
    response = api.http.post(
        "/sync", data=values, files={"image_bytes": ("x.png", image((5, 5), "PNG"), "image/png")}
    )
    result = response.json()["aliexpress_photobank_redefining_uploadimageforsdk_response"]["result"]
    assert result["error_code"] == "01202001"
    assert upload(api, image((5, 5), "PNG"), "n" * 257)["error_code"] == "01202012"
