"""A WSGI app served on a real local port in a thread, for code that must reach it over HTTP (a browser,
``scripts/run``'s demo set-up)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from werkzeug.serving import make_server


def serve(app: Any) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    thread.join(timeout=5)
