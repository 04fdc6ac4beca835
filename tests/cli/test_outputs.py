"""Outputs never clobber inputs, and commands that write a session respect its lock and a
read-only file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from agenda import StorageError, load_session
from agenda.publish import document_path
from agenda.safety import (
    acquire_lock,
    lock_path,
    recovery_path,
    release_lock,
    write_document,
    write_recovery,
)
from agenda.storage import dumps_session
from facilitator.cli import main
from tests.helpers import SAMPLES


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "x.toml"
    path.write_bytes(SAMPLES[0].read_bytes())
    write_recovery(dumps_session(load_session(path)), path)
    return path


def untouched(path: Path) -> bool:
    return path.read_bytes() == SAMPLES[0].read_bytes() and load_session(path) is not None


# ---- 1, 18: export never overwrites what it was made from ---------------------------------------


def targets(session: Path) -> dict[str, Path]:
    folder = session.parent
    (folder / "link.md").symlink_to(session)
    os.link(session, folder / "hard.md")
    (folder / "to-autosave.md").symlink_to(recovery_path(session))
    lock_path(session).write_text("{}", encoding="utf-8")
    other = folder / "other.toml"
    other.write_bytes(SAMPLES[1].read_bytes())
    return {
        "the session": session,
        "a symlink to it": folder / "link.md",
        "a hard link to it": folder / "hard.md",
        "another spelling": folder / "." / "sub" / ".." / "x.toml",
        "its autosave": recovery_path(session),
        "a link to its autosave": folder / "to-autosave.md",
        "its lock": lock_path(session),
        "another session's autosave": folder / ".other.toml.autosave",
        "another session": other,
    }


def test_export_refuses_every_path_to_the_session_and_what_is_kept_beside_it(
    session: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (session.parent / "sub").mkdir()
    autosave = recovery_path(session).read_bytes()
    for name, target in targets(session).items():
        before = target.read_bytes() if target.exists() else None
        assert main(["export", str(session), "-o", str(target)]) == 2, name
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1 and "choose another output file" in err, name
        assert (target.read_bytes() if target.exists() else None) == before, name
    assert untouched(session) and recovery_path(session).read_bytes() == autosave


def test_the_apps_document_of_a_session_named_md_is_never_the_session(tmp_path: Path) -> None:
    session = tmp_path / "notes.md"
    session.write_bytes(SAMPLES[0].read_bytes())
    assert document_path(session) == tmp_path / "notes.export.md"
    link = tmp_path / "s.toml"
    link.symlink_to(session)  # s.md beside it would be the session through a link
    (tmp_path / "s.md").symlink_to(session)
    with pytest.raises(StorageError, match="the session file itself"):
        write_document("# Postmortem\n", document_path(link), link)
    assert session.read_bytes() == SAMPLES[0].read_bytes()


def test_export_writes_into_a_pipe_through_dev_stdout(session: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "export", str(session), "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Postmortem: ")


# ---- 10, 11: read-only files and the lock --------------------------------------------------------


def test_import_timeline_never_overwrites_a_read_only_session(
    session: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.chmod(session, 0o444)
    text = tmp_path / "t.txt"
    text.write_text("14:00 Deploy\n", encoding="utf-8")
    assert main(["import-timeline", str(session), str(text)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "read-only" in err and "another file" in err
    assert untouched(session) and stat.S_IMODE(session.stat().st_mode) == 0o444


@contextmanager
def open_in_the_app(path: Path) -> Iterator[int]:
    """Another process holding the session's lock, as the app does while it is open."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from agenda.safety import acquire_lock;"
            "assert acquire_lock(Path(sys.argv[1])) is None; print('held', flush=True);"
            "sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    try:
        yield holder.pid
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()


def test_commands_that_write_a_session_respect_its_lock(
    session: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "t.txt"
    text.write_text("14:00 Deploy\n", encoding="utf-8")
    new = tmp_path / "new.toml"
    with open_in_the_app(session) as pid, open_in_the_app(new) as other:
        assert main(["import-timeline", str(session), str(text)]) == 2
        assert f"pid {pid}" in capsys.readouterr().err
        assert main(["new", str(new)]) == 2
        assert f"pid {other}" in capsys.readouterr().err
    assert untouched(session) and not new.exists()
    assert main(["import-timeline", str(session), str(text)]) == 0  # closed: it goes through
    assert acquire_lock(session) is None  # and it let go of the lock
    release_lock(session)
