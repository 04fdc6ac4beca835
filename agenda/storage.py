"""Provides TOML load and save of sessions: validation, migration, and saves that change only
what changed (see agenda/layout.py), written atomically (see agenda/files.py)."""

from __future__ import annotations

import copy
import copyreg
import hashlib
import re
import tomllib
import weakref
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

import rtoml
from pydantic import ValidationError

from agenda.errors import StorageError
from agenda.files import (
    MAX_FILE_BYTES,
    exists,
    file_digest,
    file_modified,
    is_read_only,
    os_error,
    read_text,
    write_atomic,
)
from agenda.layout import Layout, render, scan
from agenda.model import SCHEMA_VERSION, Event, KeyEvents, Session

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _mark_key_events(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: a key time becomes the mark of the (first) event at that time; a key time
    no event carries keeps its own time."""
    incident = data.get("incident")
    timeline = data.get("timeline")
    if not isinstance(incident, dict) or not isinstance(timeline, list):
        return data
    times = incident.get("times")
    if not isinstance(times, dict) or "key_events" in incident:
        return data
    marks: dict[str, str] = {}
    for key, moment in times.items():
        if not _aware(moment):
            continue
        for event in timeline:
            at = event.get("at") if isinstance(event, dict) else None
            if _aware(at) and at == moment and isinstance(event.get("id"), str):
                marks[key] = event["id"]
                break
    if marks:
        incident["key_events"] = marks
    return data


def _aware(value: Any) -> bool:
    return isinstance(value, datetime) and value.utcoffset() is not None


def _unmarked(data: dict[str, Any]) -> dict[str, Any]:
    """A session dump as a version 1 file held it: no key events."""
    data["schema_version"] = 1
    data["incident"]["key_events"] = KeyEvents().model_dump()
    return data


MIGRATIONS: dict[int, Migration] = {1: _mark_key_events}
"""Upgrades a file's data from version N to N + 1, keyed by N."""

AS_WRITTEN: dict[int, Migration] = {1: _unmarked}
"""For a file of version N whose migrations up to now only added values: a migrated session's
dump as the file of version N held it."""


def load_session(path: str | Path) -> Session:
    """Read and validate a session file; any failure raises `StorageError`."""
    path = Path(path)
    return loads_session(read_text(path), path)


def loads_session(text: str, path: str | Path = "<session>") -> Session:
    """Parse and validate a session from TOML text; the session remembers the text, so that
    saving it changes only what changed."""
    path = Path(path)
    refuse_conflict_markers(text, path)
    raw = _parse_toml(text, path)
    version = raw.get("schema_version")
    session = session_from_data(raw, path)
    if version == SCHEMA_VERSION:
        remember(session, scan(text, raw, snapshot(session)))
    elif version in AS_WRITTEN:
        # A migration that only adds values: the blocks hold what the old file said, so the
        # first save rewrites schema_version and adds the new tables, keeping every comment.
        remember(session, scan(text, raw, AS_WRITTEN[version](snapshot(session))))
    return session  # any other migrated file is written afresh


def session_from_data(data: dict[str, Any], path: str | Path = "<session>") -> Session:
    """Migrate and validate parsed TOML data into a session."""
    path = Path(path)
    data = _migrate(data, path)
    try:
        return Session.model_validate(data)
    except ValidationError as error:
        raise validation_error(error, path, data=data) from None


def save_session(session: Session, path: str | Path) -> str:
    """Write the session atomically, keeping the file's mode; returns the SHA-256 of the bytes.

    Only what changed since the session was loaded (or last saved) is rewritten: untouched
    items keep their bytes, comments and key order. A read-only file is refused."""
    layout = render(snapshot(session), layout_of(session))
    data = layout.text.encode("utf-8")
    write_atomic(Path(path), data)
    remember(session, layout)
    return hashlib.sha256(data).hexdigest()


def dumps_session(session: Session) -> str:
    """The session as TOML: its file's text where nothing changed, a stable layout elsewhere."""
    return render(snapshot(session), layout_of(session)).text


def snapshot(session: Session) -> dict[str, Any]:
    """A plain copy of the session's data, taken at once (pydantic-core dumps it while holding
    the GIL), that a worker thread can render while the UI goes on editing the session."""
    return session.model_dump(mode="python")


def session_from_snapshot(data: dict[str, Any]) -> Session:
    """The session a snapshot was taken of, rebuilt in a worker (for the checks, the export).

    Pydantic validates a whole session in one call that holds the GIL: about 100 ms at 5,000
    events, during which the UI thread cannot run. Validated event by event, the interpreter
    can switch to the UI thread between them; the session then takes the events as they are."""
    events = [Event.model_validate(event) for event in data.get("timeline", ())]
    return Session.model_validate({**data, "timeline": events})


def render_snapshot(data: dict[str, Any], base: Layout | None = None) -> str:
    """TOML for a snapshot; with ``base`` (`layout_of` the session, taken with the snapshot),
    only what changed since is rewritten. Safe to call from a worker thread."""
    return render(data, base).text


# ---- what a session was read from -------------------------------------------------------------

_LAYOUTS: dict[int, Layout] = {}


def layout_of(session: Session) -> Layout | None:
    """The text the session was loaded from or last saved as, block by block (None for a
    session built in memory): the base a save edits, so only what changed changes."""
    return _LAYOUTS.get(id(session))


def remember(session: Session, layout: Layout | None) -> None:
    """Record what the session's file now holds, after a load or a successful save (for a
    worker's save: on the UI thread, once the write succeeded)."""
    key = id(session)
    if layout is None:
        _LAYOUTS.pop(key, None)
        return
    if key not in _LAYOUTS:
        weakref.finalize(session, _LAYOUTS.pop, key, None)
    _LAYOUTS[key] = layout


# ---- reading -------------------------------------------------------------------

_CONFLICT = re.compile(r"^(?:<{7}|>{7}|\|{7})(?: .*)?$|^={7}$", re.MULTILINE)


def refuse_conflict_markers(text: str, path: Path) -> None:
    """A file in the middle of a git merge is refused, naming the first marker's line: loaded,
    ``<<<<<<< HEAD`` would sit in a text field and be published."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return
    found = _CONFLICT.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    raise StorageError(
        path,
        f"git conflict marker {found.group(0)[:40]!s}",
        where=f"line {line}",
        hint="resolve the git conflict first",
    )


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    if not text.strip():
        raise StorageError(
            path, "file is empty", hint="create a session with: facilitator new FILE"
        )
    return parse_toml(text, path)


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    """TOML text as data; a syntax error names its line and column.

    rtoml (Rust) reads a 5,000-event session in about 15 ms where tomllib takes 140: most of
    opening one. Whatever rtoml refuses, tomllib reads again, so an error keeps tomllib's
    words, line and column, and what only tomllib accepts still reads as before."""
    try:
        return rtoml.loads(text)
    except (ValueError, RecursionError, OverflowError):
        pass
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise StorageError(path, "invalid TOML: nested too deeply to read") from None
    except ValueError as error:  # Python refuses to read an integer of more than 4,300 digits
        if isinstance(error, tomllib.TOMLDecodeError):
            raise _syntax_error(error, path) from None
        found = _HUGE_NUMBER.search(text)
        where = f"line {text.count(chr(10), 0, found.start()) + 1}" if found else ""
        raise StorageError(
            path, "a number far too large to be a value here", where=where, hint="remove it"
        ) from None


_ANY_MOMENT = datetime(2000, 1, 1)


def _copied_as_timezone(zone: tzinfo) -> tuple[type[timezone], tuple[timedelta]]:
    return timezone, (zone.utcoffset(_ANY_MOMENT) or timedelta(0),)  # a fixed offset


# rtoml's own time-zone class cannot be copied, which undo and snapshots do to what was read:
# a copy of one is the `datetime.timezone` tomllib would have given (no walk over the data).
copyreg.pickle(type(rtoml.loads("t = 2000-01-01T00:00:00Z")["t"].tzinfo), _copied_as_timezone)


_HUGE_NUMBER = re.compile(r"[0-9][0-9_]{4299,}")


def _syntax_error(error: tomllib.TOMLDecodeError, path: Path) -> StorageError:
    message = str(error)
    found = _TOML_POSITION.search(message)
    where = "end of file"
    if found and found.group(1):
        where = f"line {found.group(1)}, column {found.group(2)}"
    problem = _TOML_POSITION.sub("", message)
    return StorageError(path, f"invalid TOML: {problem}", where=where, hint="fix the syntax there")


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
            f"schema_version must be a whole number from 1, not {_shown(version)}",
            where="schema_version",
        )
    if version > SCHEMA_VERSION:
        raise StorageError(
            path,
            f"written by a newer version of the app (schema_version {version}; "
            f"this one reads up to {SCHEMA_VERSION})",
            hint="upgrade postmortem-facilitator to open it",
        )
    if version < SCHEMA_VERSION:
        data = copy.deepcopy(data)  # the parsed file stays as it was: its layout is read from it
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def validation_error(
    error: ValidationError,
    path: Path,
    error_type: type[StorageError] = StorageError,
    *,
    data: Any = None,
) -> StorageError:
    """The first problem pydantic found, as one line with its field path; given the ``data``
    validated, an item in a list is named by its id too: "timeline[15].kind (E16)"."""
    errors = error.errors(include_url=False)
    first = errors[0]
    where = field_path(first["loc"], data)
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
    if isinstance(value, int) and abs(value) >= 10**30:
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    return str(value)


def field_path(loc: tuple[int | str, ...], data: Any = None) -> str:
    """ "timeline[15].kind", and the id of the (innermost) item it is in, as users know it:
    "timeline[15].kind (E16)"."""
    text, item_id = "", ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
        data = _step(data, part)
        if isinstance(part, int) and isinstance(data, dict) and isinstance(data.get("id"), str):
            item_id = data["id"]
    text = text or "session"
    return f"{text} ({item_id})" if item_id.strip() else text


def _step(data: Any, part: int | str) -> Any:
    if isinstance(part, int):
        return data[part] if isinstance(data, list) and 0 <= part < len(data) else None
    return data.get(part) if isinstance(data, dict) else None


__all__ = [
    "MAX_FILE_BYTES",
    "MIGRATIONS",
    "Layout",
    "dumps_session",
    "exists",
    "field_path",
    "file_digest",
    "file_modified",
    "is_read_only",
    "layout_of",
    "load_session",
    "loads_session",
    "os_error",
    "parse_toml",
    "read_text",
    "refuse_conflict_markers",
    "remember",
    "render",
    "render_snapshot",
    "save_session",
    "session_from_data",
    "snapshot",
    "validation_error",
    "write_atomic",
]
