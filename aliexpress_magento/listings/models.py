"""The listing engine's rows. So far: the photobank cache (issue 13, item 4)."""

from __future__ import annotations

from django.db import models


class PhotobankImage(models.Model):
    """One source image of the store, uploaded once to the account's photobank.

    Keyed by ``source_hash`` (the downloaded bytes), so a source seen again is neither resized nor
    uploaded again, whatever URL it came from. ``content_hash`` is of the bytes sent (after resizing):
    two sources that fit to the same bytes share one upload. AliExpress serves the photobank URL for as
    long as the image stays in the seller's photobank.
    """

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    source_hash = models.CharField("Source SHA-256", max_length=64)
    source_url = models.URLField("Source URL", max_length=2000)  # where it was first downloaded from
    content_hash = models.CharField("Sent SHA-256", max_length=64)
    photobank_url = models.URLField("Photobank URL", max_length=2000)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size_bytes = models.PositiveIntegerField("Size (bytes)")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "photobank image"
        constraints = [
            models.UniqueConstraint(fields=("account", "source_hash"), name="photobank_image_unique_source")
        ]
        indexes = [models.Index(fields=("account", "content_hash"), name="photobank_image_content")]

    def __str__(self) -> str:
        return self.photobank_url
