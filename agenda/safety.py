"""Provides what keeps a session safe beside its file: the recovery file and the lock."""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from agenda.errors import StorageError
from agenda.model import Session
from agenda.storage import file_modified, loads_session, read_text, write_atomic


def recovery_path(path: Path) -> Path:
    """Where the autosave of ``path`` lives: ``.NAME.toml.autosave`` beside it."""
    return path.parent / f".{path.name}.autosave"


def lock_path(path: Path) -> Path:
    """Where the lock of ``path`` lives: ``.NAME.toml.lock`` beside it."""
    return path.parent / f".{path.name}.lock"


# ---- recovery -----------------------------------------------------------------------------------


def write_recovery(text: str, path: Path) -> None:
    """Write the session's TOML (already serialised) to its recovery file, atomically."""
    write_atomic(recovery_path(path), text.encode("utf-8"))


def remove_recovery(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        recovery_path(path).unlink()


@dataclass(frozen=True)
class Recovery:
    """A recovery file newer than its session, and what differs."""

    session: Session
    saved: datetime
    changes: str


def pending_recovery(path: Path, current: Session | None) -> Recovery | None:
    """The autosaved session when it is newer than the file (None when there is none, it is
    older, or it cannot be read: then the session file is the better copy)."""
    recovery = recovery_path(path)
    saved = file_modified(recovery)
    if saved is None:
        return None
    on_disk = file_modified(path)
    if on_disk is not None and on_disk > saved:
        return None
    try:
        session = loads_session(read_text(recovery), recovery)
    except StorageError:
        return None
    if current is not None and session == current:
        return None
    return Recovery(session, saved, count_changes(current, session))


def count_changes(before: Session | None, after: Session) -> str:
    """ "events 17 → 19, whys 10 → 12, actions 6, dissent 2 → 3"."""

    def counts(session: Session | None) -> dict[str, int]:
        if session is None:
            return {}
        return {
            "events": len(session.timeline),
            "whys": len(session.analysis.whys),
            "factors": len(session.analysis.factors),
            "actions": len(session.actions),
            "dissent": len(session.dissent),
        }

    old, new = counts(before), counts(after)
    parts = []
    for name, value in new.items():
        was = old.get(name)
        parts.append(f"{name} {value}" if was in (None, value) else f"{name} {was} → {value}")
    return ", ".join(parts)


# ---- the lock ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lock:
    """Who has a session open."""

    user: str
    host: str
    pid: int
    since: datetime

    def describe(self) -> str:
        return f"{self.user}@{self.host} (pid {self.pid}) since {self.since:%Y-%m-%d %H:%M} UTC"

    def is_mine(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    def is_stale(self) -> bool:
        """A lock left by a process on this machine that no longer runs."""
        if self.host != socket.gethostname():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


def _me() -> Lock:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "someone"
    return Lock(user, socket.gethostname(), os.getpid(), datetime.now(UTC))


def read_lock(path: Path) -> Lock | None:
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return Lock(
            str(data["user"]),
            str(data["host"]),
            int(data["pid"]),
            datetime.fromisoformat(data["since"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def acquire_lock(path: Path) -> Lock | None:
    """Take the lock; returns the other holder instead when someone else has it open.

    The lock file is created exclusively, so two copies opening at once cannot both win. A
    stale lock (its process is gone) is taken over. Where no lock can be written (a read-only
    folder), the session opens unlocked: saving there fails with its own message anyway.
    """
    lock = lock_path(path)
    for _ in range(3):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            held = read_lock(path)
            if held is not None and held.is_mine():
                return None
            if held is not None and not held.is_stale():
                return held
            with contextlib.suppress(OSError):
                lock.unlink()
            continue
        except OSError:
            return None
        me = _me()
        data = {"user": me.user, "host": me.host, "pid": me.pid, "since": me.since.isoformat()}
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        return None
    return read_lock(path)


def release_lock(path: Path) -> None:
    """Remove the lock if it is ours."""
    held = read_lock(path)
    if held is not None and held.is_mine():
        with contextlib.suppress(OSError):
            lock_path(path).unlink()


__all__ = [
    "Lock",
    "Recovery",
    "acquire_lock",
    "count_changes",
    "lock_path",
    "pending_recovery",
    "read_lock",
    "recovery_path",
    "release_lock",
    "remove_recovery",
    "write_recovery",
]
