"""Store images to photobank URLs: downloaded from the Magento sandbox's media URL, fitted, uploaded to the
AliExpress sandbox's photobank once per content, errors per image (issue 13, item 4)."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
from PIL import Image

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.listings.models import PhotobankImage
from aliexpress_magento.listings.services.images.upload import photobank_urls
from tests.flow.listings.conftest import EXTRA, UPLOAD, StoreMedia
from tests.support.images import opened, picture


def described(text: str) -> bytes:
    exif = Image.Exif()
    exif[0x010E] = text  # ImageDescription
    return exif.tobytes()


def mirrored_image_urls(account: Account) -> list[str]:
    refresh.refresh(account, full=True, taxonomy=False)
    product = next(p for p in CatalogProduct.objects.filter(account=account) if len(p.images) >= 2)
    return [image["url"] for image in product.images]


@pytest.mark.parametrize("media", ["magento2", "magento1"], indirect=True)
def test_mirrored_images_are_uploaded_once_then_come_from_the_cache(
    account: Account, ae_calls: Counter[str], media: StoreMedia, photobank: httpx.Client
) -> None:
    urls = mirrored_image_urls(account)
    assert all(url.startswith("https://shop.sandbox.test/media/catalog/product/") for url in urls)

    first = photobank_urls(account, [*urls, urls[0]])  # the same image twice in one batch

    assert (first.uploaded, first.reused, first.errors, ae_calls[UPLOAD]) == (len(urls), 0, {}, len(urls))
    assert list(first.urls) == urls
    with httpx.Client(transport=httpx.WSGITransport(app=media)) as store:
        for url, photobank_url in first.urls.items():  # within the limits: sent byte for byte
            assert photobank.get(photobank_url).content == store.get(url).content
            assert opened(store.get(url).content).format == "PNG"
    assert {row.source_url for row in PhotobankImage.objects.filter(account=account)} == set(urls)

    second = photobank_urls(account, urls)

    assert (second.uploaded, second.reused, second.urls, ae_calls[UPLOAD]) == (
        0,
        len(urls),
        first.urls,
        len(urls),
    )


def test_two_urls_with_the_same_bytes_upload_once(
    account: Account, ae_calls: Counter[str], media: StoreMedia
) -> None:
    data = picture((400, 300), "JPEG")
    a, b = media.put("front.jpg", data, "image/jpeg"), media.put("copy-of-front.jpg", data, "image/jpeg")

    result = photobank_urls(account, [a, b])

    assert (result.uploaded, result.reused, ae_calls[UPLOAD]) == (1, 1, 1)
    assert result.urls[a] == result.urls[b]
    assert PhotobankImage.objects.filter(account=account).count() == 1


def test_two_sources_that_fit_to_the_same_bytes_share_one_upload(
    account: Account, ae_calls: Counter[str], media: StoreMedia
) -> None:
    # The same WEBP picture with different metadata: two sources, one JPEG once converted.
    a = media.put("a.webp", picture((120, 80), "WEBP", lossless=True, exif=described("one")), "image/webp")
    b = media.put("b.webp", picture((120, 80), "WEBP", lossless=True, exif=described("two")), "image/webp")

    result = photobank_urls(account, [a, b])

    assert (result.uploaded, result.reused, ae_calls[UPLOAD]) == (1, 1, 1)
    rows = PhotobankImage.objects.filter(account=account)
    assert len({row.source_hash for row in rows}) == 2
    assert len({row.content_hash for row in rows}) == 1


def test_a_6000_by_4000_png_is_resized_within_the_limits(
    account: Account, ae_calls: Counter[str], media: StoreMedia, photobank: httpx.Client
) -> None:
    url = media.put("huge.png", picture((6000, 4000), "PNG"))

    result = photobank_urls(account, [url])

    assert (result.errors, result.uploaded, ae_calls[UPLOAD]) == ({}, 1, 1)
    stored = opened(photobank.get(result.urls[url]).content)
    assert (stored.format, stored.size) == ("PNG", (5000, 3333))
    row = PhotobankImage.objects.get(account=account)
    assert (row.width, row.height, row.photobank_url) == (5000, 3333, result.urls[url])

    # Known by its source bytes, it is neither fitted again nor uploaded again, resizing on or off.
    account.auto_image_resizing = False
    account.save()
    again = photobank_urls(account, [url])
    assert (again.urls, again.errors, again.reused, ae_calls[UPLOAD]) == (result.urls, {}, 1, 1)


def test_a_webp_is_converted_to_jpeg(account: Account, media: StoreMedia, photobank: httpx.Client) -> None:
    url = media.put("side.webp", picture((640, 480), "WEBP"), "image/webp")

    result = photobank_urls(account, [url])

    assert result.urls[url].endswith(".jpg")
    served = photobank.get(result.urls[url])
    assert (served.headers["content-type"], opened(served.content).size) == ("image/jpeg", (640, 480))


def test_broken_images_get_an_error_naming_them_and_the_batch_goes_on(
    account: Account, ae_calls: Counter[str], media: StoreMedia
) -> None:
    good = media.put("good.png", picture((200, 200), "PNG"))
    missing = f"https://shop.sandbox.test{EXTRA}missing.png"
    page = media.put("page.png", b"<html><body>Welcome to our shop</body></html>", "text/html; charset=UTF-8")
    not_http = "ftp://shop.sandbox.test/media/x.png"

    result = photobank_urls(account, [missing, good, page, not_http])

    assert list(result.urls) == [good]
    assert result.errors == {
        missing: f"Image {missing} answered HTTP 404.",
        page: f"Image {page} is not an image (the server sent text/html).",
        not_http: f"Image {not_http} is not an http or https URL.",
    }
    assert (result.uploaded, result.failed, ae_calls[UPLOAD]) == (1, 3, 1)
    entry = ActivityLog.objects.get(log_type="listing", log_sub_type="images")
    assert (entry.level, entry.account_id) == ("warning", account.pk)
    assert entry.comment == "\n".join(
        [
            "Images: 1 uploaded to the photobank, 0 reused from the cache, 3 failed.",
            f"Image {missing} answered HTTP 404.",
            f"Image {page} is not an image (the server sent text/html).",
            f"Image {not_http} is not an http or https URL.",
        ]
    )


def test_a_redirect_is_followed_on_the_store_host_only(
    account: Account, ae_calls: Counter[str], media: StoreMedia
) -> None:
    media.put("moved.png", picture((100, 100), "PNG"))
    inside = media.redirect("old.png", f"{EXTRA}moved.png")
    outside = media.redirect("elsewhere.png", "https://images.example.net/moved.png")

    result = photobank_urls(account, [inside, outside])

    assert result.errors == {
        outside: f"Image {outside} redirects to another host (images.example.net), which is refused."
    }
    assert (list(result.urls), ae_calls[UPLOAD]) == ([inside], 1)
    assert media.downloads[f"{EXTRA}moved.png"] == 1


def test_a_file_over_20_mb_is_not_downloaded(account: Account, media: StoreMedia) -> None:
    url = media.put("enormous.png", b"\x89PNG" + bytes(21 * 1024 * 1024))

    result = photobank_urls(account, [url])

    assert result.errors == {url: f"Image {url} is larger than 20 MB and was not downloaded."}


def test_without_auto_resizing_an_oversize_image_is_an_error(
    account: Account, ae_calls: Counter[str], media: StoreMedia
) -> None:
    account.auto_image_resizing = False
    account.save()
    url = media.put("huge.png", picture((6000, 4000), "PNG"))

    result = photobank_urls(account, [url])

    assert result.errors == {
        url: f"Image {url} is 6000 x 4000 pixels; the photobank takes at most 5000 x 5000, "
        "and Auto Image Resizing is off."
    }
    assert (result.urls, ae_calls[UPLOAD], PhotobankImage.objects.count()) == ({}, 0, 0)
    assert ActivityLog.objects.get(log_sub_type="images").level == "error"


def test_once_the_daily_call_quota_is_spent_the_rest_wait_without_calls(
    authorized: tuple[Account, int], ae_calls: Counter[str], media: StoreMedia
) -> None:
    account, spent = authorized
    account.aliexpress_daily_quota = spent + 1  # room for one upload
    account.save()
    urls = [media.put(f"p{n}.png", picture((50 + n, 50), "PNG")) for n in range(3)]

    result = photobank_urls(account, urls)

    assert (list(result.urls), result.uploaded, ae_calls[UPLOAD]) == ([urls[0]], 1, 1)
    assert list(result.errors) == urls[1:]
    reason = f"AliExpress error call-quota: daily call quota of {spent + 1} spent; it starts again in "
    assert result.errors[urls[1]].startswith(f"Image {urls[1]} was not uploaded to the photobank: {reason}")
    assert result.errors[urls[2]].startswith(f"Image {urls[2]} was not uploaded: {reason}")
