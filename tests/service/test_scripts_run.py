"""scripts/run, the README's first command, as a merchant runs it: twice, then Ctrl-C.

It runs against a fresh var/ directory on the embedded defaults, whatever database the suite uses.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import sqlite3
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.support.scripts_run import credentials, free_port, read_until_up, service, wait_healthy

pytestmark = pytest.mark.worker


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
    port, sandbox_ports = free_port(), (free_port(), free_port(), free_port())
    with service(tmp_path, port, sandbox_ports) as (process, lines):
        read_until_up(process, lines)
        first_line, url, username, password = credentials(lines)
        assert first_line.startswith("Created the demo admin user.")
        assert url == f"http://127.0.0.1:{port}/"
        wait_healthy(port)
        wait_healthy(sandbox_ports[0], "/_sandbox/knobs")  # the three sandboxes are up too
        wait_healthy(sandbox_ports[1], "/_sandbox/knobs")
        wait_healthy(sandbox_ports[2], "/_sandbox/knobs")
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

    with service(tmp_path, port, sandbox_ports) as (process, lines):
        read_until_up(process, lines)
        second_line, _, again_user, again_password = credentials(lines)
        assert not second_line.startswith("Created")
        assert (again_user, again_password) == (username, password)
        assert "Demo account 'Demo shop' is ready (already authorized).\n" in lines
        wait_healthy(port)
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
