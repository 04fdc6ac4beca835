"""The app's first frame comes before the session is opened: what it says, and a file that turns
out unreadable in the worker still ends with its one line and exit status 2."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

from agenda.agendas import load_agenda
from agenda.storage import load_session
from facilitator.screens.loading import LoadingScreen
from facilitator.startup import preview
from tests.app.support import SIZE, build_app, copy_sample
from tests.helpers import ROOT

BAD = 'schema_version = 1\n[incident\ntitle = "x"\n'
"""A table header left open on line 2."""


def test_the_first_frame_names_the_file_its_events_and_its_agenda(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    seen = preview(path)
    session = load_session(path)
    assert seen.events == len(session.timeline) > 0
    phases = load_agenda(session.meeting.agenda).phases
    assert seen.phases == [(phase.title, phase.minutes) for phase in phases]
    assert LoadingScreen(seen).describe() == (
        f"loading {len(session.timeline)} events from {path.name}…"
    )
    assert "new session" in LoadingScreen(preview(tmp_path / "new.toml")).describe()


async def test_a_file_that_does_not_parse_ends_the_app_with_its_line_and_column(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD, encoding="utf-8")
    app = build_app(path)
    async with app.run_test(size=SIZE) as pilot:
        while app.load_error is None:
            await pilot.pause()
    assert app.return_code == 2 and not app.loaded
    assert "bad.toml: line 2, column" in app.load_error.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]  # no lock left behind


def test_in_a_terminal_a_file_that_does_not_parse_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD, encoding="utf-8")
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "facilitator", str(path)],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        cwd=ROOT,
        env=dict(os.environ, TERM="xterm-256color"),
    )
    os.close(secondary)
    output = b""
    deadline = time.monotonic() + 120  # a guard against a hang, not a speed assertion
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 1)
        if ready:
            try:
                chunk = os.read(primary, 1 << 16)
            except OSError:  # the process ended and closed the terminal
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    os.close(primary)
    assert process.wait(timeout=60) == 2
    text = re.sub(
        r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07]*\x07|[()=>78c]\S?)", "", output.decode()
    )
    # After the app has left the terminal (its screen is gone), the one line is the last thing.
    said = text.rstrip().rpartition("facilitator: ")[2]
    assert text.count("facilitator: ") == 1 and "\n" not in said
    assert said.startswith(f"{path}: line 2, column")
