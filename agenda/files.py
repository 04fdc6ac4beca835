"""Provides careful file reading and writing: atomic replace that keeps mode and owner, refuses
read-only files, honours the umask for new files, and writes plainly to devices and pipes."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
from datetime import UTC, datetime
from pathlib import Path

from agenda.errors import StorageError

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Larger files are refused before parsing: no real postmortem comes near this."""

TEMP_SUFFIX = ".tmp"
"""A save writes ``.NAME.XXXXXXXX.tmp`` beside NAME first; a killed save can leave one behind,
which ``.*.tmp`` in a .gitignore covers."""

_HINTS = {
    errno.EACCES: "check the file's permissions or save it somewhere else",
    errno.EPERM: "check the file's permissions or save it somewhere else",
    errno.EROFS: "save it somewhere writable",
    errno.ENOSPC: "free some disk space or save it somewhere else",
    errno.EDQUOT: "free some disk space or save it somewhere else",
    errno.ENOENT: "check the path",
    errno.ENOTDIR: "check the path",
    errno.EISDIR: "give a file name, not a folder",
    errno.ELOOP: "the path is a loop of symbolic links; point it at a real file",
    errno.ENAMETOOLONG: "use a shorter file name",
}


def os_error(path: Path, error: OSError, doing: str) -> StorageError:
    """An OSError as the one-line StorageError the user sees."""
    reason = error.strerror or type(error).__name__
    return StorageError(path, f"{doing}: {reason}", hint=_HINTS.get(error.errno or 0, ""))


def file_digest(path: str | Path) -> str | None:
    """SHA-256 of a file's bytes as they are on disk now, or None when it does not exist or
    cannot be read (a save there then fails with its own message)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def file_modified(path: str | Path) -> datetime | None:
    """When the file was last written, in UTC, or None when it does not exist."""
    try:
        return datetime.fromtimestamp(Path(path).stat().st_mtime, UTC)
    except OSError:
        return None


def exists(path: Path) -> bool:
    """Whether a file is there; unlike `Path.exists`, a symlink loop or an unreadable folder is
    a `StorageError`, not "no such file" (which would start a new session over it)."""
    try:
        path.stat()
    except FileNotFoundError:
        return False
    except OSError as error:
        if error.errno == errno.ENOTDIR:
            raise StorageError(
                path, "a part of the path is not a folder", hint="check the path"
            ) from None
        raise os_error(path, error, "cannot open") from None
    return True


def read_text(path: Path, what: str = "session") -> str:
    """A TOML file's text, refused with a `StorageError` when it cannot be a readable file."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise StorageError(path, f"is a folder, not a {what} file", hint="give a .toml file")
        if not stat.S_ISREG(info.st_mode):
            raise StorageError(path, f"is not a regular file, so not a {what} file")
        if info.st_size > MAX_FILE_BYTES:
            raise StorageError(
                path,
                f"file is {info.st_size // (1024 * 1024)} MiB, more than a {what} can be "
                f"({MAX_FILE_BYTES // (1024 * 1024)} MiB)",
                hint=f"check that this is a postmortem {what} file",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StorageError(path, "no such file", hint="check the path") from None
    except OSError as error:
        raise os_error(path, error, "cannot read") from None
    except ValueError:  # a NUL in the name (an agenda named in a hostile session file)
        raise StorageError(
            path, "no file name can hold a NUL character", hint="check the path"
        ) from None
    if b"\x00" in raw:
        raise StorageError(path, f"binary data, not a TOML {what} file", hint="open a .toml file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise StorageError(
            path,
            f"invalid UTF-8 (byte {error.start})",
            where=f"line {line}",
            hint="save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def is_read_only(info: os.stat_result, path: Path) -> bool:
    """Whether a file is meant not to be written: no write bit at all (even root, who could,
    leaves such a file alone) or none that applies to this user."""
    return info.st_mode & 0o222 == 0 or not os.access(path, os.W_OK)


def _target(path: Path) -> Path:
    """Where writing ``path`` lands: through a symlink to its file, so the link stays a link."""
    try:
        if path.is_symlink():
            return Path(os.path.realpath(path, strict=True))
    except RuntimeError:
        raise StorageError(path, "is a loop of symbolic links", hint=_HINTS[errno.ELOOP]) from None
    except FileNotFoundError:
        return Path(os.path.realpath(path))  # a dangling link: its file is created
    except OSError as error:
        raise os_error(path, error, "cannot write") from None
    return path.absolute()


def write_atomic(
    path: Path, data: bytes, *, like: Path | None = None, copy: Path | None = None
) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    The file keeps its mode, and its owner and group where this user may set them. A new file
    takes the mode of ``like`` (the session, for its exported document) or, without one, what
    the umask allows. A ``copy`` of another file (the session's autosave) always takes that
    file's mode. A read-only file is refused, never replaced. A
    device, a FIFO or ``/dev/stdout`` is written plainly: replacing one would put a regular
    file in its place. Every failure is a `StorageError`.
    """
    target = _target(path)
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise os_error(path, error, "cannot write") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise StorageError(path, "is a folder", hint=_HINTS[errno.EISDIR])
    if (info is not None and not stat.S_ISREG(info.st_mode)) or _is_special(path, target):
        _write_plainly(path, data)
        return
    if info is not None and is_read_only(info, target):
        raise StorageError(
            path,
            "is read-only, so it was not overwritten",
            hint="save it as another file (or make it writable with chmod u+w)",
        )
    mode = stat.S_IMODE(info.st_mode) if info is not None else _mode_of(like)
    copied = _mode_of(copy)
    mode = copied if copied is not None else mode
    tmp = ""
    try:
        fd, tmp = _create_temp(target, 0o600 if mode is not None else 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            if mode is not None:
                os.fchmod(fd, mode)
            if info is not None:
                _keep_owner(fd, info)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        tmp = ""
        _fsync_directory(target.parent)
    except OSError as error:
        raise os_error(path, error, "cannot write") from None
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _is_special(path: Path, target: Path) -> bool:
    """/dev/stdout, /dev/fd/1, /proc/self/fd/1: whatever they point at, write through them."""
    return any(str(p).startswith(("/dev/", "/proc/")) for p in (path.absolute(), target))


def _write_plainly(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise os_error(path, error, "cannot write") from None


def _mode_of(like: Path | None) -> int | None:
    if like is None:
        return None
    try:
        return stat.S_IMODE(like.stat().st_mode)
    except OSError:
        return None


def _create_temp(target: Path, mode: int) -> tuple[int, str]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    while True:
        name = str(target.parent / f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            return os.open(name, flags, mode), name
        except FileExistsError:
            continue


def _keep_owner(fd: int, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group; a user who may not (only root may
    give a file away) keeps at least the group when they belong to it."""
    if (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, info.st_gid)


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
