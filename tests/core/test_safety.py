"""Nothing lost: atomic saves under SIGKILL, recovery files, locks, hostile files."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agenda import StorageError, load_session, save_session
from agenda.model import SCHEMA_VERSION, Event, Session
from agenda.safety import (
    acquire_lock,
    lock_path,
    pending_recovery,
    read_lock,
    recovery_path,
    release_lock,
    write_recovery,
)
from agenda.storage import dumps_session
from tests.helpers import SAMPLES

T0 = datetime(2024, 1, 15, 14, 0, tzinfo=UTC)


def versions() -> tuple[Session, Session]:
    old = load_session(SAMPLES[0])
    new = old.model_copy(deep=True)
    new.incident.title = "The new version " + "x" * 2000
    new.timeline.extend(
        Event(id=f"E{900 + i}", at=T0, description=f"added {i} " * 40) for i in range(300)
    )
    return old, new


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.slow
def test_sigkill_during_saves_never_leaves_a_broken_file(tmp_path: Path) -> None:
    old, new = versions()
    path = tmp_path / "s.toml"
    save_session(old, path)
    rng = random.Random(7)
    kills = 0
    while kills < 200:
        pid = os.fork()
        if pid == 0:  # the child saves the two versions in turn until it is killed
            try:
                while True:
                    save_session(new, path)
                    save_session(old, path)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
        assert load_session(path) in (old, new)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "s.toml"]
    assert all(name.endswith(".tmp") for name in leftovers)  # a killed write's temp, never the file


def test_recovery_is_offered_when_newer_and_shows_what_differs(tmp_path: Path) -> None:
    old, new = versions()
    path = tmp_path / "s.toml"
    save_session(old, path)
    assert pending_recovery(path, old) is None
    write_recovery(dumps_session(new), path)
    found = pending_recovery(path, old)
    assert found is not None and found.session == new
    assert f"events {len(old.timeline)} → {len(new.timeline)}" in found.changes
    assert recovery_path(path).name == ".s.toml.autosave"


def test_recovery_is_offered_whatever_the_times(tmp_path: Path) -> None:
    old, new = versions()
    path = tmp_path / "s.toml"
    save_session(old, path)
    write_recovery(dumps_session(new), path)
    os.utime(recovery_path(path), (0, 0))  # a git pull or a touch after the crash
    found = pending_recovery(path, old)
    assert found is not None and found.session == new


def test_a_recovery_file_that_holds_the_file_or_cannot_be_read_is_not_offered(
    tmp_path: Path,
) -> None:
    old, _ = versions()
    path = tmp_path / "s.toml"
    save_session(old, path)
    write_recovery(dumps_session(old), path)
    assert pending_recovery(path, old) is None
    recovery_path(path).write_text("garbage [", encoding="utf-8")
    assert pending_recovery(path, old) is None


def test_lock_tells_a_second_copy_who_has_it(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    assert acquire_lock(path) is None
    assert read_lock(path) is not None and read_lock(path).is_mine()  # type: ignore[union-attr]
    other = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from agenda.safety import acquire_lock;"
            "held = acquire_lock(Path(sys.argv[1])); print(held.describe() if held else 'free')",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"(pid {os.getpid()})" in other.stdout
    release_lock(path)
    assert not lock_path(path).exists()


def test_a_stale_lock_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_path(path).write_text(
        f'{{"user": "ghost", "host": "{os.uname().nodename}", "pid": {dead.pid}, '
        '"since": "2024-01-15T14:00:00+00:00"}',
        encoding="utf-8",
    )
    assert acquire_lock(path) is None
    assert read_lock(path) is not None and read_lock(path).is_mine()  # type: ignore[union-attr]


# ---- hostile files ---------------------------------------------------------------------------

VALID = dumps_session(load_session(SAMPLES[0]))

HOSTILE_FILES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "file is empty"),
    ("binary", bytes(range(256)) * 4, "binary data"),
    ("invalid utf-8", b"schema_version = 1\ntitle = '\xc3\x28'\n", "invalid UTF-8"),
    (
        "wrong types",
        VALID.replace('severity = "SEV2"', "severity = 2").encode(),
        "incident.severity",
    ),
    ("duplicate ids", VALID.replace('id = "E2"', 'id = "E1"', 1).encode(), "duplicate id 'E1'"),
    (
        "dangling reference",
        VALID.replace('    "F1",\n]', '    "F99",\n]', 1).encode(),
        "no contributing factor 'F99'",
    ),
    (
        "unknown key",
        VALID.replace("[incident]\n", "[incident]\nmood = 'bad'\n").encode(),
        "unknown key",
    ),
    (
        "integer out of range",
        VALID.replace(
            "gap_threshold_minutes = 10", "gap_threshold_minutes = 99999999999999999999999"
        ).encode(),
        "meeting.gap_threshold_minutes",
    ),
    (
        "future schema",
        VALID.replace(f"schema_version = {SCHEMA_VERSION}", "schema_version = 7").encode(),
        "newer version",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "fragment"), HOSTILE_FILES, ids=[h[0] for h in HOSTILE_FILES]
)
def test_hostile_files_are_refused_in_one_line_and_left_alone(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    assert content != VALID.encode()
    path = tmp_path / "hostile.toml"
    path.write_bytes(content)
    with pytest.raises(StorageError) as caught:
        load_session(path)
    assert fragment in str(caught.value) and "\n" not in str(caught.value)
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "export", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert fragment in result.stderr
    assert path.read_bytes() == content


def test_a_50_mb_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(StorageError, match="50 MiB, more than a session can be"):
        load_session(path)
    assert path.stat().st_size == 50 * 1024 * 1024


def test_a_read_only_file_gets_a_clear_message_and_is_untouched(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        path = folder / "s.toml"
        save_session(load_session(SAMPLES[0]), path)
        before = path.read_bytes()
        with pytest.raises(StorageError, match="cannot write"):
            save_session(Session(), folder / "missing" / "s.toml")
        assert path.read_bytes() == before
        return
    path = tmp_path / "s.toml"
    save_session(load_session(SAMPLES[0]), path)
    os.chmod(tmp_path, stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StorageError, match="Permission denied"):
            save_session(Session(), path)
    finally:
        os.chmod(tmp_path, stat.S_IRWXU)
    assert load_session(path) == load_session(SAMPLES[0])


def test_text_typed_but_not_submitted_comes_back_with_the_recovery(tmp_path: Path) -> None:
    old, _ = versions()
    path = tmp_path / "s.toml"
    save_session(old, path)
    drafts = {"quick-add": '14:40 X said "rollback"\\', "action-form.title": "line\nnext\x1b"}
    write_recovery(dumps_session(old), path, {**drafts, "empty": ""})
    found = pending_recovery(path, old)  # the session is the same: the drafts alone count
    assert found is not None and found.session == old and found.drafts == drafts
    assert "2 texts typed but not sent" in found.changes
