"""Product images to photobank URLs: :mod:`.upload` (the batch, Django) and :mod:`.fitting` (pure Pillow,
importable without Django: nothing is re-exported here)."""
