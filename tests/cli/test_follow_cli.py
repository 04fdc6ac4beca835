"""`facilitator FILE --follow` from the command line: bad input is one line and exit 2."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SAMPLES


def facilitator(*argv: str) -> subprocess.CompletedProcess[str]:
    """The command with no terminal, as in a script."""
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *argv],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["{dir}/nope.toml", "--follow"], "nope.toml: no such file; --follow shows a session"),
        (["--follow"], "--follow takes one session FILE"),
        (["--demo", "--follow"], "--follow takes one session FILE"),
        (["{dir}/pm.toml", "--follow"], "the app needs a terminal"),
    ],
    ids=["missing", "no file", "demo", "no terminal"],
)
def test_follow_refuses_in_one_line(tmp_path: Path, argv: list[str], said: str) -> None:
    shutil.copy(SAMPLES[0], tmp_path / "pm.toml")
    result = facilitator(*(part.format(dir=tmp_path) for part in argv))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and said in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pm.toml"]  # no lock, nothing written


def test_an_unreadable_file_is_named_before_the_terminal_is_missed(tmp_path: Path) -> None:
    path = tmp_path / "pm.toml"
    path.write_text("title = \n", encoding="utf-8")
    result = facilitator(str(path), "--follow")
    assert result.returncode == 2
    assert str(path) in result.stderr and "terminal" not in result.stderr
