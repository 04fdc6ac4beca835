"""The file stays the team's: read-only files, modes, owners, full disks, devices, FIFOs,
symlink loops, git conflicts, absurd numbers and times — each refused or handled in one line."""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from agenda import StorageError, load_session, save_session
from agenda.document import SessionFile
from agenda.files import exists, write_atomic
from agenda.model import Session
from agenda.safety import recovery_path, write_recovery
from agenda.storage import dumps_session
from agenda.timeline import TimeParseError, read_quick_add
from tests.helpers import ROOT, SAMPLES

ROOT_USER = os.geteuid() == 0


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "s.toml"
    path.write_bytes(SAMPLES[0].read_bytes())
    return path


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o077)
    yield
    os.umask(old)


def one_line_error(action: object) -> str:
    assert callable(action)
    with pytest.raises(StorageError) as caught:
        action()
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# ---- 10: read-only files and owners ----------------------------------------------------------


def test_a_read_only_session_is_never_overwritten_even_by_root(session_file: Path) -> None:
    os.chmod(session_file, 0o444)
    session = load_session(session_file)
    session.incident.title = "Changed"
    message = one_line_error(lambda: save_session(session, session_file))
    assert "read-only" in message and "save it as another file" in message
    assert session_file.read_bytes() == SAMPLES[0].read_bytes()
    assert stat.S_IMODE(session_file.stat().st_mode) == 0o444


@pytest.mark.skipif(not ROOT_USER, reason="only root may give a file to someone else")
def test_a_save_keeps_the_files_owner_and_group(session_file: Path) -> None:
    os.chown(session_file, 4321, 4322)
    save_session(load_session(session_file), session_file)
    info = session_file.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4322)


# ---- 15: modes and the umask -----------------------------------------------------------------


def test_new_files_honour_the_umask(tmp_path: Path, umask: None) -> None:
    save_session(Session(), tmp_path / "new.toml")
    assert stat.S_IMODE((tmp_path / "new.toml").stat().st_mode) == 0o600


def test_the_autosave_of_a_private_session_is_private(session_file: Path) -> None:
    os.chmod(session_file, 0o600)
    write_recovery(dumps_session(load_session(session_file)), session_file)
    assert stat.S_IMODE(recovery_path(session_file).stat().st_mode) == 0o600
    os.chmod(session_file, 0o640)
    write_recovery(dumps_session(load_session(session_file)), session_file)
    assert stat.S_IMODE(recovery_path(session_file).stat().st_mode) == 0o640


# ---- 6, 18: devices, FIFOs, /dev/stdout ------------------------------------------------------


def test_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waiting at the other end
    try:
        write_atomic(fifo, b"# Postmortem\n")
        assert os.read(reader, 100) == b"# Postmortem\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not ROOT_USER, reason="making a device node needs root")
def test_a_character_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    write_atomic(null, b"gone")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


# ---- 17: full disks and symlink loops ----------------------------------------------------------


def test_a_full_disk_leaves_the_old_file_and_no_temp(
    session_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    session = load_session(session_file)
    session.incident.title = "Changed"
    message = one_line_error(lambda: save_session(session, session_file))
    assert "No space left on device" in message and "free some disk space" in message
    assert session_file.read_bytes() == SAMPLES[0].read_bytes()
    assert sorted(p.name for p in session_file.parent.iterdir()) == ["s.toml"]


def test_a_symlink_loop_is_one_line_everywhere(tmp_path: Path) -> None:
    loop = tmp_path / "loop.toml"
    loop.symlink_to(tmp_path / "back.toml")
    (tmp_path / "back.toml").symlink_to(loop)
    assert "symbolic links" in one_line_error(lambda: load_session(loop))
    assert "symbolic links" in one_line_error(lambda: save_session(Session(), loop))
    assert "symbolic links" in one_line_error(lambda: exists(loop))


def test_an_agenda_name_holding_a_nul_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """A hostile session naming its agenda "x\\u0000y": opening it (app, check, export) raised
    ValueError from stat()."""
    session = Session()
    session.meeting.agenda = "x\x00y.toml"
    path = tmp_path / "s.toml"
    path.write_text(dumps_session(session), encoding="utf-8")
    assert "NUL" in one_line_error(lambda: SessionFile.open(path))


# ---- 18: a killed save's temporary file ---------------------------------------------------------


def test_a_saves_temporary_file_is_covered_by_gitignore(
    session_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    left: list[str] = []
    real_replace = os.replace

    def killed(source: str, target: object) -> None:  # the save dies just before its rename
        left.append(Path(source).name)
        raise OSError(errno.EINTR, "killed")

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(StorageError):
        save_session(load_session(session_file), session_file)
    monkeypatch.setattr(os, "replace", real_replace)
    patterns = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert left and fnmatch.fnmatch(left[0], ".s.toml.*.tmp")
    assert any(fnmatch.fnmatch(left[0], pattern) for pattern in patterns)
    assert any(fnmatch.fnmatch(".s.toml.lock", pattern) for pattern in patterns)


# ---- 8, 16: git conflicts, huge numbers, times out of range --------------------------------------

CONFLICTED = """schema_version = 1
[incident]
summary = \"\"\"
<<<<<<< HEAD
The cache fell over.
=======
The cache was evicted.
>>>>>>> theirs
\"\"\"
"""


def test_git_conflict_markers_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(CONFLICTED, encoding="utf-8")
    message = one_line_error(lambda: load_session(path))
    assert "line 4" in message and "resolve the git conflict first" in message
    assert "<<<<<<< HEAD" in message


def test_a_markdown_rule_is_not_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('schema_version = 1\n[incident]\nsummary = """\nTitle\n=======\n"""\n')
    assert load_session(path).incident.summary == "Title\n=======\n"


def test_a_5000_digit_number_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("schema_version = 1\n[meeting]\ngap_threshold_minutes = " + "9" * 5000)
    message = one_line_error(lambda: load_session(path))
    assert "line 3" in message and "far too large" in message


@pytest.mark.parametrize(
    "moment", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"], ids=["year 1", "9999"]
)
def test_a_time_out_of_range_in_utc_is_one_line(tmp_path: Path, moment: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        f'schema_version = 1\n[[timeline]]\nid = "E1"\nat = {moment}\ndescription = "x"\n'
    )
    message = one_line_error(lambda: load_session(path))
    assert "timeline[0].at" in message and "out of range" in message


def test_a_bad_schema_version_reads_like_the_file_not_like_python(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("schema_version = true\n")
    message = one_line_error(lambda: load_session(path))
    assert "not true" in message and "True" not in message


@pytest.mark.parametrize(
    "line",
    ["0001-01-01T00:00:00+05:00 boom", "9999-12-31T23:30:00-05:00 bang", "+99999999999h late"],
)
def test_a_quick_add_time_out_of_range_says_so_instead_of_crashing(line: str) -> None:
    session = load_session(SAMPLES[0])
    with pytest.raises(TimeParseError, match="out of range"):
        read_quick_add(session, line, selected=session.timeline[0].at)
