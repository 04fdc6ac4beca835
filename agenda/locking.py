"""Provides the session lock: who has a session open, taken atomically, held with flock."""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import json
import os
import secrets
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from agenda.errors import StorageError


def lock_path(path: Path) -> Path:
    """Where the lock of ``path`` lives: ``.NAME.toml.lock`` beside it."""
    return path.parent / f".{path.name}.lock"


_HELD: dict[Path, int] = {}
"""The open, flock-ed file descriptor of each lock this process holds: the kernel releases the
flock when the process dies, however it dies, so a lock whose flock is free is stale."""


@dataclass(frozen=True)
class Lock:
    """Who has a session open."""

    user: str
    host: str
    pid: int
    since: datetime
    flock: bool = False
    """Whether the holder keeps an flock on the lock file (all but the first version did):
    then a free flock proves the holder gone, even when its pid was reused."""

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
    return Lock(user, socket.gethostname(), os.getpid(), datetime.now(UTC), flock=True)


def _parse_lock(text: str) -> Lock | None:
    try:
        data = json.loads(text)
        return Lock(
            str(data["user"]),
            str(data["host"]),
            int(data["pid"]),
            datetime.fromisoformat(data["since"]),
            bool(data.get("flock", False)),
        )
    except (ValueError, KeyError, TypeError, OverflowError):
        return None


def read_lock(path: Path) -> Lock | None:
    """Who holds the lock of ``path``, or None when nobody does (or it cannot be read)."""
    try:
        return _parse_lock(lock_path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def acquire_lock(path: Path) -> Lock | None:
    """Take the lock; returns the other holder instead when someone else has it open.

    The lock file is written whole under a temporary name, flock-ed, then linked into place
    (``link`` fails when the name exists), so no copy ever sees a half-written lock and two
    copies opening at once cannot both win. A stale lock (its flock free and its process gone)
    is replaced by a rename made while holding the stale file's own flock, so two copies
    taking it over at once cannot both win either. Where no lock can be written (a read-only
    folder, a full disk), the session opens unlocked: saving there fails with its own message.
    """
    lock = lock_path(path)
    me = _me()
    fd, tmp = _prepared(lock, me)
    if fd is None:
        return None
    try:
        for _ in range(20):
            try:
                os.link(tmp, lock)
            except FileExistsError:
                held, stale_fd = _holder(lock)
                if held is not None:
                    return None if held.is_mine() else held
                if stale_fd is None or not _replace_stale(tmp, lock, stale_fd):
                    continue  # it changed under us: look again
            except OSError:
                return None
            _HELD[lock] = fd
            fd = None
            return None
        return read_lock(path) or me
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if fd is not None:
            os.close(fd)


def _replace_stale(tmp: str, lock: Path, stale_fd: int) -> bool:
    """Put our lock in place of a stale one while holding the stale one's flock: a second
    copy taking it over at the same moment finds that flock taken, and backs off."""
    try:
        os.rename(tmp, lock)
        return True
    except OSError:
        return False
    finally:
        os.close(stale_fd)


def _prepared(lock: Path, me: Lock) -> tuple[int | None, str]:
    """A temporary file beside the lock holding our record, written whole and flock-ed."""
    tmp = str(lock.parent / f"{lock.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    data = {"user": me.user, "host": me.host, "pid": me.pid, "since": me.since.isoformat()}
    data["flock"] = True
    try:
        fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    except OSError:
        return None, tmp
    try:
        os.write(fd, json.dumps(data).encode("utf-8"))
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return None, tmp
    return fd, tmp


def _holder(lock: Path) -> tuple[Lock | None, int | None]:
    """Who holds an existing lock file; or, when it is stale, a descriptor holding its flock
    (the caller may then replace it). (None, None): it vanished or changed; look again."""
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None, None
    try:
        held = _parse_lock(os.read(fd, 4096).decode("utf-8", "replace"))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # its holder is alive
            os.close(fd)
            return held or Lock("someone", "?", 0, datetime.now(UTC), True), None
        if os.stat(lock).st_ino != os.fstat(fd).st_ino:
            os.close(fd)
            return None, None
        if held is not None and not held.flock and not held.is_stale() and not held.is_mine():
            os.close(fd)  # a lock from a version without flock, whose process still runs
            return held, None
        return None, fd
    except OSError:
        os.close(fd)
        return None, None


def lock_holder(path: Path) -> Lock | None:
    """The live copy of the app, other than this process, that holds the lock of ``path``;
    None when nobody does, the lock is stale, or it is ours."""
    try:
        fd = os.open(lock_path(path), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        held = _parse_lock(os.read(fd, 4096).decode("utf-8", "replace"))
        if held is not None and held.is_mine():
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return held or Lock("someone", "?", 0, datetime.now(UTC), True)
        if held is not None and not held.flock and not held.is_stale():
            return held
        return None
    finally:
        os.close(fd)


def refuse_if_held(path: Path, doing: str) -> None:
    """Refuse (`StorageError`, naming the holder) while another live copy holds the lock."""
    held = lock_holder(path)
    if held is not None:
        raise StorageError(
            path, f"is open in the app by {held.describe()}, so it was {doing}", hint=_CLOSE_IT
        )


_CLOSE_IT = "save and close it there first"


def release_lock(path: Path) -> None:
    """Remove the lock if it is ours."""
    lock = lock_path(path)
    fd = _HELD.pop(lock, None)
    held = read_lock(path)
    try:
        if held is not None and held.is_mine():
            with contextlib.suppress(OSError):
                if fd is None or os.stat(lock).st_ino == os.fstat(fd).st_ino:
                    lock.unlink()
    finally:
        if fd is not None:
            os.close(fd)


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Hold the session's lock while a command reads, changes and writes it; refuse with a
    `StorageError` naming the holder when another live copy of the app has it open."""
    held = acquire_lock(path)
    if held is not None:
        raise StorageError(
            path, f"is open in the app by {held.describe()}, so it was not changed", hint=_CLOSE_IT
        )
    try:
        yield
    finally:
        release_lock(path)


__all__ = [
    "Lock",
    "acquire_lock",
    "lock_holder",
    "lock_path",
    "read_lock",
    "refuse_if_held",
    "release_lock",
    "writing",
]
