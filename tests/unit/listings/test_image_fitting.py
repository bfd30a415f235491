"""fit(): an image brought within the photobank's limits (3 MB, 5000 x 5000, JPEG/PNG/GIF), or refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from aliexpress_magento.listings.services.images.fitting import MAX_BYTES, ImageProblem, fit
from tests.support.images import opened, picture


def test_an_image_within_the_limits_is_sent_byte_for_byte() -> None:
    data = picture((800, 600), "JPEG")
    fitted = fit(data, resize=True)
    assert (fitted.content, fitted.format, fitted.width, fitted.height, fitted.changed) == (
        data,
        "JPEG",
        800,
        600,
        False,
    )


def test_a_6000_by_4000_png_is_scaled_to_5000_on_its_longest_side_and_stays_png() -> None:
    fitted = fit(picture((6000, 4000), "PNG"), resize=True)
    sent = opened(fitted.content)
    assert (fitted.format, fitted.width, fitted.height, fitted.changed) == ("PNG", 5000, 3333, True)
    assert (sent.format, sent.size) == ("PNG", (5000, 3333))
    assert len(fitted.content) <= MAX_BYTES


def test_a_tall_image_is_scaled_on_its_height() -> None:
    fitted = fit(picture((1000, 7000), "JPEG"), resize=True)
    assert (fitted.width, fitted.height) == (714, 5000)


def test_a_webp_becomes_a_jpeg_of_the_same_size() -> None:
    fitted = fit(picture((300, 200), "WEBP"), resize=True)
    sent = opened(fitted.content)
    assert (fitted.format, fitted.extension, sent.format, sent.mode, sent.size) == (
        "JPEG",
        "jpg",
        "JPEG",
        "RGB",
        (300, 200),
    )


def test_a_gif_and_a_cmyk_jpeg_become_rgb_jpegs_when_resizing_is_on() -> None:
    for data in (picture((64, 64), "GIF"), picture((64, 64), "JPEG", mode="CMYK")):
        sent = opened(fit(data, resize=True).content)
        assert (sent.format, sent.mode) == ("JPEG", "RGB")


def test_transparency_is_flattened_onto_white_when_a_png_must_become_a_jpeg() -> None:
    image = Image.new("RGBA", (40, 40), (0, 0, 0, 0))  # fully transparent
    out = io.BytesIO()
    image.save(out, "WEBP", lossless=True)
    sent = opened(fit(out.getvalue(), resize=True).content)
    assert (sent.format, sent.getpixel((20, 20))) == ("JPEG", (255, 255, 255))


def test_a_jpeg_over_3_mb_is_brought_under_it() -> None:
    data = picture((1800, 1800), "JPEG", noise=True, quality=100)
    assert len(data) > MAX_BYTES
    fitted = fit(data, resize=True)
    assert (fitted.format, fitted.changed) == ("JPEG", True)
    assert len(fitted.content) <= MAX_BYTES
    assert opened(fitted.content).size == (fitted.width, fitted.height)


def test_a_png_over_3_mb_becomes_a_jpeg_under_it() -> None:
    data = picture((1100, 1000), "PNG", noise=True)
    assert len(data) > MAX_BYTES
    fitted = fit(data, resize=True)
    assert (fitted.format, len(fitted.content) <= MAX_BYTES) == ("JPEG", True)


def test_without_auto_resizing_an_image_outside_the_limits_is_refused_naming_the_limit() -> None:
    cases = {
        picture((6000, 4000), "PNG"): "is 6000 x 4000 pixels; the photobank takes at most 5000 x 5000, "
        "and Auto Image Resizing is off",
        picture((30, 30), "WEBP"): "is a WEBP image; the photobank takes JPEG, PNG or GIF, "
        "and Auto Image Resizing is off",
    }
    for data, message in cases.items():
        with pytest.raises(ImageProblem) as refused:
            fit(data, resize=False)
        assert str(refused.value) == message


def test_without_auto_resizing_accepted_formats_within_the_limits_go_as_they_are() -> None:
    for fmt in ("JPEG", "PNG", "GIF"):
        data = picture((50, 40), fmt)
        assert fit(data, resize=False).content == data


def test_what_is_not_an_image_is_refused() -> None:
    with pytest.raises(ImageProblem) as refused:
        fit(b"<html><body>Not found</body></html>", resize=True)
    assert str(refused.value) == "is not an image (JPEG, PNG, GIF, WEBP …)"


def test_a_malformed_exif_block_does_not_stop_the_conversion() -> None:
    data = picture((40, 30), "WEBP", exif=b"Exif\x00\x00not-a-tiff-header")
    sent = opened(fit(data, resize=True).content)
    assert (sent.format, sent.size) == ("JPEG", (40, 30))


def test_a_truncated_image_is_refused_as_unreadable_even_within_the_limits() -> None:
    data = picture((400, 300), "PNG", noise=True)
    for resize in (True, False):
        with pytest.raises(ImageProblem) as refused:
            fit(data[: len(data) // 2], resize=resize)
        assert str(refused.value).startswith("could not be read (")
