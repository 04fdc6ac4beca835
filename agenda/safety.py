"""Provides what keeps a session safe beside its file: the recovery file, the lock (see
agenda/locking.py) and outputs that never overwrite it."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from agenda.errors import StorageError
from agenda.files import TEMP_SUFFIX
from agenda.locking import (
    Lock,
    acquire_lock,
    lock_holder,
    lock_path,
    read_lock,
    refuse_if_held,
    release_lock,
    writing,
)
from agenda.model import Session
from agenda.storage import file_modified, parse_toml, read_text, session_from_data, write_atomic
from agenda.tomlwrite import key, string
from agenda.visible import visible


def recovery_path(path: Path) -> Path:
    """Where the autosave of ``path`` lives: ``.NAME.toml.autosave`` beside it."""
    return path.parent / f".{path.name}.autosave"


# ---- recovery -----------------------------------------------------------------------------------


DRAFTS = "drafts"
"""The recovery file's table of text typed but not yet submitted (the quick-add line, an open
form or dialog), by the app's own names for where it was typed."""


def write_recovery(text: str, path: Path, drafts: Mapping[str, str] | None = None) -> None:
    """Write the session's TOML (already serialised, e.g. by `agenda.storage.render`) to its
    recovery file, atomically, with the session file's mode, and after it ``drafts``: what
    was typed but not yet submitted, keyed by where (empty texts left out). Refused with a
    `StorageError` while another live copy of the app holds the lock: the recovery file is
    that copy's."""
    refuse_if_held(path, "not autosaved")
    typed = {name: value for name, value in (drafts or {}).items() if value}
    if typed:
        lines = "".join(f"{key(name)} = {string(value)}\n" for name, value in typed.items())
        text = f"{text.rstrip(chr(10))}\n\n[{DRAFTS}]  # typed, not yet submitted\n{lines}"
    write_atomic(recovery_path(path), text.encode("utf-8"), copy=path)


def read_recovery(path: Path) -> tuple[Session, dict[str, str]]:
    """The session a recovery file holds and its drafts; `StorageError` when it cannot be
    read. (Call `pending_recovery` instead: it also checks who holds the lock.)"""
    recovery = recovery_path(path)
    data = parse_toml(read_text(recovery), recovery)
    drafts = data.pop(DRAFTS, {})
    session = session_from_data(data, recovery)
    if not isinstance(drafts, dict):
        return session, {}
    return session, {str(k): v for k, v in drafts.items() if isinstance(v, str) and v}


def remove_recovery(path: Path) -> None:
    """Delete the recovery file (after a save, or when the user discards it or quits without
    saving); left alone while another live copy holds the lock, since it is that copy's."""
    if lock_holder(path) is not None:
        return
    with contextlib.suppress(OSError):
        recovery_path(path).unlink()


@dataclass(frozen=True)
class Recovery:
    """A recovery file that differs from its session, and what differs."""

    session: Session
    saved: datetime
    changes: str
    drafts: dict[str, str] = field(default_factory=dict)
    """Text typed but not yet submitted when it was written, by where it was typed: the app
    puts each back where it was."""


def pending_recovery(path: Path, current: Session | None) -> Recovery | None:
    """The autosaved session whenever it differs from ``current`` (the file as loaded; None
    for a file that does not exist), whatever the two files' times: a ``git pull`` or a
    ``touch`` after a crash must not hide the crash's work.

    None when there is no recovery file, it holds what the file holds, it cannot be read, or
    another live copy of the app holds the lock (the recovery file is then that copy's)."""
    recovery = recovery_path(path)
    saved = file_modified(recovery)
    if saved is None or lock_holder(path) is not None:
        return None
    try:
        session, drafts = read_recovery(path)
    except StorageError:
        return None
    if current is not None and session == current and not drafts:
        return None
    changes = count_changes(current, session)
    if drafts:
        changes += f", and {len(drafts)} text{'s' if len(drafts) > 1 else ''} typed but not sent"
    return Recovery(session, saved, changes, drafts)


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


# ---- outputs ----------------------------------------------------------------------------------

_OURS = re.compile(rf"^\..+\.(?:autosave|lock)$|^\..+{re.escape(TEMP_SUFFIX)}$")
"""A recovery file, a lock or a save's temporary file, of any session."""


def refuse_clobbering(target: Path, session_path: Path) -> None:
    """Refuse (`StorageError`) an output that would overwrite what it was made from: the session,
    its recovery file or its lock, by any path that leads to them (a symlink, a hard link, a
    different spelling), any session's recovery file, lock or temporary file, or a file that
    holds a session."""
    keep = {
        session_path: "the session file itself",
        recovery_path(session_path): "the session's recovery file",
        lock_path(session_path): "the session's lock",
    }
    for path, what in keep.items():
        if _same_file(target, path):
            raise StorageError(target, f"that is {what}", hint="choose another output file")
    if _OURS.match(target.name):
        raise StorageError(
            target,
            "that name is kept for a session's recovery file, lock or save in progress",
            hint="choose another output file",
        )
    if _holds_a_session(target):
        raise StorageError(
            target,
            "holds a postmortem session, so it was not overwritten",
            hint="choose another output file",
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:  # one of them does not exist yet: compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def _holds_a_session(path: Path) -> bool:
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return False
    return re.search(rb"(?m)^[ \t]*schema_version[ \t]*=", head) is not None


def write_document(document: str, target: Path, session_path: Path) -> None:
    """Write an exported document: refused when it would overwrite the session or anything
    kept beside it (`refuse_clobbering`); a new file takes the session's mode (a private
    session makes a private document); a device, a FIFO or /dev/stdout is written plainly.
    Control characters from the session are made visible (newlines and tabs kept): a
    document is for reading, and one ``cat`` of it must not drive the terminal."""
    refuse_clobbering(target, session_path)
    data = visible(document, multiline=True).encode("utf-8")
    write_atomic(target, data, like=session_path)


__all__ = [
    "DRAFTS",
    "Lock",
    "Recovery",
    "acquire_lock",
    "count_changes",
    "lock_holder",
    "lock_path",
    "pending_recovery",
    "read_lock",
    "read_recovery",
    "recovery_path",
    "refuse_clobbering",
    "release_lock",
    "remove_recovery",
    "write_document",
    "write_recovery",
    "writing",
]
