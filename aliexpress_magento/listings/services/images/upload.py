"""Store images → photobank URLs (issue 13, item 4): download, look up the cache, fit, upload, remember.

Each distinct URL is downloaded (bounded: :func:`accounts.api_clients.media_fetcher`) and hashed. A
source already in :class:`~aliexpress_magento.listings.models.PhotobankImage` is not fitted or uploaded
again; fitted bytes already sent under another source are not uploaded again either (the cache's second
key). A broken image — a 404, an HTML page, a file too big, a refusal by the photobank — becomes an error
naming that image, never an exception: the batch goes on (DESIGN.md §8). When AliExpress refuses the
account itself (the session, the daily call quota), the images left to upload get the same reason without
more calls. Uploads take their calls from the account's budget through the client.

``known``: URLs whose photobank URL the caller already trusts (:func:`known_urls`): neither downloaded
nor uploaded. Image(s) Upload passes none — a merchant asking for it expects each image read again.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote, urlsplit

from django.db.models import QuerySet
from django.utils import timezone

from aliexpress_magento.accounts import api_clients, diagnosis
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services import tokens
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.clients.aliexpress import AliExpressClient
from aliexpress_magento.clients.aliexpress.errors import AliExpressError, AuthError, RateLimitedError
from aliexpress_magento.clients.common.download import Downloaded, Downloader, DownloadError
from aliexpress_magento.listings.models import PhotobankImage

from .fitting import Fitted, ImageProblem, fit

LOG_TYPE = "listing"  # the type every listing entry has (Activity Logs filter by it)
LOG_SUB_TYPE = "images"
MAX_REASONS_LOGGED = 20
_FILE_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class ImagesResult:
    """``urls``: source URL → photobank URL; ``errors``: source URL → a sentence naming the image."""

    urls: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    uploaded: int = 0
    reused: int = 0  # from the cache: no upload

    @property
    def failed(self) -> int:
        return len(self.errors)


class ImageFailure(Exception):
    """The end of a sentence that starts with the image's URL."""


def known_urls(account: Account, fresh_since: Mapping[str, datetime]) -> dict[str, str]:
    """Source URL → photobank URL for each URL of ``fresh_since`` the cache holds and last checked (a
    download found these bytes there) at or after its time: the newest ``mirrored_at`` of the products
    showing it.

    Why a URL may stand for its bytes: a gallery entry is a file path (the recorded stores':
    ``/l/a/lab-s1.png`` under ``…/media/catalog/product``), and Magento's uploader gives a new file of an
    existing name a suffix (``lab-s1_1.png``) rather than overwriting it (from Magento's code; no
    recording shows a replaced image: unsure); a product whose image is replaced gets a new URL in its
    gallery, so a new mirror row. A mirror row written after the check (any mirrored change of the
    product or its children) makes its images be downloaded again. The limit: a file overwritten in
    place outside Magento (FTP, an image optimiser) changes no gallery and no mirror row, so the old
    photobank image goes on being sent until Image(s) Upload reads every image again."""
    entries = PhotobankImage.objects.filter(account=account, source_url__in=list(fresh_since))
    newest = {url: (checked, photobank) for url, checked, photobank in _by_check(entries)}
    return {url: photobank for url, (checked, photobank) in newest.items() if checked >= fresh_since[url]}


def _by_check(entries: QuerySet[PhotobankImage]) -> list[tuple[str, datetime, str]]:
    ordered = entries.order_by("checked_at", "pk")  # the last per URL wins: its bytes there now
    return list(ordered.values_list("source_url", "checked_at", "photobank_url"))


def photobank_urls(
    account: Account, urls: Sequence[str], *, known: Mapping[str, str] | None = None
) -> ImagesResult:
    """The photobank URL of each of ``urls`` (each distinct URL handled once), with per-URL errors;
    one Activity Logs entry for the batch. ``known`` URLs are reused without a download."""
    result = ImagesResult()
    known = known or {}
    for url in dict.fromkeys(u for u in urls if u in known):
        result.urls[url] = known[url]
        result.reused += 1
    distinct = [u for u in dict.fromkeys(urls) if u not in known]
    if not distinct:
        if result.urls:
            _log(account, result)
        return result
    if not distinct:
        return result
    fetcher = api_clients.media_fetcher(account)
    client = api_clients.aliexpress(account, on_token_refreshed=tokens.persist_refreshed(account))
    with closing(fetcher), closing(client):
        batch = _Batch(account, fetcher, client, result)
        for url in distinct:
            batch.resolve(url)
    _log(account, result)
    return result


class _Batch:
    def __init__(
        self, account: Account, fetcher: Downloader, client: AliExpressClient, result: ImagesResult
    ) -> None:
        self.account, self.fetcher, self.client, self.result = account, fetcher, client, result
        self.refused: str | None = None  # AliExpress refused the account: no more uploads

    def resolve(self, url: str) -> None:
        try:
            self.result.urls[url] = self._photobank_url(url)
        except ImageFailure as failure:
            self.result.errors[url] = f"Image {url} {failure}."

    def _photobank_url(self, url: str) -> str:
        downloaded = self._download(url)
        source_hash = hashlib.sha256(downloaded.content).hexdigest()
        cached = PhotobankImage.objects.filter(account=self.account, source_hash=source_hash).first()
        if cached is not None:
            self.result.reused += 1
            if cached.source_url == url:  # this URL still holds these bytes
                PhotobankImage.objects.filter(pk=cached.pk).update(checked_at=timezone.now())
            return cached.photobank_url
        fitted = self._fit(downloaded)
        content_hash = hashlib.sha256(fitted.content).hexdigest()
        sent = PhotobankImage.objects.filter(account=self.account, content_hash=content_hash).first()
        if sent is not None:
            self.result.reused += 1
            photobank_url = sent.photobank_url
        else:
            photobank_url = self._upload(url, fitted)
            self.result.uploaded += 1
        row, _ = PhotobankImage.objects.get_or_create(  # a concurrent batch may have stored it meanwhile
            account=self.account,
            source_hash=source_hash,
            defaults={
                "source_url": url,
                "content_hash": content_hash,
                "photobank_url": photobank_url,
                "width": fitted.width,
                "height": fitted.height,
                "size_bytes": len(fitted.content),
            },
        )
        return row.photobank_url

    def _download(self, url: str) -> Downloaded:
        try:
            return self.fetcher.get(url)
        except DownloadError as exc:
            raise ImageFailure(str(exc)) from exc

    def _fit(self, downloaded: Downloaded) -> Fitted:
        try:
            return fit(downloaded.content, resize=self.account.auto_image_resizing)
        except ImageProblem as exc:
            sent_type = downloaded.content_type.split(";")[0].strip()
            if str(exc).startswith("is not an image") and sent_type and not sent_type.startswith("image/"):
                raise ImageFailure(f"is not an image (the server sent {sent_type})") from exc
            raise ImageFailure(str(exc)) from exc
        except Exception as exc:  # a decoder's own failure on hostile bytes: this image's, not the batch's
            raise ImageFailure(f"could not be read as an image ({type(exc).__name__}: {exc})") from exc

    def _upload(self, url: str, fitted: Fitted) -> str:
        if self.refused is not None:
            raise ImageFailure(f"was not uploaded: {self.refused}")
        try:
            uploaded = self.client.photobank.upload(file_name(url, fitted.extension), fitted.content)
        except AliExpressError as exc:
            reason = diagnosis.explain(exc, self.account.api_base_url).rstrip(".")
            if isinstance(exc, AuthError | RateLimitedError):
                self.refused = reason
            raise ImageFailure(f"was not uploaded to the photobank: {reason}") from exc
        if not uploaded.photobank_url:
            raise ImageFailure(f"was not uploaded: the photobank answered {uploaded.status or 'no URL'}")
        return uploaded.photobank_url


def file_name(url: str, extension: str) -> str:
    """The photobank's file name: the source's own name (readable in the photobank), its extension the
    format actually sent (the client picks the part's content type from it)."""
    base = posixpath.basename(unquote(urlsplit(url).path))
    stem = _FILE_NAME_CHARS.sub("-", base.rsplit(".", 1)[0]).strip("-.") or "image"
    return f"{stem[:200]}.{extension}"


def _log(account: Account, result: ImagesResult) -> None:
    counts = (
        f"{result.uploaded} uploaded to the photobank, {result.reused} reused from the cache, "
        f"{result.failed} failed"
    )
    reasons = list(result.errors.values())
    if len(reasons) > MAX_REASONS_LOGGED:
        reasons = [*reasons[:MAX_REASONS_LOGGED], f"… and {len(reasons) - MAX_REASONS_LOGGED} more."]
    level = Level.SUCCESS if not reasons else Level.WARNING if result.urls else Level.ERROR
    comment = f"Images: {counts}." + ("\n" + "\n".join(reasons) if reasons else "")
    record(level, LOG_TYPE, comment, sub_type=LOG_SUB_TYPE, account_id=account.pk)
