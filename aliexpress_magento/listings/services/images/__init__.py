"""Product images to photobank URLs: :func:`photobank_urls` (the batch), :mod:`.fitting` (pure Pillow)."""

from .upload import ImagesResult, photobank_urls

__all__ = ["ImagesResult", "photobank_urls"]
