"""Provides what a read-only view of a session needs: the newer of the file and its autosave,
read again whenever either changes, and the change between two versions as one Edit."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from agenda.agendas import Agenda, resolve_agenda
from agenda.errors import StorageError
from agenda.files import read_text
from agenda.history import Edit
from agenda.model import Session
from agenda.safety import DRAFTS, recovery_path
from agenda.storage import parse_toml, refuse_conflict_markers, session_from_data


class Source(StrEnum):
    """Which of the two files a version was read from."""

    FILE = "file"
    AUTOSAVE = "autosave"


@dataclass(frozen=True)
class Version:
    """One version of the session as the facilitator's copy left it on disk."""

    session: Session
    agenda: Agenda
    source: Source
    """The session file (saved), or its autosave (the facilitator's unsaved edits)."""
    modified: datetime
    """When that file was written."""


@dataclass(frozen=True)
class Unreadable:
    """The version to show cannot be read; the view keeps the last one it read."""

    error: StorageError

    @property
    def message(self) -> str:
        return self.error.message


Stamp = tuple[int, int, int]
"""A file's inode, size and modification time in nanoseconds: an atomic save changes all
three, a rewrite in place at least the time."""


def _stamp(path: Path) -> Stamp | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


class Follower:
    """Watches one session file and its autosave for a read-only view; takes no lock.

    `poll` is cheap while nothing changed (two `stat` calls); when either file changed it
    reads the newer of the two and returns it, unless it holds what is shown already.
    Meant for one worker thread at a time.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamps: tuple[Stamp | None, Stamp | None] | None = None
        self._shown: tuple[Source, str] | None = None
        self._agenda: tuple[str, Agenda] | None = None

    def poll(self) -> Version | Unreadable | None:
        """The version to show now, if it differs from the last one returned."""
        autosave = recovery_path(self.path)
        stamps = (_stamp(self.path), _stamp(autosave))
        if stamps == self._stamps:
            return None
        self._stamps = stamps
        saved, autosaved = stamps
        if saved is None and autosaved is None:
            return Unreadable(StorageError(self.path, "no such file any more (moved or deleted?)"))
        newer_autosave = autosaved is not None and (saved is None or autosaved[2] >= saved[2])
        source = Source.AUTOSAVE if newer_autosave else Source.FILE
        read = autosave if newer_autosave else self.path
        stamp = autosaved if newer_autosave else saved
        assert stamp is not None
        try:
            text = read_text(read)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if self._shown == (source, digest):
                return None
            session = _parse(text, read, source)
            agenda = self._agenda_of(session)
        except StorageError as error:
            if _stamp(read) is None:  # a save removed the autosave between stat and read
                self._stamps = None  # look again next time, at what the save left
                return None
            return Unreadable(error)  # said once: read again when either file changes
        self._shown = (source, digest)
        return Version(session, agenda, source, datetime.fromtimestamp(stamp[2] / 1e9, UTC))

    def _agenda_of(self, session: Session) -> Agenda:
        name = session.meeting.agenda
        if self._agenda is None or self._agenda[0] != name:
            self._agenda = (name, resolve_agenda(name, self.path))
        return self._agenda[1]


def _parse(text: str, path: Path, source: Source) -> Session:
    """The session in a file's text. Unlike `loads_session`, it does not note the text's
    layout, which only a copy that saves needs (a third of the time at 5,000 events)."""
    if not text.strip():
        raise StorageError(path, "file is empty")
    refuse_conflict_markers(text, path)
    data = parse_toml(text, path)
    if source is Source.AUTOSAVE:
        data.pop(DRAFTS, None)  # what was typed but not sent stays the facilitator's
    return session_from_data(data, path)


# ---- the change between two versions ----------------------------------------------------------


def change_between(before: Session, after: Session) -> Edit | None:
    """The change from ``before`` to ``after`` as an Edit that touches only what differs (the
    ids of changed items, the names of changed sections), so a view updates in place; None
    when the two hold the same."""
    touched: set[str] = set()
    _compare(before, after, touched, top=True)
    if before.analysis.question_style != after.analysis.question_style:
        touched.update(why.id for why in after.analysis.whys)  # every label says why or how
    if not touched:
        return None
    metrics = before.incident.times != after.incident.times or before.timeline != after.timeline

    changed = [
        name for name in Session.model_fields if getattr(before, name) != getattr(after, name)
    ]

    def replace(session: Session, by: Session) -> None:
        for name in changed:  # the others are equal already: not validated again
            setattr(session, name, getattr(by, name))

    return Edit(
        "reload",
        lambda s: replace(s, after),
        lambda s: replace(s, before),
        frozenset(touched),
        metrics=metrics,
    )


def _compare(before: BaseModel, after: BaseModel, touched: set[str], *, top: bool) -> None:
    for name in type(before).model_fields:
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        if _has_ids(old) or _has_ids(new):
            changed = _changed_ids(old, new)
            touched.update(changed or {item.id for item in new})  # only the order moved: all
        elif top and isinstance(new, BaseModel) and name == "analysis":
            _compare(old, new, touched, top=False)
        else:
            touched.add(name)
        if not top:
            touched.add("analysis")


def _has_ids(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and hasattr(value[0], "id")


def _changed_ids(old: list[Any], new: list[Any]) -> set[str]:
    was = {item.id: item for item in old}
    now = {item.id: item for item in new}
    return {i for i in was.keys() | now.keys() if was.get(i) != now.get(i)}
