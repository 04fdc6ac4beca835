"""The session lock: taken atomically by exactly one of two copies, stale locks taken over,
and the holder's recovery file left to the holder."""

from __future__ import annotations

import errno
import json
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from agenda import StorageError, load_session
from agenda.safety import (
    acquire_lock,
    lock_path,
    pending_recovery,
    read_lock,
    recovery_path,
    release_lock,
    remove_recovery,
    write_recovery,
)
from agenda.storage import dumps_session
from tests.helpers import SAMPLES

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

TRIALS = 200


def _try_lock(path: Path) -> bytes:
    return b"L" if acquire_lock(path) is not None else b"W"


def _child(work: Callable[[], bytes], go: int, report: int, done: int) -> None:
    """In a forked child: wait for the start, do the work, report, hold on until told."""
    code = 1
    try:
        os.read(go, 1)
        os.write(report, work())
        os.read(done, 1)
        code = 0
    finally:
        os._exit(code)


def race(path: Path, contenders: int = 2) -> list[bytes]:
    """Start ``contenders`` processes at the same instant, each trying to take the lock;
    b"W" from each that won, b"L" from each that was told someone else holds it."""
    go, report, done = os.pipe(), os.pipe(), os.pipe()
    pids = []
    for _ in range(contenders):
        pid = os.fork()
        if pid == 0:
            _child(
                lambda: b"L" if acquire_lock(path) is not None else b"W", go[0], report[1], done[0]
            )
        pids.append(pid)
    os.write(go[1], b"x" * contenders)
    results = [os.read(report[0], 1) for _ in range(contenders)]
    os.write(done[1], b"x" * contenders)
    for pid in pids:
        os.waitpid(pid, 0)
    for fd in (*go, *report, *done):
        os.close(fd)
    return sorted(results)


@pytest.mark.slow
def test_two_processes_taking_the_lock_at_once_exactly_one_wins(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    outcomes = []
    for trial in range(TRIALS):
        if trial % 2 == 0:  # a free lock; every other trial, the dead winner's stale lock
            lock_path(path).unlink(missing_ok=True)
        outcomes.append(race(path))
    assert outcomes.count([b"L", b"W"]) == TRIALS
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@contextmanager
def held_elsewhere(path: Path) -> Iterator[int]:
    """Another process holding the lock of ``path`` for the duration."""
    go, report, done = os.pipe(), os.pipe(), os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(lambda: _try_lock(path), go[0], report[1], done[0])
    os.write(go[1], b"x")
    assert os.read(report[0], 1) == b"W"
    try:
        yield pid
    finally:
        os.write(done[1], b"x")
        os.waitpid(pid, 0)
        for fd in (*go, *report, *done):
            os.close(fd)


def test_a_second_copy_never_reads_offers_or_deletes_the_holders_autosave(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_bytes(SAMPLES[0].read_bytes())
    session = load_session(path)
    changed = session.model_copy(deep=True)
    changed.incident.title = "The holder's unsaved work"
    write_recovery(dumps_session(changed), path)
    with held_elsewhere(path) as holder:
        assert acquire_lock(path) is not None and acquire_lock(path).pid == holder  # type: ignore[union-attr]
        assert pending_recovery(path, session) is None
        remove_recovery(path)
        assert recovery_path(path).exists()
        with pytest.raises(StorageError, match=f"pid {holder}"):
            write_recovery(dumps_session(session), path)
    found = pending_recovery(path, session)  # the holder has gone: the work is offered
    assert found is not None and found.session.incident.title == "The holder's unsaved work"


def test_a_stale_lock_is_taken_over_even_when_its_pid_was_reused(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    lock_path(path).write_text(
        json.dumps(
            {
                "user": "ghost",
                "host": socket.gethostname(),
                "pid": os.getppid(),  # alive, but holds no flock on the file: not the app
                "since": "2024-01-15T14:00:00+00:00",
                "flock": True,
            }
        ),
        encoding="utf-8",
    )
    assert acquire_lock(path) is None
    assert read_lock(path) is not None and read_lock(path).is_mine()  # type: ignore[union-attr]
    release_lock(path)
    assert not lock_path(path).exists()


def test_a_lock_on_a_full_disk_is_not_taken_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    assert acquire_lock(tmp_path / "s.toml") is None  # opens unlocked; saving says why
    assert list(tmp_path.iterdir()) == []


def test_save_as_onto_a_session_open_elsewhere_is_refused(tmp_path: Path) -> None:
    from agenda.document import SessionFile
    from agenda.storage import snapshot

    mine, theirs = tmp_path / "mine.toml", tmp_path / "theirs.toml"
    mine.write_bytes(SAMPLES[0].read_bytes())
    theirs.write_bytes(SAMPLES[1].read_bytes())
    opened = SessionFile.open(mine)
    with held_elsewhere(theirs) as holder, pytest.raises(StorageError, match=f"pid {holder}"):
        opened.file.save(snapshot(opened.session), 1, to=theirs)
    assert theirs.read_bytes() == SAMPLES[1].read_bytes()
    opened.file.close()
