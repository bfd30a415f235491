"""scripts/run, the README's first command, as a merchant runs it: twice, then Ctrl-C.

It runs against a fresh var/ directory on the embedded defaults, whatever database the suite uses.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CREDENTIALS = re.compile(r"Log in at (\S+)  user: (\S+)  password: (\S+)")

pytestmark = pytest.mark.worker


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _service(
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


def _read_until_up(process: subprocess.Popen[str], lines: list[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if "==> web UI on" in line:
            return
    raise AssertionError("scripts/run stopped before the web UI came up:\n" + "".join(lines))


def _wait_healthy(port: int, path: str = "/healthz") -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nothing answered on port {port}")


def _log_in_and_open(port: int, username: str, password: str, path: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    login_page = opener.open(f"{base}/admin/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page)
    assert token is not None
    form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password, "next": path}
    request = urllib.request.Request(
        f"{base}/admin/login/", data=urllib.parse.urlencode(form).encode(), headers={"Referer": base}
    )
    with opener.open(request) as response:
        return response.read().decode()


def _credentials(lines: list[str]) -> tuple[str, str, str, str]:
    found = [(line, CREDENTIALS.search(line)) for line in lines]
    matches = [(line, m) for line, m in found if m]
    assert len(matches) == 1, "".join(lines)
    line, match = matches[0]
    return line, match.group(1), match.group(2), match.group(3)


def _group_is_gone(pgid: int) -> bool:
    """True once no process of the group is left (grandchildren get a moment to be reaped)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def test_run_twice_keeps_one_admin_and_the_data_then_ctrl_c_stops_everything(tmp_path: Path) -> None:
    port, sandbox_ports = _free_port(), (_free_port(), _free_port(), _free_port())
    with _service(tmp_path, port, sandbox_ports) as (process, lines):
        _read_until_up(process, lines)
        first_line, url, username, password = _credentials(lines)
        assert first_line.startswith("Created the demo admin user.")
        assert url == f"http://127.0.0.1:{port}/"
        _wait_healthy(port)
        _wait_healthy(sandbox_ports[0], "/_sandbox/knobs")  # the three sandboxes are up too
        _wait_healthy(sandbox_ports[1], "/_sandbox/knobs")
        _wait_healthy(sandbox_ports[2], "/_sandbox/knobs")
        assert any(
            line.startswith("Demo account 'Demo shop' authorized on the AliExpress sandbox") for line in lines
        )
        page = _log_in_and_open(port, username, password, "/admin/activity/activitylog/")
        assert "<h1>Activity Logs</h1>" in page
        assert "Total 1 records found" in page  # the demo account's authorization
        assert "Authorized by AliExpress seller" in page
    assert process.returncode is not None
    assert _group_is_gone(process.pid), "Ctrl-C left a process of scripts/run running"

    database = tmp_path / "aliexpress_magento.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute(
            "INSERT INTO activity_activitylog (level, log_type, log_sub_type, log_date, comment, related_id,"
            " related_repr) VALUES ('info', 'order', '', '2026-01-01 00:00:00', 'kept across runs', '', '')"
        )

    with _service(tmp_path, port, sandbox_ports) as (process, lines):
        _read_until_up(process, lines)
        second_line, _, again_user, again_password = _credentials(lines)
        assert not second_line.startswith("Created")
        assert (again_user, again_password) == (username, password)
        assert "Demo account 'Demo shop' is ready (already authorized).\n" in lines
        _wait_healthy(port)
        page = _log_in_and_open(port, username, password, "/admin/activity/jobrun/")
        assert "<h1>Cron Logs</h1>" in page
    assert _group_is_gone(process.pid)
    # The sandboxes' state survives restarts.
    assert (tmp_path / "aliexpress-sandbox.json").exists()
    assert (tmp_path / "magento2-sandbox.json").exists()
    assert (tmp_path / "magento1-sandbox.json").exists()

    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM auth_user").fetchone() == (1,)
        comments = [c for (c,) in db.execute("SELECT comment FROM activity_activitylog ORDER BY id")]
        assert comments[1:] == ["kept across runs"] and comments[0].startswith(
            "Authorized by AliExpress seller"
        )
        accounts = db.execute("SELECT name, access_token LIKE 'fernet:%' FROM accounts_account").fetchall()
        assert accounts == [("Demo shop", 1)]
