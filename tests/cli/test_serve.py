"""`facilitator serve`: bad input is one line and exit 2; the page names no other host; a
loopback server refuses other hosts' names and other sites' web sockets; Ctrl+C is clean."""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import SAMPLES
from tests.serving import rest, serving

COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
"""A comment in a script or style sheet: its licence notes name sites that are never fetched."""
URL_IN_TEXT = re.compile(
    r"""(?:https?|wss?)://[^\s"'()<>]+|(?:href|src)="([^"]*)"|url\(["']?([^"')]*)"""
)


def facilitator(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def _get(url: str, **headers: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "pm.toml"
    shutil.copy(SAMPLES[0], path)
    return path


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    result = facilitator("serve", str(tmp_path / "nope.toml"), "--port", "0")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "nope.toml: no such file" in result.stderr


def test_an_unreadable_file_is_one_line(session: Path) -> None:
    session.write_text("title = \n", encoding="utf-8")
    result = facilitator("serve", str(session), "--port", "0")
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)
    assert str(session) in result.stderr and "Traceback" not in result.stderr


def test_a_port_in_use_is_one_line(session: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = facilitator("serve", str(session), "--port", str(port))
    assert result.returncode == 2
    assert result.stderr == (
        f"facilitator: port {port} on 127.0.0.1 is in use; choose another with --port N "
        "(--port 0 picks a free one)\n"
    )


def test_listening_beyond_this_machine_needs_public(session: Path) -> None:
    result = facilitator("serve", str(session), "--host", "0.0.0.0", "--port", "0")
    assert result.returncode == 2
    assert "--public" in result.stderr and result.stderr.count("\n") == 1


def test_public_says_what_it_exposes(session: Path) -> None:
    with serving(session, "--host", "0.0.0.0", "--public") as (_, process):
        assert process.stdout is not None
        said = process.stdout.readline()
    assert "anyone who can reach this machine" in said
    assert "no password" in said


def test_the_page_names_no_host_but_the_one_it_was_asked_on(session: Path) -> None:
    with serving(session) as (address, _):
        for asked in (address, address.replace("127.0.0.1", "localhost")):
            status, page = _get(asked)
            assert status == 200
            assert session.name in page
            origin = asked.rstrip("/")
            seen = _urls(page)
            assert any(url.startswith("ws://") for url in seen)
            for url in seen:
                assert url.startswith("/") or url.split("://", 1)[1].startswith(
                    origin.split("://", 1)[1] + "/"
                ), url
            for asset in (url for url in seen if url.startswith("/static/")):
                status, text = _get(origin + asset)
                assert status == 200
                code = COMMENT.sub("", text) if asset.endswith((".css", ".js")) else ""
                assert [u for u in _urls(code) if "://" in u] == [], asset


def _urls(text: str) -> list[str]:
    """Every URL a page or style sheet holds: absolute ones, and href, src and url() values."""
    found = []
    for match in URL_IN_TEXT.finditer(text):
        url = match.group(1) or match.group(2) or match.group(0)
        if url and not url.startswith("#"):
            found.append(url)
    return found


def test_other_hosts_names_and_other_sites_sockets_are_refused(session: Path) -> None:
    with serving(session) as (address, _):
        assert _get(address, Host="evil.example")[0] == 403
        socket_headers = {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        }
        assert _get(address + "ws", Origin="http://evil.example", **socket_headers)[0] == 403


def test_ctrl_c_stops_it_cleanly(session: Path) -> None:
    with serving(session) as (address, process):
        assert _get(address)[0] == 200
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
        errors = rest(process.stderr)
    assert code == 0
    assert "Traceback" not in errors
