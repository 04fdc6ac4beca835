"""Provides TOML load and save of sessions: validation, migration and atomic, faithful writes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from agenda.errors import StorageError
from agenda.model import SCHEMA_VERSION, Session

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Larger files are refused before parsing: no real postmortem comes near this."""

NEW_FILE_MODE = 0o644

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""Upgrades a file's data from version N to N + 1, keyed by N."""


def load_session(path: str | Path) -> Session:
    """Read and validate a session file; any failure raises `StorageError`."""
    path = Path(path)
    return loads_session(read_text(path), path)


def loads_session(text: str, path: str | Path = "<session>") -> Session:
    """Parse and validate a session from TOML text."""
    path = Path(path)
    return session_from_data(_parse_toml(text, path), path)


def session_from_data(data: dict[str, Any], path: str | Path = "<session>") -> Session:
    """Migrate and validate parsed TOML data into a session."""
    path = Path(path)
    data = _migrate(data, path)
    try:
        return Session.model_validate(data)
    except ValidationError as error:
        raise validation_error(error, path) from None


def save_session(session: Session, path: str | Path) -> str:
    """Write the session atomically, keeping the file's mode; returns the SHA-256 of the bytes."""
    data = dumps_session(session).encode("utf-8")
    write_atomic(Path(path), data)
    return hashlib.sha256(data).hexdigest()


def dumps_session(session: Session) -> str:
    """The session as TOML with a stable layout; checked to parse back equal before it is used."""
    return render_snapshot(snapshot(session), session)


def snapshot(session: Session) -> dict[str, Any]:
    """A plain copy of the session's data, taken at once (pydantic-core dumps it while holding
    the GIL), that a worker thread can render while the UI goes on editing the session."""
    return session.model_dump(mode="python")


def render_snapshot(data: dict[str, Any], session: Session | None = None) -> str:
    """TOML for a snapshot, checked to parse back equal to it (or to ``session``)."""
    text = "".join(_emit_table(_strip_empty(_without_unset_imports(data)), name="", array=False))
    try:
        again = Session.model_validate(tomllib.loads(text))
        expected = session if session is not None else Session.model_validate(data)
    except (tomllib.TOMLDecodeError, ValidationError) as error:  # pragma: no cover - a bug guard
        raise StorageError(
            "<session>", f"the session did not serialise faithfully: {error}"
        ) from None
    if again != expected:  # pragma: no cover - a bug guard
        raise StorageError("<session>", "the session did not serialise faithfully")
    return text


def file_digest(path: str | Path) -> str | None:
    """SHA-256 of a file's bytes as they are on disk now, or None when it does not exist."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def file_modified(path: str | Path) -> datetime | None:
    """When the file was last written, in UTC, or None when it does not exist."""
    try:
        return datetime.fromtimestamp(Path(path).stat().st_mtime, UTC)
    except OSError:
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file."""
    target = path.resolve() if path.is_symlink() else path.absolute()
    directory = target.parent
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    except OSError as error:
        raise _os_error(target, error, "cannot write") from None
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
        tmp_name = ""
        _fsync_directory(directory)
    except OSError as error:
        raise _os_error(target, error, "cannot write") from None
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


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


def _os_error(path: Path, error: OSError, doing: str) -> StorageError:
    reason = error.strerror or str(error)
    hints = {
        "Permission denied": "check the file's permissions or save it somewhere else",
        "Read-only file system": "save it somewhere writable",
        "No space left on device": "free some disk space or save it somewhere else",
        "No such file or directory": "check the path",
        "Is a directory": "give a file name, not a folder",
    }
    return StorageError(path, f"{doing}: {reason}", hint=hints.get(reason, ""))


# ---- reading -------------------------------------------------------------------


def read_text(path: Path, what: str = "session") -> str:
    """A TOML file's text, refused with a `StorageError` when it cannot be a readable file."""
    try:
        info = path.stat()
        size = info.st_size
        if stat.S_ISDIR(info.st_mode):
            raise StorageError(path, f"is a folder, not a {what} file", hint="give a .toml file")
        if not stat.S_ISREG(info.st_mode):
            raise StorageError(path, f"is not a regular file, so not a {what} file")
        if size > MAX_FILE_BYTES:
            raise StorageError(
                path,
                f"file is {size // (1024 * 1024)} MiB, more than a session can be "
                f"({MAX_FILE_BYTES // (1024 * 1024)} MiB)",
                hint="check that this is a postmortem session file",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StorageError(path, "no such file", hint="check the path") from None
    except OSError as error:
        raise _os_error(path, error, "cannot read") from None
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


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    if not text.strip():
        raise StorageError(
            path, "file is empty", hint="create a session with: facilitator new FILE"
        )
    return parse_toml(text, path)


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    """TOML text as data; a syntax error names its line and column."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise StorageError(path, "invalid TOML: nested too deeply to read") from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _TOML_POSITION.search(message)
        where = "end of file"
        if found and found.group(1):
            where = f"line {found.group(1)}, column {found.group(2)}"
        problem = _TOML_POSITION.sub("", message)
        raise StorageError(
            path, f"invalid TOML: {problem}", where=where, hint="fix the syntax there"
        ) from None


def _migrate(data: dict[str, Any], path: Path) -> dict[str, Any]:
    version = data.get("schema_version")
    if version is None:
        raise StorageError(
            path,
            "no schema_version: not a postmortem session file",
            hint=f"add 'schema_version = {SCHEMA_VERSION}' at the top if it is one",
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StorageError(
            path,
            f"schema_version must be a whole number from 1, not {version!r}",
            where="schema_version",
        )
    if version > SCHEMA_VERSION:
        raise StorageError(
            path,
            f"written by a newer version of the app (schema_version {version}; "
            f"this one reads up to {SCHEMA_VERSION})",
            hint="upgrade postmortem-facilitator to open it",
        )
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def validation_error(
    error: ValidationError, path: Path, error_type: type[StorageError] = StorageError
) -> StorageError:
    """The first problem pydantic found, as one line with its field path."""
    errors = error.errors(include_url=False)
    first = errors[0]
    where = field_path(first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown key"
        hint = "remove it or check its spelling"
    elif first["type"] == "missing":
        message = "missing"
        hint = "add it"
    else:
        hint = ""
        given = first.get("input")
        if not isinstance(given, dict | list) and given is not None:
            shown = _shown(given)
            message += f" (found {shown[:60]}{'…' if len(shown) > 60 else ''})"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return error_type(path, message, where=where, hint=hint)


def _shown(value: Any) -> str:
    """A value as it would be written in the file, not as Python prints it."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def field_path(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "session"


# ---- writing -------------------------------------------------------------------


def _strip_empty(value: Any) -> Any:
    """Drop None (TOML has no null) and empty lists and tables (the defaults restore them)."""
    if isinstance(value, Mapping):
        stripped = {k: _strip_empty(v) for k, v in value.items()}
        return {k: v for k, v in stripped.items() if not _is_empty(v)}
    if isinstance(value, list):
        return [_strip_empty(v) for v in value]
    if isinstance(value, str):  # StrEnum members become plain strings
        return str(value)
    return value


_EVENT_UNSET: dict[str, Any] = {"who": "", "approximate": False}
"""Event fields added for imports, left out while unset so that a session without imported
events is written exactly as before they existed (and older code still reads it)."""


def _without_unset_imports(data: dict[str, Any]) -> dict[str, Any]:
    events = data.get("timeline")
    if not events:
        return data
    trimmed = []
    for event in events:
        kept = {k: v for k, v in event.items() if _EVENT_UNSET.get(k, ...) != v}
        if kept.get("sources"):
            kept["sources"] = [{k: v for k, v in s.items() if v != ""} for s in kept["sources"]]
        trimmed.append(kept)
    return {**data, "timeline": trimmed}


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, list | dict) and not value)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _emit_table(table: dict[str, Any], *, name: str, array: bool) -> list[str]:
    """One table's lines: its own keys first, then sub-tables, then arrays of tables, always
    written as ``[[name]]`` blocks so that a diff never flips between inline and block form."""
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict) and not _is_table_array(v)}
    chunks: list[str] = []
    if name:
        chunks.append(f"\n[[{name}]]\n" if array else f"\n[{name}]\n")
    if scalars:
        chunks.append(tomli_w.dumps(scalars, multiline_strings=_multiline_safe(scalars)))
    for key, value in table.items():
        child = f"{name}.{key}" if name else key
        if isinstance(value, dict):
            chunks.extend(_emit_table(value, name=child, array=False))
        elif _is_table_array(value):
            for item in value:
                chunks.extend(_emit_table(item, name=child, array=True))
    return chunks


def _multiline_safe(scalars: dict[str, Any]) -> bool:
    """tomli-w's multiline strings turn CRLF into LF; use them only where no string has a CR."""

    def strings(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    return not any("\r" in s for v in scalars.values() for s in strings(v))
