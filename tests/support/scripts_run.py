"""scripts/run started as a merchant starts it, for the tests that need the whole service: its own
var/ directory and ports, on the embedded defaults (SQLite, the SQLite broker) whatever database the suite
uses; stopped with "Ctrl-C" (SIGINT to its process group)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CREDENTIALS = re.compile(r"Log in at (\S+)  user: (\S+)  password: (\S+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def service(
    var_dir: Path, port: int, sandbox_ports: tuple[int, int, int]
) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    """Start scripts/run in its own process group; on exit press "Ctrl-C" (SIGINT to the group)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    env.update(
        VAR_DIR=str(var_dir),
        PORT=str(port),
        ALIEXPRESS_SANDBOX_PORT=str(sandbox_ports[0]),
        MAGENTO2_SANDBOX_PORT=str(sandbox_ports[1]),
        MAGENTO1_SANDBOX_PORT=str(sandbox_ports[2]),
    )
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "run")],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    lines: list[str] = []
    try:
        yield process, lines
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)


def read_until_up(process: subprocess.Popen[str], lines: list[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if "==> web UI on" in line:
            return
    raise AssertionError("scripts/run stopped before the web UI came up:\n" + "".join(lines))


def wait_healthy(port: int, path: str = "/healthz") -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nothing answered on port {port}")


def credentials(lines: list[str]) -> tuple[str, str, str, str]:
    found = [(line, CREDENTIALS.search(line)) for line in lines]
    matches = [(line, m) for line, m in found if m]
    assert len(matches) == 1, "".join(lines)
    line, match = matches[0]
    return line, match.group(1), match.group(2), match.group(3)


def drain(process: subprocess.Popen[str], log: Path) -> threading.Thread:
    """Keep reading scripts/run's output into ``log`` (a test artifact): a pipe nobody reads fills up and
    blocks every process of the service on its next log line."""
    assert process.stdout is not None
    stdout = process.stdout

    def copy() -> None:
        with log.open("a") as out:
            for line in stdout:
                out.write(line)
                out.flush()

    thread = threading.Thread(target=copy, name="scripts-run-output", daemon=True)
    thread.start()
    return thread
